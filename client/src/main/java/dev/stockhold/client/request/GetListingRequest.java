package dev.stockhold.client.request;

/** A channel'\''s listing and its published quantity. */
public record GetListingRequest(String channel, String listingId) implements Request
{
    public GetListingRequest
    {
        Checks.required(channel, "channel");
        Checks.required(listingId, "listingId");
    }
}
