package dev.stockhold.client.request;

/** A channel's push progress: acknowledged sequence, pending listings, dead letters, last error, lag. */
public record GetPushRequest(String channel) implements Request
{
    public GetPushRequest
    {
        Checks.required(channel, "channel");
    }
}
