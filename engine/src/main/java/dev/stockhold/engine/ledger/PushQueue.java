package dev.stockhold.engine.ledger;

import org.agrona.collections.Object2ObjectHashMap;

/**
 * What one pushing channel has not acknowledged: an entry per listing (latest value wins, so a listing is
 * never queued twice), in three chains by kind, decreases first, then increases, then dead letters, each in
 * the order its entries joined it, and the flowing entries in an age chain whose oldest gives the lag.
 * Adding, superseding, acknowledging and parking are O(1); taking a delivery reads at most its size of
 * entries. Entries are pooled, so a steady flow allocates nothing. Ledger thread only.
 */
final class PushQueue
{
    static final int DECREASES = 0;
    static final int INCREASES = 1;
    static final int DEAD = 2;

    private final Object2ObjectHashMap<String, PushEntry> byListing = new Object2ObjectHashMap<>();
    private final PushEntry[] heads = new PushEntry[3];
    private final PushEntry[] tails = new PushEntry[3];
    private final int[] counts = new int[3];
    private PushEntry oldest;
    private PushEntry newest;
    private PushEntry free;

    /** @return the listing's entry, or null when the channel has acknowledged its value. */
    PushEntry find(final String listingId)
    {
        return byListing.get(listingId);
    }

    /**
     * Records a changed published value: supersedes the listing's entry, or makes one.
     *
     * @param acknowledged the value the channel has when no entry exists (the one before this change), or
     *                     {@link PushEntry#NEVER}.
     */
    void changed(final String listingId, final String sku, final long published, final long sequence,
        final long acknowledged, final long nowMillis)
    {
        PushEntry entry = byListing.get(listingId);
        if (entry == null)
        {
            entry = take();
            entry.listingId = listingId;
            entry.acknowledged = acknowledged;
            entry.firstAtMillis = nowMillis;
            entry.deadStatus = 0;
            entry.deadAtMillis = 0;
            entry.sku = sku;
            entry.published = published;
            entry.sequence = sequence;
            entry.lastAtMillis = nowMillis;
            byListing.put(listingId, entry);
            link(entry, entry.isDecrease() ? DECREASES : INCREASES);
            age(entry);
            return;
        }
        entry.sku = sku;
        entry.published = published;
        entry.sequence = sequence;
        entry.lastAtMillis = nowMillis;
        reclassify(entry);
    }

    /**
     * The channel acknowledged {@code published} at {@code sequence}: the entry goes unless a later change
     * superseded that value, which then stays pending against the acknowledged one.
     */
    void acknowledged(final String listingId, final long published, final long sequence)
    {
        final PushEntry entry = byListing.get(listingId);
        if (entry == null || entry.kind == DEAD)
        {
            return;
        }
        if (entry.sequence <= sequence)
        {
            remove(entry);
            return;
        }
        entry.acknowledged = published;
        // The change after the acknowledged one is not older than the latest: the lag reads at least its age.
        entry.firstAtMillis = entry.lastAtMillis;
        unage(entry);
        age(entry);
        reclassify(entry);
    }

    /** The channel refused a delivery with a 4xx: its listing waits, parked, until the channel is PUT again. */
    void park(final String listingId, final int status, final long nowMillis)
    {
        final PushEntry entry = byListing.get(listingId);
        if (entry == null || entry.kind == DEAD)
        {
            return;
        }
        unlink(entry);
        unage(entry);
        entry.deadStatus = status;
        entry.deadAtMillis = nowMillis;
        link(entry, DEAD);
    }

    /** Every dead letter flows again, with its current value. */
    void releaseDead(final long nowMillis)
    {
        while (heads[DEAD] != null)
        {
            final PushEntry entry = heads[DEAD];
            unlink(entry);
            entry.deadStatus = 0;
            entry.deadAtMillis = 0;
            entry.firstAtMillis = nowMillis;
            link(entry, entry.isDecrease() ? DECREASES : INCREASES);
            age(entry);
        }
    }

