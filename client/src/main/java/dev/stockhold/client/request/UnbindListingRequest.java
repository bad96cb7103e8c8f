package dev.stockhold.client.request;

/** Unbinds a channel'\''s listing; the answer is the listing as it was bound, published 0. */
public record UnbindListingRequest(String channel, String listingId, String idempotencyKey) implements Request
{
    public UnbindListingRequest
    {
        Checks.required(channel, "channel");
        Checks.required(listingId, "listingId");
        Checks.optional(idempotencyKey, "idempotencyKey");
    }
}
