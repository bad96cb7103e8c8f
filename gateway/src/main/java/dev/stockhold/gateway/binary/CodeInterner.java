package dev.stockhold.gateway.binary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns ASCII bytes into Strings, reusing the String made last time for the same bytes: SKU, warehouse
 * and channel codes repeat from request to request, so decoding them allocates nothing once seen.
 * <p>
 * A direct-mapped table of recent codes: a collision simply replaces the older entry, so memory is fixed
 * at {@link #SLOTS} entries whatever the traffic. Not thread-safe: one per connection.
 */
public final class CodeInterner
{
    /** Table size, a power of two. */
    static final int SLOTS = 4096;

    private final String[] strings = new String[SLOTS];
    private final byte[][] bytes = new byte[SLOTS][];

    /** @return a String of the first {@code length} ASCII bytes of {@code source}, cached for next time. */
    public String intern(final byte[] source, final int length)
    {
        int hash = 0;
        for (int i = 0; i < length; i++)
        {
            hash = 31 * hash + source[i];
        }
        final int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        final byte[] cached = bytes[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, source, 0, length))
        {
            return strings[slot];
        }
        final byte[] copy = Arrays.copyOf(source, length);
        final String made = new String(copy, StandardCharsets.US_ASCII);
        bytes[slot] = copy;
        strings[slot] = made;
        return made;
    }

    /** @return a new String of the bytes, without caching it (order ids, keys: unique per request). */
    static String fresh(final byte[] source, final int length)
    {
        return new String(source, 0, length, StandardCharsets.US_ASCII);
    }
}