    /** Forgets every entry (the channel stopped pushing). */
    void clear()
    {
        for (int kind = 0; kind < 3; kind++)
        {
            while (heads[kind] != null)
            {
                remove(heads[kind]);
            }
        }
    }

    /** @return listings waiting for a delivery, dead letters not counted. */
    int pending()
    {
        return counts[DECREASES] + counts[INCREASES];
    }

    int deadCount()
    {
        return counts[DEAD];
    }

    /** @return every entry, dead letters included. */
    int size()
    {
        return byListing.size();
    }

    /** @return the first entry of a kind chain, or null. */
    PushEntry first(final int kind)
    {
        return heads[kind];
    }

    /** @return the oldest flowing entry, or null when nothing flows. */
    PushEntry oldest()
    {
        return oldest;
    }

    /** Restores an entry from a snapshot, at the tail of its chains. */
    void restore(final String listingId, final String sku, final long published, final long sequence,
        final long acknowledged, final long firstAtMillis, final long lastAtMillis, final int deadStatus,
        final long deadAtMillis)
    {
        final PushEntry entry = take();
        entry.listingId = listingId;
        entry.sku = sku;
        entry.published = published;
        entry.sequence = sequence;
        entry.acknowledged = acknowledged;
        entry.firstAtMillis = firstAtMillis;
        entry.lastAtMillis = lastAtMillis;
        entry.deadStatus = deadStatus;
        entry.deadAtMillis = deadAtMillis;
        byListing.put(listingId, entry);
        if (deadStatus != 0)
        {
            link(entry, DEAD);
        }
        else
        {
            link(entry, entry.isDecrease() ? DECREASES : INCREASES);
            age(entry);
        }
    }

    private void reclassify(final PushEntry entry)
    {
        if (entry.kind == DEAD)
        {
            return;
        }
        final int kind = entry.isDecrease() ? DECREASES : INCREASES;
        if (kind != entry.kind)
        {
            unlink(entry);
            link(entry, kind);
        }
    }

    private void remove(final PushEntry entry)
    {
        byListing.remove(entry.listingId);
        unlink(entry);
        unage(entry);
        entry.listingId = null;
        entry.sku = null;
        entry.next = free;
        free = entry;
    }

    private PushEntry take()
    {
        final PushEntry entry = free;
        if (entry == null)
        {
            return new PushEntry();
        }
        free = entry.next;
        entry.next = null;
        return entry;
    }

    private void link(final PushEntry entry, final int kind)
    {
        entry.kind = kind;
        entry.next = null;
        entry.previous = tails[kind];
        if (tails[kind] == null)
        {
            heads[kind] = entry;
        }
        else
        {
            tails[kind].next = entry;
        }
        tails[kind] = entry;
        counts[kind]++;
    }

    private void unlink(final PushEntry entry)
    {
        final int kind = entry.kind;
        if (entry.previous == null)
        {
            heads[kind] = entry.next;
        }
        else
        {
            entry.previous.next = entry.next;
        }
        if (entry.next == null)
        {
            tails[kind] = entry.previous;
        }
        else
        {
            entry.next.previous = entry.previous;
        }
        entry.previous = null;
        entry.next = null;
        counts[kind]--;
    }

    private void age(final PushEntry entry)
    {
        entry.aged = true;
        entry.newer = null;
        entry.older = newest;
        if (newest == null)
        {
            oldest = entry;
        }
        else
        {
            newest.newer = entry;
        }
        newest = entry;
    }

    private void unage(final PushEntry entry)
    {
        if (!entry.aged)
        {
            return;
        }
        if (entry.older == null)
        {
            oldest = entry.newer;
        }
        else
        {
            entry.older.newer = entry.newer;
        }
        if (entry.newer == null)
        {
            newest = entry.older;
        }
        else
        {
            entry.newer.older = entry.older;
        }
        entry.older = null;
        entry.newer = null;
        entry.aged = false;
    }
}
