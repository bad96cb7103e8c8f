package dev.stockhold.engine.command;

import java.util.Arrays;

/**
 * Listings of one push delivery as the channel receives them: listing id, the SKU or kit code it is (or was
 * last) bound to, the published quantity delivered and the engine sequence of the command that produced that
 * value. The ledger fills it for the pusher's next delivery; the pusher sends it back in the delivery's outcome,
 * which the journal records. Reused: nothing is allocated once the capacity covers the largest delivery.
 */
public final class PushedListings
{
    private String[] listings = EmptyArrays.STRINGS;
    private String[] skus = EmptyArrays.STRINGS;
    private long[] published = EmptyArrays.LONGS;
    private long[] sequences = EmptyArrays.LONGS;
    private int count;

    /** Forgets every listing, keeping capacity. */
    public void clear()
    {
        count = 0;
    }

    /** Appends one listing's delivered value. */
    public void add(final String listingId, final String sku, final long published, final long sequence)
    {
        if (count == listings.length)
        {
            final int capacity = Math.max(4, count * 2);
            listings = Arrays.copyOf(listings, capacity);
            skus = Arrays.copyOf(skus, capacity);
            this.published = Arrays.copyOf(this.published, capacity);
            sequences = Arrays.copyOf(sequences, capacity);
        }
        listings[count] = listingId;
        skus[count] = sku;
        this.published[count] = published;
        sequences[count] = sequence;
        count++;
    }

    public int count()
    {
        return count;
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

    /** @return the engine sequence of the command that produced {@link #published(int)}. */
    public long sequence(final int i)
    {
        return sequences[i];
    }

    /** @return the largest sequence of the listings, 0 when there are none: the delivery's {@code seq}. */
    public long maxSequence()
    {
        long max = 0;
        for (int i = 0; i < count; i++)
        {
            max = Math.max(max, sequences[i]);
        }
        return max;
    }

    /** Replaces these listings with a copy of {@code other}'s. */
    public void copyFrom(final PushedListings other)
    {
        clear();
        for (int i = 0; i < other.count; i++)
        {
            add(other.listings[i], other.skus[i], other.published[i], other.sequences[i]);
        }
    }
}
