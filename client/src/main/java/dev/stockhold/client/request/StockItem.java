package dev.stockhold.client.request;

/**
 * The absolute counts to set on one cell; a null count is left as it is.
 *
 * @param expectedVersion the cell's version the change expects (optimistic concurrency), or null.
 */
public record StockItem(String sku, String warehouse, Long onHand, Long inTransit, Long safetyStock,
    Long expectedVersion)
{
    public StockItem
    {
        Checks.required(sku, "sku");
        Checks.required(warehouse, "warehouse");
    }

    /** @return an item setting only the on-hand count. */
    public static StockItem onHand(final String sku, final String warehouse, final long onHand)
    {
        return new StockItem(sku, warehouse, onHand, null, null, null);
    }
}
