package dev.stockhold.client.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Releases, deducts or returns an order: all of it (no lines), or the given quantities of some cells.
 */
public record SettleRequest(Settlement action, String orderId, List<SettleLine> lines, String idempotencyKey)
    implements Request
{
    public SettleRequest
    {
        Objects.requireNonNull(action, "action is required");
        Checks.required(orderId, "orderId");
        lines = Checks.group(lines, "lines");
        Checks.optional(idempotencyKey, "idempotencyKey");
    }

    /** @return the release of the whole order. */
    public static SettleRequest release(final String orderId)
    {
        return new SettleRequest(Settlement.RELEASE, orderId, List.of(), null);
    }

    /** @return the deduction of the whole order. */
    public static SettleRequest deduct(final String orderId)
    {
        return new SettleRequest(Settlement.DEDUCT, orderId, List.of(), null);
    }

    /** @return the return of everything deducted of the order. */
    public static SettleRequest returnAll(final String orderId)
    {
        return new SettleRequest(Settlement.RETURN, orderId, List.of(), null);
    }

    /** @return a builder of a settlement of {@code orderId}, whole unless lines are added. */
    public static Builder builder(final Settlement action, final String orderId)
    {
        return new Builder(action, orderId);
    }

    /** Collects a settlement's fields. Not thread-safe. */
    public static final class Builder
    {
        private final Settlement action;
        private final String orderId;
        private final List<SettleLine> lines = new ArrayList<>();
        private String idempotencyKey;

        private Builder(final Settlement action, final String orderId)
        {
            this.action = action;
            this.orderId = orderId;
        }

        /** Settles only {@code quantity} of this cell of the order (any number of lines). */
        public Builder line(final String sku, final String warehouse, final long quantity)
        {
            lines.add(new SettleLine(sku, warehouse, quantity));
            return this;
        }

        /** A key that makes a retry of this request harmless: the server answers the first outcome again. */
        public Builder idempotencyKey(final String idempotencyKey)
        {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /** @return the request; throws for a field the protocol cannot carry. */
        public SettleRequest build()
        {
            return new SettleRequest(action, orderId, lines, idempotencyKey);
        }
    }
}
