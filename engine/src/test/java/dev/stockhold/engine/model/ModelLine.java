package dev.stockhold.engine.model;

/** One placed reservation line of the model. */
final class ModelLine
{
    final String sku;
    final String warehouse;
    final long quantity;
    /** The kit this line is a component of, or null. */
    final String kit;
    /** The listing the lock line named, or null. */
    final String listing;
    /** The configured channel whose allocations the lock used, or null. */
    final String allocationChannel;
    /** The part of the open quantity that came from the channel's allocation. */
    long fromAllocation;
    boolean presale;
    long deducted;
    long released;
    long returned;

    ModelLine(final String sku, final String warehouse, final long quantity, final boolean presale, final String kit,
        final String listing, final String allocationChannel)
    {
        this.sku = sku;
        this.warehouse = warehouse;
        this.quantity = quantity;
        this.presale = presale;
        this.kit = kit;
        this.listing = listing;
        this.allocationChannel = allocationChannel;
    }

    long open()
    {
        return quantity - deducted - released;
    }

    long returnable()
    {
        return deducted - returned;
    }

    boolean isAt(final String sku, final String warehouse)
    {
        return this.sku.equals(sku) && this.warehouse.equals(warehouse);
    }
}
