package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Validation;
import org.agrona.DirectBuffer;

/**
 * Validates the string fields of a request in place, in the frame's bytes, before any String is made:
 * garbage costs no allocation.
 */
final class AsciiFields
{
    /** An adjust reason: at most 256 printable ASCII characters, spaces allowed. */
    static final int REASON_MAX = 256;

    private AsciiFields()
    {
    }

    /** @return true for a SKU or warehouse code as Validation.isCode (or nothing, when {@code emptyAllowed}). */
    static boolean isCode(final DirectBuffer buffer, final int offset, final int length, final boolean emptyAllowed)
    {
        if (length == 0)
        {
            return emptyAllowed;
        }
        if (length > Validation.MAX_CODE_LENGTH)
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
