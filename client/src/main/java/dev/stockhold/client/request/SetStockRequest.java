package dev.stockhold.client.request;

import java.util.ArrayList;
import java.util.List;

/** Sets the absolute counts of one cell or of a batch of cells, all or none. */
public record SetStockRequest(List<StockItem> items, String idempotencyKey) implements Request
{
    public SetStockRequest
    {
        items = Checks.group(items, "items");
        Checks.optional(idempotencyKey, "idempotencyKey");
    }

    /** @return a builder of a stock set. */
    public static Builder builder()
    {
        return new Builder();
    }

    /** Collects the cells of a stock set. Not thread-safe. */
    public static final class Builder
    {
        private final List<StockItem> items = new ArrayList<>();
        private String idempotencyKey;

        private Builder()
        {
        }

        /** Adds a cell whose on-hand count is set. */
        public Builder item(final String sku, final String warehouse, final long onHand)
        {
            items.add(StockItem.onHand(sku, warehouse, onHand));
            return this;
        }

        /** Adds a cell with any of its counts set. */
        public Builder item(final StockItem item)
        {
            items.add(java.util.Objects.requireNonNull(item, "item"));
            return this;
        }

        /** A key that makes a retry of this request harmless: the server answers the first outcome again. */
        public Builder idempotencyKey(final String idempotencyKey)
        {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /** @return the request; throws for a field the protocol cannot carry. */
        public SetStockRequest build()
        {
            return new SetStockRequest(items, idempotencyKey);
        }
    }
}
