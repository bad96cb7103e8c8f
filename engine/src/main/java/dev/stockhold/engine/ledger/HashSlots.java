package dev.stockhold.engine.ledger;

/**
 * An open-addressing table of (32-bit hash, int value) entries packed in one {@code long[]}, for indexes
 * whose keys live elsewhere: a probe costs one cache miss and the caller reads a key only when its hash
 * matches. Values are non-negative ints. Linear probing, load factor at most one half outside a sweep;
 * entries leave only through {@link #retain}. Ledger thread only.
 * <p>
 * Lookup: {@code for (int at = first(hash); at >= 0; at = next(hash, at))}, checking the key of
 * {@code value(at)} each time.
 * <p>
 * Nothing here stops the ledger for a pass over the whole table; each {@link #add} does a bounded share:
 * <ul>
 * <li>Growing migrates into a table twice the size: each add moves the next {@link #STEPS_PER_ADD}
 * positions of the old table across, and meanwhile lookups probe the new table, then what is left of the
 * old one. Rehashing half a million order ids at once held the ledger 16 ms, a million 36 ms.</li>
 * <li>Dropping entries at the same capacity sweeps in place, {@link #STEPS_PER_ADD} positions per add,
 * closing each hole by backward shift so that lookups stay exact throughout.</li>
 * </ul>
 * What remained was allocating the larger table: about 10 ms for the 32 MB of a million orders on this
 * machine, mostly faulting in fresh pages. A big table asks {@link SpareTables} for it when three eighths
 * full, so it is ready on another thread by the time the table is half full. (Tables in chunks allocated
 * as written removed the pause too but cost the ledger 5-10 % of its throughput for the extra
 * indirection on every probe.)
 */
final class HashSlots
{
    private static final long EMPTY = 0;
    private static final EntryFilter KEEP_ALL = (hash, value) -> true;
    /**
     * Positions a migration moves, or a sweep examines, per add. Either starts with the table at most
     * half full and ends after capacity / 32 adds: a migration's new table (twice the size) ends at most
     * about a quarter full, and a sweep adds at most capacity / 32 entries before it has dropped what it
     * drops, so the load factor stays below 0.53.
     */
    static final int STEPS_PER_ADD = 32;
    /** Marks a position in the old table; tables stay below 2^30 entries. */
    private static final int IN_OLD = 1 << 30;

    private long[] entries;
    private int mask;
    /** Entries in the table(s), counting those a migration or sweep has not offered its filter yet. */
    private int size;
    /** Whether the table twice this size has been asked of {@link SpareTables}. */
    private boolean spareAsked;

    /** The running migration's or sweep's filter, or null when neither runs. */
    private EntryFilter filter;
    /** The table being migrated from, or null (also during a sweep). */
    private long[] old;
    private int oldMask;
    /** Where the migration or sweep started: an empty position, so no run of entries crossed it then. */
    private int start;
    /** Positions moved or examined so far, from {@link #start} on; a migration's are empty now. */
    private int done;

    HashSlots(final int initialCapacity)
    {
        final int capacity = Integer.highestOneBit(Math.max(16, initialCapacity - 1) << 1);
        entries = new long[capacity];
        mask = capacity - 1;
    }

    /** @return the position of the first entry with {@code hash}, or -1. */
    int first(final int hash)
    {
        final int at = find(entries, mask, hash, hash);
        return at >= 0 ? at : firstInOld(hash);
    }

    /** @return the position of the next entry with {@code hash} after {@code at}, or -1. */
    int next(final int hash, final int at)
    {
        if ((at & IN_OLD) != 0)
        {
            return inOld(find(old, oldMask, hash, (at & ~IN_OLD) + 1));
        }
        final int found = find(entries, mask, hash, at + 1);
        return found >= 0 ? found : firstInOld(hash);
    }

    /** @return the value of the entry at {@code at}, a position {@link #first} or {@link #next} returned. */
    int value(final int at)
    {
        return valueOf((at & IN_OLD) != 0 ? old[at & ~IN_OLD] : entries[at]);
    }

    /**
     * Adds an entry; the caller has checked that its key is not in the table. A running sweep may offer
     * it to its filter during this very call, so the caller must have made it one the filter keeps.
     */
    void add(final int hash, final int value)
    {
        insert(entry(hash, value));
        size++;
        if (old != null)
        {
            migrate(STEPS_PER_ADD);
        }
        else if (filter != null)
        {
            sweep(STEPS_PER_ADD);
        }
        else if (size > (mask + 1) >>> 1)
        {
            retain(KEEP_ALL, (mask + 1) * 2);
        }
        else if (!spareAsked && size > (mask + 1) / 8 * 3)
        {
            spareAsked = true;
            SpareTables.request((mask + 1) * 2);
        }
    }

