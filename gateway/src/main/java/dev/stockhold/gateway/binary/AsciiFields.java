package dev.stockhold.gateway.binary;

import org.agrona.DirectBuffer;

/**
 * Validates the string fields of a request in place, in the frame's bytes, before any String is made:
 * garbage costs no allocation.
 */
final class AsciiFields
{
    /** SKU, warehouse and order codes: 1..64 printable ASCII, no space, no '/'. */
    static final int CODE_MAX = 64;
    /** A channel name: at most 64 printable ASCII characters, spaces allowed. */
    static final int CHANNEL_MAX = 64;
    /** An idempotency key: 1..128 printable ASCII, no space. */
    static final int KEY_MAX = 128;
    /** An adjust reason: at most 256 printable ASCII characters, spaces allowed. */
    static final int REASON_MAX = 256;

    private AsciiFields()
    {
    }

    /** @return true when {@code length} bytes at {@code offset} form a code (or are empty and that is allowed). */
    static boolean isCode(final DirectBuffer buffer, final int offset, final int length, final boolean emptyAllowed)
    {
        if (length == 0)
        {
            return emptyAllowed;
        }
        if (length > CODE_MAX)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b <= ' ' || b > '~' || b == '/')
            {
                return false;
            }
        }
        return true;
    }

    /** @return true when the bytes are at most {@code maxLength} printable ASCII characters. */
    static boolean isText(final DirectBuffer buffer, final int offset, final int length, final int maxLength,
        final boolean spaceAllowed)
    {
        if (length > maxLength)
        {
            return false;
        }
        final byte lowest = spaceAllowed ? (byte)' ' : (byte)'!';
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b < lowest || b > '~')
            {
                return false;
            }
        }
        return true;
    }

    /** @return the bytes as a String, or null when empty (an absent optional field). */
    static String toStringOrNull(final DirectBuffer buffer, final int offset, final int length)
    {
        return length == 0 ? null : buffer.getStringWithoutLengthAscii(offset, length);
    }
}
