package dev.stockhold.client.request;

/** Every channel's rules, in code order. */
public record ListChannelsRequest() implements Request
{
}
