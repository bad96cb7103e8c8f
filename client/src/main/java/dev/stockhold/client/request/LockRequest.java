package dev.stockhold.client.request;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Locks stock for an order: every line or none.
 *
 * @param channel    the sales channel of the order, or null; required for listing lines.
 * @param ttlSeconds how long the lock lives unsettled, 0: no expiry.
 */
public record LockRequest(String orderId, String channel, List<LockLine> lines, int ttlSeconds,
    boolean allowPresale, boolean allowSplit, String idempotencyKey) implements Request
{
    public LockRequest
    {
        Checks.required(orderId, "orderId");
        Checks.optional(channel, "channel");
        lines = Checks.group(lines, "lines");
        Checks.optional(idempotencyKey, "idempotencyKey");
        if (ttlSeconds < 0)
        {
            throw new IllegalArgumentException("ttlSeconds must not be negative: " + ttlSeconds);
        }
    }

    /** @return a builder of a lock. */
    public static Builder builder()
    {
        return new Builder();
    }

    /** Collects a lock's fields; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder
    {
        private final List<LockLine> lines = new ArrayList<>();
        private String orderId;
        private String channel;
        private int ttlSeconds;
        private boolean allowPresale;
        private boolean allowSplit;
        private String idempotencyKey;

        private Builder()
        {
        }

        /** The order's id, unique per order: a lock of an id already locked is answered from its reservation. */
        public Builder orderId(final String orderId)
        {
            this.orderId = orderId;
            return this;
        }

        /** The order's sales channel: its allocations and listing lines apply. */
        public Builder channel(final String channel)
        {
            this.channel = channel;
            return this;
        }

        /** Adds a line of one cell. */
        public Builder line(final String sku, final String warehouse, final long quantity)
        {
            lines.add(LockLine.cell(sku, warehouse, quantity));
            return this;
        }

        /** Adds a line of a SKU in whichever warehouse the engine chooses. */
        public Builder line(final String sku, final long quantity)
        {
            lines.add(LockLine.anyWarehouse(sku, quantity));
            return this;
        }

        /** Adds a line of a channel's listing ({@code warehouse} null: the engine chooses). */
        public Builder listingLine(final String listingId, final String warehouse, final long quantity)
        {
            lines.add(LockLine.listing(listingId, warehouse, quantity));
            return this;
        }

        /** Adds a line built elsewhere. */
        public Builder line(final LockLine line)
        {
            lines.add(java.util.Objects.requireNonNull(line, "line"));
            return this;
        }

        /** How long the lock lives unsettled, in whole seconds (rounded up); zero: no expiry (the default). */
        public Builder ttl(final Duration ttl)
        {
            final long seconds = (ttl.toMillis() + 999) / 1000;
            if (ttl.isNegative() || seconds > Integer.MAX_VALUE)
            {
                throw new IllegalArgumentException("ttl out of range: " + ttl);
            }
            this.ttlSeconds = (int)seconds;
            return this;
        }

        /** How long the lock lives unsettled, in seconds; 0: no expiry. */
        public Builder ttlSeconds(final int ttlSeconds)
        {
            this.ttlSeconds = ttlSeconds;
            return this;
        }

        /** Let the request use presale (in-transit) stock when on-hand stock is short. */
        public Builder allowPresale(final boolean allowPresale)
        {
            this.allowPresale = allowPresale;
            return this;
        }

        /** Let the engine split a line over several warehouses when none has it all. */
        public Builder allowSplit(final boolean allowSplit)
        {
            this.allowSplit = allowSplit;
            return this;
        }

        /** A key that makes a retry of this request harmless: the server answers the first outcome again. */
        public Builder idempotencyKey(final String idempotencyKey)
        {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /** @throws IllegalArgumentException or NullPointerException for a field the protocol cannot carry. */
        public LockRequest build()
        {
            return new LockRequest(orderId, channel, lines, ttlSeconds, allowPresale, allowSplit, idempotencyKey);
        }
    }
}
