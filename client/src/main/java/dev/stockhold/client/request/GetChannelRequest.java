package dev.stockhold.client.request;

/** One channel'\''s rules. */
public record GetChannelRequest(String channel) implements Request
{
    public GetChannelRequest
    {
        Checks.required(channel, "channel");
    }
}
