package dev.stockhold.gateway.binary;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Turns ASCII bytes into Strings, reusing the String made last time for the same bytes: SKU, warehouse
 * and channel codes repeat from request to request, so decoding them allocates nothing once seen.
 * <p>
 * A direct-mapped table of recent codes: a collision simply replaces the older entry, so memory is fixed
 * at {@link #SLOTS} references whatever the traffic. Not thread-safe: one per connection.
 */
final class CodeInterner
{
    /** Table size, a power of two. */
    static final int SLOTS = 4096;

    private final String[] table = new String[SLOTS];
    private final byte[] scratch = new byte[1 << 16];

    /** @return a String of the {@code length} ASCII bytes at {@code offset}, cached for next time. */
    String intern(final DirectBuffer buffer, final int offset, final int length)
    {
        int hash = 0;
        for (int i = 0; i < length; i++)
        {
            // The same hash as String.hashCode() of an ASCII string, which the String caches.
            hash = 31 * hash + buffer.getByte(offset + i);
        }
        final int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        final String cached = table[slot];
        if (cached != null && cached.hashCode() == hash && sameBytes(cached, buffer, offset, length))
        {
            return cached;
        }
        final String made = fresh(buffer, offset, length);
        table[slot] = made;
        return made;
    }

    /** @return a new String of the bytes, without caching it (order ids, keys: unique per request). */
    String fresh(final DirectBuffer buffer, final int offset, final int length)
    {
        buffer.getBytes(offset, scratch, 0, length);
        return new String(scratch, 0, length, StandardCharsets.US_ASCII);
    }

    private static boolean sameBytes(final String cached, final DirectBuffer buffer, final int offset,
        final int length)
    {
        if (cached.length() != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (cached.charAt(i) != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }
}
