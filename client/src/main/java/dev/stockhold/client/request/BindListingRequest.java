package dev.stockhold.client.request;

/** Binds a channel'\''s listing to a stocked SKU or a kit. */
public record BindListingRequest(String channel, String listingId, String sku, String idempotencyKey) implements Request
{
    public BindListingRequest
    {
        Checks.required(channel, "channel");
        Checks.required(listingId, "listingId");
        Checks.required(sku, "sku");
        Checks.optional(idempotencyKey, "idempotencyKey");
    }
}
