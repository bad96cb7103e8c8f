package dev.stockhold.client.request;

/** The ledger's state digest and sizes: two servers with the same digest hold the same state. */
public record GetDigestRequest() implements Request
{
}
