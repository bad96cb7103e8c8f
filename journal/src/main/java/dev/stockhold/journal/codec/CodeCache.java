package dev.stockhold.journal.codec;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Gives back the same String for the same ASCII bytes, for the SKU, warehouse and channel codes a replay
 * decodes millions of times: no new String per entry, and the ledger, handed the instance it interned,
 * finds the String's hash cached and its keys equal by identity, without reading their characters.
 * <p>
 * An open-addressing table keyed by the code's bytes packed into longs: a hit compares three longs in one
 * array and never touches the String (a cache miss each). The table grows to hold every code it sees, up
 * to {@value #MAX_CODES}; past that limit new codes decode to new Strings (the same result, slower).
 * Codes longer than {@value #MAX_CACHED_LENGTH} bytes or not ASCII are never cached. One thread.
 */
final class CodeCache
{
    /** The longest code cached: {@code Validation.MAX_CODE_LENGTH}. */
    static final int MAX_CACHED_LENGTH = 64;
    /** The most codes held; with the table at most half full, 48 MiB of table at worst. */
    static final int MAX_CODES = 1 << 20;

    private static final int INITIAL_SLOTS = 1 << 12;
    /** Longs per slot: bytes 0-7, bytes 8-15, then the length (high half) and a hash of bytes 16 on. */
    private static final int STRIDE = 3;
    private static final long ASCII_MASK = 0x8080_8080_8080_8080L;
    private static final long MIX = 0x9E37_79B9_7F4A_7C15L;

    private long[] keys = new long[INITIAL_SLOTS * STRIDE];
    private String[] values = new String[INITIAL_SLOTS];
    private int mask = INITIAL_SLOTS - 1;
    private int shift = Long.numberOfLeadingZeros(INITIAL_SLOTS - 1);
    private int size;

    /**
     * @return the string of the {@code length} bytes at {@code index}: the cached instance for a code seen
     * before.
     */
    String get(final DirectBuffer buffer, final int index, final int length)
    {
        if (length == 0 || length > MAX_CACHED_LENGTH)
        {
            return buffer.getStringWithoutLengthUtf8(index, length);
        }
        final long word0 = word(buffer, index, length);
        final long word1 = length > Long.BYTES ? word(buffer, index + Long.BYTES, length - Long.BYTES) : 0;
        long ascii = word0 | word1;
        long tail = 0;
        for (int at = 2 * Long.BYTES; at < length; at += Long.BYTES)
        {
            final long word = word(buffer, index + at, length - at);
            ascii |= word;
            tail = (tail ^ word) * MIX;
        }
        if ((ascii & ASCII_MASK) != 0)
        {
            return buffer.getStringWithoutLengthUtf8(index, length);
        }
        // Never 0, so an empty slot (length 0) cannot match.
        final long meta = ((long)length << 32) | (tail >>> 32);
        int slot = (int)(((word0 * MIX) ^ word1 ^ meta) * MIX >>> shift);
        while (true)
        {
            final int at = slot * STRIDE;
            final long slotMeta = keys[at + 2];
            if (slotMeta == 0)
            {
                break;
            }
            if (slotMeta == meta && keys[at] == word0 && keys[at + 1] == word1
                && (length <= 2 * Long.BYTES || tailMatches(values[slot], buffer, index)))
            {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        final byte[] array = buffer.byteArray();
        final String value = array != null
            ? new String(array, buffer.wrapAdjustment() + index, length, StandardCharsets.ISO_8859_1)
            : buffer.getStringWithoutLengthAscii(index, length);
        if (size < MAX_CODES)
        {
            put(slot, word0, word1, meta, value);
        }
        return value;
    }

    /** @return the number of codes held. */
    int size()
    {
        return size;
    }

    private void put(final int slot, final long word0, final long word1, final long meta, final String value)
    {
        final int at = slot * STRIDE;
        keys[at] = word0;
        keys[at + 1] = word1;
        keys[at + 2] = meta;
        values[slot] = value;
        if (++size > (mask + 1) >>> 1)
        {
            grow();
        }
    }

    private void grow()
    {
        final long[] oldKeys = keys;
        final String[] oldValues = values;
        final int slots = (mask + 1) * 2;
        keys = new long[slots * STRIDE];
        values = new String[slots];
        mask = slots - 1;
        shift = Long.numberOfLeadingZeros(slots - 1);
        for (int old = 0; old < oldValues.length; old++)
        {
            final int from = old * STRIDE;
            final long meta = oldKeys[from + 2];
            if (meta == 0)
            {
                continue;
            }
            int slot = (int)(((oldKeys[from] * MIX) ^ oldKeys[from + 1] ^ meta) * MIX >>> shift);
            while (keys[slot * STRIDE + 2] != 0)
            {
                slot = (slot + 1) & mask;
            }
            System.arraycopy(oldKeys, from, keys, slot * STRIDE, STRIDE);
            values[slot] = oldValues[old];
        }
    }

    /**
     * @param remaining bytes left in the code from {@code index}, at least 1.
     * @return up to 8 bytes at {@code index} as a little-endian long, zero above the code's last byte.
     */
    private static long word(final DirectBuffer buffer, final int index, final int remaining)
    {
        if (index + Long.BYTES <= buffer.capacity())
        {
            final long word = buffer.getLong(index, ByteOrder.LITTLE_ENDIAN);
            return remaining >= Long.BYTES ? word : word & ((1L << (remaining << 3)) - 1);
        }
        long word = 0;
        for (int i = Math.min(remaining, Long.BYTES) - 1; i >= 0; i--)
        {
            word = (word << 8) | (buffer.getByte(index + i) & 0xFF);
        }
        return word;
    }

    /** Codes over 16 bytes match on the first 16 and a hash of the rest: compare the rest too. */
    private static boolean tailMatches(final String cached, final DirectBuffer buffer, final int index)
    {
        for (int i = 2 * Long.BYTES; i < cached.length(); i++)
        {
            if (cached.charAt(i) != buffer.getByte(index + i))
            {
                return false;
            }
        }
        return true;
    }
}
