package dev.stockhold.client.request;

/** A part of an order to settle: a quantity of one of its cells. */
public record SettleLine(String sku, String warehouse, long quantity)
{
    public SettleLine
    {
        Checks.required(sku, "sku");
        Checks.optional(warehouse, "warehouse");
    }
}
