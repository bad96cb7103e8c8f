package dev.stockhold.client.request;

/** In-transit stock of one cell arrived: moves {@code quantity} from in transit to on hand. */
public record ReceiveRequest(String sku, String warehouse, long quantity, String idempotencyKey) implements Request
{
    public ReceiveRequest
    {
        Checks.required(sku, "sku");
        Checks.required(warehouse, "warehouse");
        Checks.optional(idempotencyKey, "idempotencyKey");
    }

    /** @return a receipt without idempotency key. */
    public static ReceiveRequest of(final String sku, final String warehouse, final long quantity)
    {
        return new ReceiveRequest(sku, warehouse, quantity, null);
    }
}
