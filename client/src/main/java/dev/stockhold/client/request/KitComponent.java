package dev.stockhold.client.request;

/** One component of a kit: a stocked SKU and how many of it one kit takes. */
public record KitComponent(String sku, long quantity)
{
    public KitComponent
    {
        Checks.required(sku, "sku");
    }
}
