package dev.stockhold.client.request;

/** Sets the units of a cell a channel holds for itself (0 removes the allocation). */
public record SetAllocationRequest(String channel, String sku, String warehouse, long units, String idempotencyKey) implements Request
{
    public SetAllocationRequest
    {
        Checks.required(channel, "channel");
        Checks.required(sku, "sku");
        Checks.required(warehouse, "warehouse");
        Checks.optional(idempotencyKey, "idempotencyKey");
    }
}
