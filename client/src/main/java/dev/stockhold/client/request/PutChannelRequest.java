package dev.stockhold.client.request;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates or replaces a sales channel's rules: what it publishes of available stock, and whether and where the
 * server pushes it. A put also releases the channel's dead letters: they are delivered again with their current
 * values.
 *
 * @param warehouses the warehouses that feed it, or null: every warehouse.
 * @param maxUnits   the cap on any listing's published quantity, or null: no cap.
 * @param push       where the server delivers the published quantities, or null: no push.
 */
public record PutChannelRequest(String channel, List<String> warehouses, long bufferUnits, long percent,
    Long maxUnits, boolean allowPresale, String idempotencyKey, PushSettings push) implements Request
{
    /** A channel without push. */
    public PutChannelRequest(final String channel, final List<String> warehouses, final long bufferUnits,
        final long percent, final Long maxUnits, final boolean allowPresale, final String idempotencyKey)
    {
        this(channel, warehouses, bufferUnits, percent, maxUnits, allowPresale, idempotencyKey, null);
    }

    public PutChannelRequest
    {
        Checks.required(channel, "channel");
        if (warehouses != null)
        {
            warehouses = Checks.group(warehouses, "warehouses");
            warehouses.forEach(w -> Checks.optional(w, "warehouse"));
        }
        Checks.optional(idempotencyKey, "idempotencyKey");
    }

    /** @return a builder of the channel {@code channel}: every warehouse, no buffer, 100 %, no cap, no presale. */
    public static Builder builder(final String channel)
    {
        return new Builder(channel);
    }

    /** Collects a channel's rules. Not thread-safe. */
    public static final class Builder
    {
        private final String channel;
        private List<String> warehouses;
        private long bufferUnits;
        private long percent = 100;
        private Long maxUnits;
        private boolean allowPresale;
        private String idempotencyKey;
        private PushSettings push;

        private Builder(final String channel)
        {
            this.channel = channel;
        }

        /** Adds a warehouse that feeds the channel; none added: every warehouse. */
        public Builder warehouse(final String warehouse)
        {
            if (warehouses == null)
            {
                warehouses = new ArrayList<>();
            }
            warehouses.add(warehouse);
            return this;
        }

        /** The warehouses that feed the channel, in priority order; null: every warehouse. */
        public Builder warehouses(final List<String> warehouses)
        {
            this.warehouses = warehouses == null ? null : new ArrayList<>(warehouses);
            return this;
        }

        /** Units of every cell the channel never publishes. */
        public Builder bufferUnits(final long bufferUnits)
        {
            this.bufferUnits = bufferUnits;
            return this;
        }

        /** The share of the rest the channel publishes, 0..100. */
        public Builder percent(final long percent)
        {
            this.percent = percent;
            return this;
        }

        /** The cap on any listing's published quantity; null: no cap. */
        public Builder maxUnits(final Long maxUnits)
        {
            this.maxUnits = maxUnits;
            return this;
        }

        /** Let the request use presale (in-transit) stock when on-hand stock is short. */
        public Builder allowPresale(final boolean allowPresale)
        {
            this.allowPresale = allowPresale;
            return this;
        }

        /** A key that makes a retry of this request harmless: the server answers the first outcome again. */
        public Builder idempotencyKey(final String idempotencyKey)
        {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /** Push the channel's published quantities as {@code push} says; null (the default): no push. */
        public Builder push(final PushSettings push)
        {
            this.push = push;
            return this;
        }

        /** @return the request; throws for a field the protocol cannot carry. */
        public PutChannelRequest build()
        {
            return new PutChannelRequest(channel, warehouses, bufferUnits, percent, maxUnits, allowPresale,
                idempotencyKey, push);
        }
    }
}
