package dev.stockhold.client.request;

/** A kit: its components and how many whole kits could ship. */
public record GetKitRequest(String kit) implements Request
{
    public GetKitRequest
    {
        Checks.required(kit, "kit");
    }
}
