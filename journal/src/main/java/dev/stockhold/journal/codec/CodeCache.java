package dev.stockhold.journal.codec;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Gives back the same String for the same ASCII bytes, for the SKU and warehouse codes a replay decodes
 * millions of times: no new String per entry, and the ledger's lookups find the String's hash already
 * cached. Direct-mapped and bounded (a miss just replaces the slot). One thread.
 */
final class CodeCache
{
    private static final int SLOTS = 1 << 14;
    private static final int MAX_CACHED_LENGTH = 64;

    private final String[] slots = new String[SLOTS];

    /**
     * @param buffer a heap-backed buffer: its bytes are read straight from the array, without a bounds
     *               check per byte.
     * @return the string of the {@code length} bytes at {@code index}, cached when short ASCII.
     */
    String get(final DirectBuffer buffer, final int index, final int length)
    {
        final byte[] bytes = buffer.byteArray();
        final int start = buffer.wrapAdjustment() + index;
        if (length > MAX_CACHED_LENGTH || start + length > bytes.length)
        {
            return buffer.getStringWithoutLengthUtf8(index, length);
        }
        int hash = length;
        int negative = 0;
        for (int i = start, end = start + length; i < end; i++)
        {
            final byte b = bytes[i];
            negative |= b;
            hash = 31 * hash + b;
        }
        if (negative < 0)
        {
            return buffer.getStringWithoutLengthUtf8(index, length);
        }
        final int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        final String cached = slots[slot];
        if (cached != null && matches(cached, bytes, start, length))
        {
            return cached;
        }
        final String value = new String(bytes, start, length, StandardCharsets.US_ASCII);
        slots[slot] = value;
        return value;
    }

    private static boolean matches(final String cached, final byte[] bytes, final int start, final int length)
    {
        if (cached.length() != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (cached.charAt(i) != bytes[start + i])
            {
                return false;
            }
        }
        return true;
    }
}
