package dev.stockhold.journal.codec;

import org.agrona.DirectBuffer;

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

    /** @return the string of the {@code length} bytes at {@code index}, cached when short ASCII. */
    String get(final DirectBuffer buffer, final int index, final int length)
    {
        if (length > MAX_CACHED_LENGTH)
        {
            return buffer.getStringWithoutLengthUtf8(index, length);
        }
        int hash = length;
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(index + i);
            if (b < 0)
            {
                return buffer.getStringWithoutLengthUtf8(index, length);
            }
            hash = 31 * hash + b;
        }
        final int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        final String cached = slots[slot];
        if (cached != null && matches(cached, buffer, index, length))
        {
            return cached;
        }
        final String value = buffer.getStringWithoutLengthAscii(index, length);
        slots[slot] = value;
        return value;
    }

    private static boolean matches(final String cached, final DirectBuffer buffer, final int index, final int length)
    {
        if (cached.length() != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (cached.charAt(i) != buffer.getByte(index + i))
            {
                return false;
            }
        }
        return true;
    }
}
