package dev.stockhold.engine.ledger;

/**
 * An open-addressing table of (32-bit hash, int value) entries packed in one {@code long[]}, for indexes
 * whose keys live elsewhere: a probe costs one cache miss and the caller reads a key only when its hash
 * matches. Values are non-negative ints. Linear probing, backward-shift deletion, load factor at most one
 * half. Ledger thread only.
 * <p>
 * Lookup: {@code for (int at = find(hash, home(hash)); at >= 0; at = find(hash, at + 1))}, checking the
 * key of {@code value(at)} each time.
 */
final class HashSlots
{
    private static final long EMPTY = 0;

    private long[] entries;
    private int mask;
    private int size;

    HashSlots(final int initialCapacity)
    {
        final int capacity = Integer.highestOneBit(Math.max(16, initialCapacity - 1) << 1);
        entries = new long[capacity];
        mask = capacity - 1;
    }

    /** @return where the probe for {@code hash} starts. */
    int home(final int hash)
    {
        return hash & mask;
    }

    /** @return the position of the next entry with {@code hash} from {@code at} on, or -1 at the end of the run. */
    int find(final int hash, final int at)
    {
        long entry;
        for (int i = at & mask; (entry = entries[i]) != EMPTY; i = (i + 1) & mask)
        {
            if (hashOf(entry) == hash)
            {
                return i;
            }
        }
        return -1;
    }

    /** @return the value of the entry at {@code at}, a position {@link #find} returned. */
    int value(final int at)
    {
        return valueOf(entries[at]);
    }

    /** Adds an entry; the caller has checked that its key is not in the table. */
    void add(final int hash, final int value)
    {
        int i = hash & mask;
        while (entries[i] != EMPTY)
        {
            i = (i + 1) & mask;
        }
        entries[i] = entry(hash, value);
        if (++size > (mask + 1) >>> 1)
        {
            resize((mask + 1) * 2);
        }
    }

    /** Removes the entry (hash, value), if present, without reading any key. */
    void remove(final int hash, final int value)
    {
        final long target = entry(hash, value);
        int i = hash & mask;
        while (entries[i] != target)
        {
            if (entries[i] == EMPTY)
            {
                return;
            }
            i = (i + 1) & mask;
        }
        size--;
        // Backward shift: move later entries of the run into the hole unless they already sit between
        // their home and the hole.
        int j = i;
        while (true)
        {
            j = (j + 1) & mask;
            final long moving = entries[j];
            if (moving == EMPTY)
            {
                break;
            }
            final int home = hashOf(moving) & mask;
            final boolean staysPut = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!staysPut)
            {
                entries[i] = moving;
                i = j;
            }
        }
        entries[i] = EMPTY;
    }

    int size()
    {
        return size;
    }

    /** Visits every value, in table order. */
    void forEachValue(final java.util.function.IntConsumer visitor)
    {
        for (final long entry : entries)
        {
            if (entry != EMPTY)
            {
                visitor.accept(valueOf(entry));
            }
        }
    }

    private void resize(final int capacity)
    {
        final long[] old = entries;
        entries = new long[capacity];
        mask = capacity - 1;
        for (final long entry : old)
        {
            if (entry != EMPTY)
            {
                int i = hashOf(entry) & mask;
                while (entries[i] != EMPTY)
                {
                    i = (i + 1) & mask;
                }
                entries[i] = entry;
            }
        }
    }

    /** The value is stored plus one, so that no entry equals {@link #EMPTY}. */
    private static long entry(final int hash, final int value)
    {
        return ((long)hash << 32) | (value + 1L);
    }

    private static int hashOf(final long entry)
    {
        return (int)(entry >>> 32);
    }

    private static int valueOf(final long entry)
    {
        return (int)entry - 1;
    }

    /** @return a well-spread 32-bit hash of a string (its cached {@code hashCode}, mixed). */
    static int hash(final String key)
    {
        final int h = key.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** @return a well-spread 32-bit hash of a pair of strings. */
    static int hash(final String first, final String second)
    {
        final int h = (first.hashCode() * 0x9E3779B9 + second.hashCode()) * 0x85EBCA6B;
        return h ^ (h >>> 15);
    }
}
