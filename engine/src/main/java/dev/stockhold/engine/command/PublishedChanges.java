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
    /** Entry {@code i} in sorted order is at {@code order[i]}: sorting moves these ints, not five arrays. */
    private int[] order = EmptyArrays.INTS;
    /** Each entry's channel's place in code order, or -1 when the writer gave none. */
    private int[] channelRanks = EmptyArrays.INTS;
    /** Each entry's listing id as two order keys (see the {@code add} that takes them), or {@link #NO_KEY}. */
    private long[] firstKeys = EmptyArrays.LONGS;
    private long[] secondKeys = EmptyArrays.LONGS;

    /** The order key of a listing id the writer gave no key for: listing ids are then compared as Strings. */
    public static final long NO_KEY = -1;
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
        add(-1, channel, listingId, sku, previous, published);
    }

    /**
     * As {@link #add(String, String, String, long, long)}, with the channel's place in code order (0 for
     * the first code): sorting then compares two channels' places, not their codes.
     */
    public void add(final int channelRank, final String channel, final String listingId, final String sku,
        final long previous, final long published)
    {
        add(channelRank, channel, listingId, NO_KEY, NO_KEY, sku, previous, published);
    }

    /**
     * As {@link #add(int, String, String, String, long, long)}, with the listing id's order keys, so that
     * sorting two listings of one channel compares two longs instead of their ids' characters. For an id of
     * at most 15 ASCII characters: the first eight characters, one byte each, the first in the highest
     * byte, zero bytes after the id's end; then the next seven in the same way, above a zero lowest byte.
     * Listing ids are printable, so no character is a zero byte and the keys order ids as
     * {@link String#compareTo} does. {@link #NO_KEY} for a longer or non-ASCII id.
     */
    public void add(final int channelRank, final String channel, final String listingId, final long firstKey,
        final long secondKey, final String sku, final long previous, final long published)
    {
        if (count == channels.length)
        {
            final int capacity = Math.max(4, count * 2);
            channels = Arrays.copyOf(channels, capacity);
            listings = Arrays.copyOf(listings, capacity);
            skus = Arrays.copyOf(skus, capacity);
            this.published = Arrays.copyOf(this.published, capacity);
            this.previous = Arrays.copyOf(this.previous, capacity);
            order = Arrays.copyOf(order, capacity);
            channelRanks = Arrays.copyOf(channelRanks, capacity);
            firstKeys = Arrays.copyOf(firstKeys, capacity);
            secondKeys = Arrays.copyOf(secondKeys, capacity);
        }
        order[count] = count;
        channelRanks[count] = channelRank;
        firstKeys[count] = firstKey;
        secondKeys[count] = secondKey;
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
        return channels[order[i]];
    }

    public String listingId(final int i)
    {
        return listings[order[i]];
    }

    public String sku(final int i)
    {
        return skus[order[i]];
    }

    public long published(final int i)
    {
        return published[order[i]];
    }

    /** @return the published quantity before the command (0 for a listing it bound). */
    public long previous(final int i)
    {
        return previous[order[i]];
    }

    /** @return the index after the last entry of entry {@code i}'s channel (entries must be sorted). */
    public int endOfChannel(final int i)
    {
        int end = i + 1;
        while (end < count && channel(end).equals(channel(i)))
        {
            end++;
        }
        return end;
    }

    /**
     * Sorts the entries by channel code, then listing id, allocating nothing: insertion sort for the few
     * entries of a usual command, heap sort for a large fan-out. Only the order of the entries moves.
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

    /** Compares the entries at sorted positions {@code a} and {@code b}. */
    private int compare(final int a, final int b)
    {
        final int x = order[a];
        final int y = order[b];
        // Codes are interned by the ledger: the same channel is usually the same instance.
        final int byChannel = channels[x] == channels[y] ? 0 : channelRanks[x] >= 0 && channelRanks[y] >= 0
            ? Integer.compare(channelRanks[x], channelRanks[y]) : channels[x].compareTo(channels[y]);
        if (byChannel != 0)
        {
            return byChannel;
        }
        if (firstKeys[x] != NO_KEY && firstKeys[y] != NO_KEY)
        {
            final int byFirst = Long.compare(firstKeys[x], firstKeys[y]);
            return byFirst != 0 ? byFirst : Long.compare(secondKeys[x], secondKeys[y]);
        }
        return listings[x].compareTo(listings[y]);
    }

    private void swap(final int a, final int b)
    {
        final int entry = order[a];
        order[a] = order[b];
        order[b] = entry;
    }

    /** Replaces this record with a copy of {@code other}. */
    public void copyFrom(final PublishedChanges other)
    {
        clear();
        for (int i = 0; i < other.count; i++)
        {
            add(other.channel(i), other.listingId(i), other.sku(i), other.previous(i), other.published(i));
        }
    }
}
