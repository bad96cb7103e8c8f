package dev.stockhold.engine.command;

import java.util.Arrays;

/**
 * The channel feed's event record of one command: every listing whose published quantity the command
 * changed (and every listing it bound or unbound), with the value before and after, sorted by channel
 * code and then listing id. The command's sequence and timestamp complete the event. Entries of one
 * channel are adjacent, so an encoder writes one channel's event from {@code [i, endOfChannel(i))}
 * without sorting or parsing anything: the SSE JSON and the binary encoders read this one record.
 * <p>
 * Filled by the ledger thread; reused, so nothing is allocated once the capacity covers the largest fan-out.
 */
public final class PublishedChanges
{
    private String[] channels = EmptyArrays.STRINGS;
    private String[] listings = EmptyArrays.STRINGS;
    private String[] skus = EmptyArrays.STRINGS;
    private long[] published = EmptyArrays.LONGS;
    private long[] previous = EmptyArrays.LONGS;
    private int count;

    /** Up to this many entries, insertion sort: fewer comparisons of already ordered entries. */
    private static final int SMALL = 16;

    /** Forgets every entry, keeping capacity. */
    public void clear()
    {
        count = 0;
    }

    /**
     * Appends one listing's change.
     *
     * @param sku       the SKU or kit code the listing is bound to (for an unbind: was bound to).
     * @param previous  the published quantity before the command.
     * @param published the published quantity after it (0 for an unbind).
     */
    public void add(final String channel, final String listingId, final String sku, final long previous,
        final long published)
    {
        if (count == channels.length)
        {
            final int capacity = Math.max(4, count * 2);
            channels = Arrays.copyOf(channels, capacity);
            listings = Arrays.copyOf(listings, capacity);
            skus = Arrays.copyOf(skus, capacity);
            this.published = Arrays.copyOf(this.published, capacity);
            this.previous = Arrays.copyOf(this.previous, capacity);
        }
        channels[count] = channel;
        listings[count] = listingId;
        skus[count] = sku;
        this.previous[count] = previous;
        this.published[count] = published;
        count++;
    }

    public int count()
    {
        return count;
    }

    public String channel(final int i)
    {
        return channels[i];
    }

    public String listingId(final int i)
    {
        return listings[i];
    }

    public String sku(final int i)
    {
        return skus[i];
    }

    public long published(final int i)
    {
        return published[i];
    }

    /** @return the published quantity before the command (0 for a listing it bound). */
    public long previous(final int i)
    {
        return previous[i];
    }

    /** @return the index after the last entry of entry {@code i}'s channel (entries must be sorted). */
    public int endOfChannel(final int i)
    {
        int end = i + 1;
        while (end < count && channels[end].equals(channels[i]))
        {
            end++;
        }
        return end;
    }

    /**
     * Sorts the entries by channel code, then listing id, in place and allocating nothing: insertion sort
     * for the few entries of a usual command, heap sort for a large fan-out.
     */
    public void sort()
    {
        if (count <= SMALL)
        {
            for (int i = 1; i < count; i++)
            {
                for (int j = i; j > 0 && compare(j - 1, j) > 0; j--)
                {
                    swap(j - 1, j);
                }
            }
            return;
        }
        for (int root = count / 2 - 1; root >= 0; root--)
        {
            siftDown(root, count);
        }
        for (int end = count - 1; end > 0; end--)
        {
            swap(0, end);
            siftDown(0, end);
        }
    }

    private void siftDown(final int from, final int end)
    {
        int root = from;
        while (2 * root + 1 < end)
        {
            int child = 2 * root + 1;
            if (child + 1 < end && compare(child, child + 1) < 0)
            {
                child++;
            }
            if (compare(root, child) >= 0)
            {
                return;
            }
            swap(root, child);
            root = child;
        }
    }

    private int compare(final int a, final int b)
    {
        // Codes are interned by the ledger: the same channel is usually the same instance.
        final int byChannel = channels[a] == channels[b] ? 0 : channels[a].compareTo(channels[b]);
        return byChannel != 0 ? byChannel : listings[a].compareTo(listings[b]);
    }

    private void swap(final int a, final int b)
    {
        final String channel = channels[a];
        channels[a] = channels[b];
        channels[b] = channel;
        final String listing = listings[a];
        listings[a] = listings[b];
        listings[b] = listing;
        final String sku = skus[a];
        skus[a] = skus[b];
        skus[b] = sku;
        final long value = published[a];
        published[a] = published[b];
        published[b] = value;
        final long before = previous[a];
        previous[a] = previous[b];
        previous[b] = before;
    }

    /** Replaces this record with a copy of {@code other}. */
    public void copyFrom(final PublishedChanges other)
    {
        clear();
        for (int i = 0; i < other.count; i++)
        {
            add(other.channels[i], other.listings[i], other.skus[i], other.previous[i], other.published[i]);
        }
    }
}
