package dev.stockhold.engine.ledger;

/**
 * An open-addressing table of (32-bit hash, int value) entries packed in one {@code long[]}, for indexes
 * whose keys live elsewhere: a probe costs one cache miss and the caller reads a key only when its hash
 * matches. Values are non-negative ints. Linear probing, load factor at most one half; entries leave only
 * through {@link #retain}. Ledger thread only.
 * <p>
 * Lookup: {@code for (int at = first(hash); at >= 0; at = next(hash, at))}, checking the key of
 * {@code value(at)} each time.
 * <p>
 * Growing or sweeping never stops the ledger for a pass over the whole table: it starts a migration into
 * a second table, and each later {@link #add} moves the entries of the next {@link #MOVES_PER_ADD}
 * positions across. Meanwhile lookups probe the new table, then what is left of the old one. Rehashing
 * half a million order ids at once held the ledger for 16 ms, a million for 36 ms. A sweep at the same
 * capacity migrates into the spare table the previous migration emptied, so steady state allocates nothing.
 */
final class HashSlots
{
    private static final long EMPTY = 0;
    private static final EntryFilter KEEP_ALL = (hash, value) -> true;
    /**
     * Old-table positions a migration moves per add. A migration starts with at most half of the old
     * table's capacity in entries and must end before the new table passes its load factor: at eight per
     * add the new table holds at most five eighths of its half-capacity limit when growing, and when
     * sweeping in place (started with at most a quarter live) three eighths.
     */
    static final int MOVES_PER_ADD = 8;
    /** Marks a position in the old table; tables stay below 2^30 entries. */
    private static final int IN_OLD = 1 << 30;

    private long[] entries;
    private int mask;
    /** Entries in both tables, counting those of the old table a migration has not reached yet. */
    private int size;

    /** The table being migrated from, or null. */
    private long[] old;
    private int oldMask;
    /** Where the migration started: just after an empty position, so no run of entries crosses it. */
    private int migrationStart;
    /** Old positions the migration has moved so far, from {@link #migrationStart} on; all empty now. */
    private int moved;
    private EntryFilter migrationFilter = KEEP_ALL;
    /** An emptied table kept for the next sweep at the same capacity. */
    private long[] spare;

    HashSlots(final int initialCapacity)
    {
        final int capacity = Integer.highestOneBit(Math.max(16, initialCapacity - 1) << 1);
        entries = new long[capacity];
        mask = capacity - 1;
    }

    /** @return the position of the first entry with {@code hash}, or -1. */
    int first(final int hash)
    {
        final int at = findInNew(hash, hash & mask);
        return at >= 0 ? at : firstInOld(hash);
    }

    /** @return the position of the next entry with {@code hash} after {@code at}, or -1. */
    int next(final int hash, final int at)
    {
        if ((at & IN_OLD) != 0)
        {
            return findInOld(hash, (at & ~IN_OLD) + 1);
        }
        final int found = findInNew(hash, at + 1);
        return found >= 0 ? found : firstInOld(hash);
    }

    /** @return the value of the entry at {@code at}, a position {@link #first} or {@link #next} returned. */
    int value(final int at)
    {
        return valueOf((at & IN_OLD) != 0 ? old[at & ~IN_OLD] : entries[at]);
    }

    /** Adds an entry; the caller has checked that its key is not in the table. */
    void add(final int hash, final int value)
    {
        insert(entry(hash, value));
        size++;
        if (old != null)
        {
            migrate(MOVES_PER_ADD);
        }
        else if (size > (mask + 1) >>> 1)
        {
            retain(KEEP_ALL, (mask + 1) * 2);
        }
    }

    /** @return the entries in the table, counting any a running migration has yet to offer its filter. */
    int size()
    {
        return size;
    }

    int capacity()
    {
        return mask + 1;
    }

    /** @return true when the next {@link #add} would grow the table; never while a migration runs. */
    boolean isFull()
    {
        return old == null && size + 1 > (mask + 1) >>> 1;
    }

    boolean isMigrating()
    {
        return old != null;
    }

    /** Decides which entries {@link #retain} keeps. */
    interface EntryFilter
    {
        boolean keep(int hash, int value);
    }

    /**
     * Starts keeping only the entries {@code filter} keeps, each offered once, in a table of
     * {@code newCapacity} (a power of two that holds them): the entries move across over the next adds,
     * and {@code filter} decides for each when it moves. A migration still running is finished first.
     */
    void retain(final EntryFilter filter, final int newCapacity)
    {
        finishMigration();
        old = entries;
        oldMask = mask;
        entries = spare != null && spare.length == newCapacity ? spare : new long[newCapacity];
        spare = null;
        mask = newCapacity - 1;
        migrationFilter = filter;
        moved = 0;
        migrationStart = 0;
        while (old[migrationStart] != EMPTY)
        {
            migrationStart++;
        }
    }

    /** Moves every entry a running migration has left. */
    void finishMigration()
    {
        if (old != null)
        {
            migrate(old.length);
        }
    }

    private void migrate(final int positions)
    {
        final int end = Math.min(old.length, moved + positions);
        for (; moved < end; moved++)
        {
            final int at = (migrationStart + moved) & oldMask;
            final long entry = old[at];
            if (entry != EMPTY)
            {
                old[at] = EMPTY;
                if (migrationFilter.keep(hashOf(entry), valueOf(entry)))
                {
                    insert(entry);
                }
                else
                {
                    size--;
                }
            }
        }
        if (moved == old.length)
        {
            // Only a sweep at the same capacity can use it again; after growing it would be dead weight.
            spare = old.length == entries.length ? old : null;
            old = null;
            migrationFilter = KEEP_ALL;
        }
    }

    private int findInNew(final int hash, final int from)
    {
        long entry;
        for (int i = from & mask; (entry = entries[i]) != EMPTY; i = (i + 1) & mask)
        {
            if (hashOf(entry) == hash)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Probes what is left of the old table. Its moved positions are empty, so a probe whose home lies
     * among them resumes where the migration stands: the rest of that run, if any, is there.
     */
    private int firstInOld(final int hash)
    {
        if (old == null)
        {
            return -1;
        }
        final int home = hash & oldMask;
        final boolean homeMoved = ((home - migrationStart) & oldMask) < moved;
        return findInOld(hash, homeMoved ? migrationStart + moved : home);
    }

    private int findInOld(final int hash, final int from)
    {
        long entry;
        for (int i = from & oldMask; (entry = old[i]) != EMPTY; i = (i + 1) & oldMask)
        {
            if (hashOf(entry) == hash)
            {
                return i | IN_OLD;
            }
        }
        return -1;
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
