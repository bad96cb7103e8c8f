package dev.stockhold.client.request;

/** The units of a cell a channel holds for itself. */
public record GetAllocationRequest(String channel, String sku, String warehouse) implements Request
{
    public GetAllocationRequest
    {
        Checks.required(channel, "channel");
        Checks.required(sku, "sku");
        Checks.required(warehouse, "warehouse");
    }
}
