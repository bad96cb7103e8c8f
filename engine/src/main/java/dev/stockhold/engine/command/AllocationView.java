package dev.stockhold.engine.command;

/**
 * A copy of one allocation (the units of a cell a channel holds for itself) as the ledger answered it;
 * units and version 0 when the channel holds none.
 */
public final class AllocationView
{
    private String channel;
    private String sku;
    private String warehouse;
    private long units;
    private long version;

    /** Forgets the allocation. */
    public void clear()
    {
        set(null, null, null, 0, 0);
    }

    /** Sets every field. */
    public void set(final String channel, final String sku, final String warehouse, final long units,
        final long version)
    {
        this.channel = channel;
        this.sku = sku;
        this.warehouse = warehouse;
        this.units = units;
        this.version = version;
    }

    /** @return true when an allocation (possibly of 0 units) was copied in. */
    public boolean isPresent()
    {
        return channel != null;
    }

    public String channel()
    {
        return channel;
    }

    public String sku()
    {
        return sku;
    }

    public String warehouse()
    {
        return warehouse;
    }

    public long units()
    {
        return units;
    }

    public long version()
    {
        return version;
    }

    /** Replaces this view with a copy of {@code other}. */
    public void copyFrom(final AllocationView other)
    {
        set(other.channel, other.sku, other.warehouse, other.units, other.version);
    }
}
