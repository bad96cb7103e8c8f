package dev.stockhold.engine.ledger;

/**
 * A short ASCII code kept inside a row of longs, so that a lookup compares it against the row it reads
 * anyway instead of chasing the code's String: the length (or {@link #NOT_INLINE}) in the first long, then
 * the characters, eight to a long, the first in the lowest byte. Stateless.
 */
final class InlineKeys
{
    /** The length stored for a code kept only as its String (too long, or not ASCII): no code has it. */
    static final int NOT_INLINE = -1;

    private InlineKeys()
    {
    }

    /** Stores {@code code} at {@code at} when it fits in {@code longs} longs after the length and is ASCII. */
    static void store(final long[] data, final int at, final int longs, final String code)
    {
        data[at] = NOT_INLINE;
        if (code.length() > longs * Long.BYTES)
        {
            return;
        }
        for (int from = 0, word = at + 1; from < code.length(); from += Long.BYTES, word++)
        {
            final long packed = pack(code, from);
            if (packed < 0)
            {
                return;
            }
            data[word] = packed;
        }
        data[at] = code.length();
    }

    /** @return 1 when the key at {@code at} is {@code code}, 0 when not, {@link #NOT_INLINE} when not kept inline. */
    static int matches(final long[] data, final int at, final String code)
    {
        final long length = data[at];
        if (length == NOT_INLINE)
        {
            return NOT_INLINE;
        }
        if (length != code.length())
        {
            return 0;
        }
        for (int from = 0, word = at + 1; from < length; from += Long.BYTES, word++)
        {
            final long packed = pack(code, from);
            if (packed < 0 || packed != data[word])
            {
                return 0;
            }
        }
        return 1;
    }

    /**
     * @return up to eight characters of {@code code} from {@code from}, one byte each, the first in the
     * lowest byte; or -1 when one of them is not ASCII. Packed ASCII never has the sign bit set.
     */
    private static long pack(final String code, final int from)
    {
        final int end = Math.min(code.length(), from + Long.BYTES);
        long packed = 0;
        for (int i = end - 1; i >= from; i--)
        {
            final char c = code.charAt(i);
            if (c > 0x7F)
            {
                return -1;
            }
            packed = packed << 8 | c;
        }
        return packed;
    }
}
