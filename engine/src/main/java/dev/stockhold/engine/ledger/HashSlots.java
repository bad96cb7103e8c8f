package dev.stockhold.engine.ledger;

/**
 * An open-addressing table of (32-bit hash, int value) entries packed in one {@code long[]}, for indexes
 * whose keys live elsewhere: a probe costs one cache miss and the caller reads a key only when its hash
 * matches. Values are non-negative ints. Linear probing, load factor at most one half; entries leave only
 * through {@link #retain}. Ledger thread only.
 * <p>
 * Lookup: {@code for (int at = find(hash, home(hash)); at >= 0; at = find(hash, at + 1))}, checking the
 * key of {@code value(at)} each time.
 */
final class HashSlots
{
    private static final long EMPTY = 0;
    private static final EntryFilter KEEP_ALL = (hash, value) -> true;

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
        insert(entry(hash, value));
        if (++size > (mask + 1) >>> 1)
        {
            retain(KEEP_ALL, (mask + 1) * 2);
        }
    }

    int size()
    {
        return size;
    }

    int capacity()
    {
        return mask + 1;
    }

    /** @return true when the next {@link #add} would grow the table. */
    boolean isFull()
    {
        return size + 1 > (mask + 1) >>> 1;
    }

    /** Decides which entries {@link #retain} keeps. */
    interface EntryFilter
    {
        boolean keep(int hash, int value);
    }

    /**
     * Keeps only the entries {@code filter} keeps, each offered once, in a table of {@code newCapacity} (a
     * power of two that holds them). At the same capacity the table is swept in place, so dropping
     * entries in steady state allocates nothing and needs no second table.
     */
    void retain(final EntryFilter filter, final int newCapacity)
    {
        if (newCapacity == entries.length)
        {
            sweep(filter);
            return;
        }
        final long[] old = entries;
        entries = new long[newCapacity];
        mask = newCapacity - 1;
        size = 0;
        for (final long entry : old)
        {
            if (entry != EMPTY && filter.keep(hashOf(entry), valueOf(entry)))
            {
                insert(entry);
                size++;
            }
        }
    }

    /**
     * One pass over the table from just after an empty slot, so no run of entries wraps past the start.
     * A dropped entry's hole is closed by backward shift, which only moves entries the pass has not
     * reached yet; the position is then looked at again.
     */
    private void sweep(final EntryFilter filter)
    {
        int start = 0;
        while (entries[start] != EMPTY)
        {
            start++;
        }
        for (int n = 1; n <= mask + 1; n++)
        {
            final int at = (start + n) & mask;
            long entry;
            while ((entry = entries[at]) != EMPTY && !filter.keep(hashOf(entry), valueOf(entry)))
            {
                removeAt(at);
            }
        }
    }

    /** Empties position {@code at} and closes the hole: later entries of the run move back unless already home. */
    private void removeAt(final int at)
    {
        size--;
        int hole = at;
        int j = at;
        while (true)
        {
            j = (j + 1) & mask;
            final long moving = entries[j];
            if (moving == EMPTY)
            {
                break;
            }
            final int home = hashOf(moving) & mask;
            final boolean staysPut = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!staysPut)
            {
                entries[hole] = moving;
                hole = j;
            }
        }
        entries[hole] = EMPTY;
    }

    private void insert(final long entry)
    {
        int i = hashOf(entry) & mask;
        while (entries[i] != EMPTY)
        {
            i = (i + 1) & mask;
        }
        entries[i] = entry;
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
