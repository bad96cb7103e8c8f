package dev.stockhold.client.request;

/** Changes one cell's counts by deltas (a count, a damage, a transfer). */
public record AdjustRequest(String sku, String warehouse, long onHandDelta, long inTransitDelta,
    long safetyStockDelta, String reason, String idempotencyKey) implements Request
{
    public AdjustRequest
    {
        Checks.required(sku, "sku");
        Checks.required(warehouse, "warehouse");
        Checks.optional(reason, "reason");
        Checks.optional(idempotencyKey, "idempotencyKey");
    }

    /** @return a builder of an adjustment of one cell; every delta 0 unless set. */
    public static Builder builder(final String sku, final String warehouse)
    {
        return new Builder(sku, warehouse);
    }

    /** Collects an adjustment's deltas. Not thread-safe. */
    public static final class Builder
    {
        private final String sku;
        private final String warehouse;
        private long onHandDelta;
        private long inTransitDelta;
        private long safetyStockDelta;
        private String reason;
        private String idempotencyKey;

        private Builder(final String sku, final String warehouse)
        {
            this.sku = sku;
            this.warehouse = warehouse;
        }

        /** The change of the on-hand count (negative: fewer). */
        public Builder onHandDelta(final long delta)
        {
            this.onHandDelta = delta;
            return this;
        }

        /** The change of the in-transit count. */
        public Builder inTransitDelta(final long delta)
        {
            this.inTransitDelta = delta;
            return this;
        }

        /** The change of the safety stock. */
        public Builder safetyStockDelta(final long delta)
        {
            this.safetyStockDelta = delta;
            return this;
        }

        /** Why, for the journal and the audit (any text). */
        public Builder reason(final String reason)
        {
            this.reason = reason;
            return this;
        }

        /** A key that makes a retry of this request harmless: the server answers the first outcome again. */
        public Builder idempotencyKey(final String idempotencyKey)
        {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /** @return the request; throws for a field the protocol cannot carry. */
        public AdjustRequest build()
        {
            return new AdjustRequest(sku, warehouse, onHandDelta, inTransitDelta, safetyStockDelta, reason,
                idempotencyKey);
        }
    }
}
