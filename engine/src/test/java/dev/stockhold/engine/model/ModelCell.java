package dev.stockhold.engine.model;

/** The model's stock cell: plain mutable fields, nothing derived is stored. */
final class ModelCell
{
    final String sku;
    final String warehouse;
    long onHand;
    long reserved;
    long inTransit;
    long presaleReserved;
    long safetyStock;
    /** The sum of the channels' allocations of this cell, kept beside them by every change. */
    long allocated;
    long version = 1;

    ModelCell(final String sku, final String warehouse)
    {
        this.sku = sku;
        this.warehouse = warehouse;
    }

    long available()
    {
        return Math.max(0, onHand - reserved - safetyStock - allocated);
    }

    long presaleAvailable()
    {
        return Math.max(0, inTransit - presaleReserved);
    }

    ModelLevel level()
    {
        return new ModelLevel(sku, warehouse, onHand, reserved, inTransit, presaleReserved, safetyStock, version,
            allocated);
    }

    /** @return the six stored levels, for spotting whether a command changed the cell. */
    long[] fields()
    {
        return new long[] {onHand, reserved, inTransit, presaleReserved, safetyStock, allocated};
    }
}
