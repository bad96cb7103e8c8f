package dev.stockhold.client.request;

/** The levels of one cell, or (warehouse null) of every warehouse of a SKU. */
public record GetStockRequest(String sku, String warehouse) implements Request
{
    public GetStockRequest
    {
        Checks.required(sku, "sku");
        Checks.optional(warehouse, "warehouse");
    }
}
