package dev.stockhold.engine.command;

/**
 * A copy of one channel listing as the ledger answered it: the channel, the listing id, the SKU or kit it
 * is bound to, its published quantity and the version of its binding.
 */
public final class ListingView
{
    private String channel;
    private String listingId;
    private String sku;
    private long published;
    private long version;

    /** Forgets the listing. */
    public void clear()
    {
        channel = null;
        listingId = null;
        sku = null;
        published = 0;
        version = 0;
    }

    /** Sets every field. */
    public void set(final String channel, final String listingId, final String sku, final long published,
        final long version)
    {
        this.channel = channel;
        this.listingId = listingId;
        this.sku = sku;
        this.published = published;
        this.version = version;
    }

    /** @return true when a listing was copied in. */
    public boolean isPresent()
    {
        return listingId != null;
    }

    public String channel()
    {
        return channel;
    }

    public String listingId()
    {
        return listingId;
    }

    /** @return the SKU or kit code the listing is (or, for an unbind's answer, was) bound to. */
    public String sku()
    {
        return sku;
    }

    public long published()
    {
        return published;
    }

    public long version()
    {
        return version;
    }

    /** Replaces this view with a copy of {@code other}. */
    public void copyFrom(final ListingView other)
    {
        set(other.channel, other.listingId, other.sku, other.published, other.version);
    }
}