    /** @return the entries in the table, counting any a running migration or sweep has yet to offer. */
    int size()
    {
        return size;
    }

    int capacity()
    {
        return mask + 1;
    }

    /** @return true when the next {@link #add} would grow the table; never while a migration or sweep runs. */
    boolean isFull()
    {
        return filter == null && size + 1 > (mask + 1) >>> 1;
    }

    /** @return whether a migration to a larger table runs: entries added now are never offered to its filter. */
    boolean isMigrating()
    {
        return old != null;
    }

    /** @return whether a migration or sweep {@link #retain} started is still running. */
    boolean isRetaining()
    {
        return filter != null;
    }

    /** Decides which entries {@link #retain} keeps. */
    interface EntryFilter
    {
        boolean keep(int hash, int value);
    }

    /**
     * Starts keeping only the entries {@code keep} keeps, in a table of {@code newCapacity} (a power of
     * two that holds them); the work is spread over the following adds. A migration or sweep still running
     * is finished first.
     * <ul>
     * <li>At a larger capacity, a migration offers each entry of the table to {@code keep} exactly once,
     * as it moves it; entries added meanwhile go straight to the new table and are never offered.</li>
     * <li>At the same capacity, an in-place sweep offers each entry at least once, entries added meanwhile
     * too; an add can land a run across the sweep's start, so an entry can be offered again, and
     * {@code keep} must answer the same.</li>
     * </ul>
     */
    void retain(final EntryFilter keep, final int newCapacity)
    {
        finish();
        filter = keep;
        done = 0;
        start = 0;
        while (entries[start] != EMPTY)
        {
            start++;
        }
        if (newCapacity != mask + 1)
        {
            old = entries;
            oldMask = mask;
            final long[] spare = SpareTables.take(newCapacity);
            entries = spare != null ? spare : new long[newCapacity];
            mask = newCapacity - 1;
            spareAsked = false;
        }
    }

    /** Completes a running migration or sweep at once. */
    void finish()
    {
        if (old != null)
        {
            migrate(oldMask + 1);
        }
        else if (filter != null)
        {
            sweep(mask + 1);
        }
    }

    private void migrate(final int positions)
    {
        final int end = Math.min(oldMask + 1, done + positions);
        for (; done < end; done++)
        {
            final int at = (start + done) & oldMask;
            final long entry = old[at];
            if (entry != EMPTY)
            {
                old[at] = EMPTY;
                if (filter.keep(hashOf(entry), valueOf(entry)))
                {
                    insert(entry);
                }
                else
                {
                    size--;
                }
            }
        }
        if (done == oldMask + 1)
        {
            old = null;
            filter = null;
        }
    }

    /**
     * Examines the next positions of the pass. A dropped entry's hole is closed by backward shift, which
     * only moves entries the pass has not reached yet; the position is then looked at again.
     */
    private void sweep(final int positions)
    {
        final int end = Math.min(mask + 1, done + positions);
        for (; done < end; done++)
        {
            final int at = (start + done) & mask;
            long entry;
            while ((entry = entries[at]) != EMPTY && !filter.keep(hashOf(entry), valueOf(entry)))
            {
                removeAt(at);
            }
        }
        if (done == mask + 1)
        {
            filter = null;
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

    /** @return the position in {@code table} of the next entry with {@code hash} from {@code from} on, or -1. */
    private static int find(final long[] table, final int tableMask, final int hash, final int from)
    {
        long entry;
        for (int i = from & tableMask; (entry = table[i]) != EMPTY; i = (i + 1) & tableMask)
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
        final boolean homeMoved = ((home - start) & oldMask) < done;
        return inOld(find(old, oldMask, hash, homeMoved ? start + done : home));
    }

    private static int inOld(final int position)
    {
        return position < 0 ? position : position | IN_OLD;
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
        return hash(first.hashCode(), second);
    }

    /** @return {@link #hash(String, String)} of a first string known by its {@code hashCode()}. */
    static int hash(final int firstHashCode, final String second)
    {
        final int h = (firstHashCode * 0x9E3779B9 + second.hashCode()) * 0x85EBCA6B;
        return h ^ (h >>> 15);
    }
}
