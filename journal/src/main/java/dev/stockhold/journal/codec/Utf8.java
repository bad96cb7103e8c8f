package dev.stockhold.journal.codec;

import org.agrona.MutableDirectBuffer;

/** Writes a string as UTF-8 straight into a buffer, without the byte array {@code String.getBytes} allocates. */
final class Utf8
{
    private Utf8()
    {
    }

    /**
     * Encodes {@code value} at {@code index}; an unpaired surrogate becomes '?', as {@code getBytes} does.
     *
     * @return the index just past the last byte written.
     */
    static int encode(final String value, final MutableDirectBuffer buffer, final int index)
    {
        final int length = value.length();
        if (isAscii(value, length))
        {
            // The common case (codes, ids, keys): one capacity check and a plain copy loop.
            return index + buffer.putStringWithoutLengthAscii(index, value);
        }
        int at = index;
        for (int i = 0; i < length; i++)
        {
            final char c = value.charAt(i);
            if (c < 0x80)
            {
                buffer.putByte(at++, (byte)c);
            }
            else if (c < 0x800)
            {
                buffer.putByte(at++, (byte)(0xC0 | (c >> 6)));
                buffer.putByte(at++, (byte)(0x80 | (c & 0x3F)));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1)))
            {
                final int codePoint = Character.toCodePoint(c, value.charAt(++i));
                buffer.putByte(at++, (byte)(0xF0 | (codePoint >> 18)));
                buffer.putByte(at++, (byte)(0x80 | ((codePoint >> 12) & 0x3F)));
                buffer.putByte(at++, (byte)(0x80 | ((codePoint >> 6) & 0x3F)));
                buffer.putByte(at++, (byte)(0x80 | (codePoint & 0x3F)));
            }
            else if (Character.isSurrogate(c))
            {
                buffer.putByte(at++, (byte)'?');
            }
            else
            {
                buffer.putByte(at++, (byte)(0xE0 | (c >> 12)));
                buffer.putByte(at++, (byte)(0x80 | ((c >> 6) & 0x3F)));
                buffer.putByte(at++, (byte)(0x80 | (c & 0x3F)));
            }
        }
        return at;
    }

    private static boolean isAscii(final String value, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (value.charAt(i) >= 0x80)
            {
                return false;
            }
        }
        return true;
    }
}
