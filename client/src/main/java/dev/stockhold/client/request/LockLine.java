package dev.stockhold.client.request;

/**
 * One line of a lock: a quantity of a stock cell, of a SKU in whichever warehouse the engine chooses, or of a
 * channel's listing.
 *
 * @param sku       the SKU, or null for a listing line.
 * @param warehouse the warehouse, or null: the engine chooses.
 * @param listing   the channel's listing id, or null for a SKU line.
 */
public record LockLine(String sku, String warehouse, String listing, long quantity)
{
    public LockLine
    {
        if ((sku == null) == (listing == null))
        {
            throw new IllegalArgumentException("a lock line names either a SKU or a listing");
        }
        Checks.optional(sku, "sku");
        Checks.optional(warehouse, "warehouse");
        Checks.optional(listing, "listing");
    }

    /** @return a line of one cell. */
    public static LockLine cell(final String sku, final String warehouse, final long quantity)
    {
        return new LockLine(sku, Checks.required(warehouse, "warehouse"), null, quantity);
    }

    /** @return a line of a SKU in any warehouse: the engine chooses. */
    public static LockLine anyWarehouse(final String sku, final long quantity)
    {
        return new LockLine(sku, null, null, quantity);
    }

    /** @return a line of a channel's listing, in {@code warehouse} or (null) one the engine chooses. */
    public static LockLine listing(final String listingId, final String warehouse, final long quantity)
    {
        return new LockLine(null, warehouse, listingId, quantity);
    }
}
