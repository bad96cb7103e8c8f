package dev.stockhold.client.request;

/** An order's reservation. */
public record GetReservationRequest(String orderId) implements Request
{
    public GetReservationRequest
    {
        Checks.required(orderId, "orderId");
    }
}
