package dev.stockhold.client.request;

/**
 * A request of the binary protocol, immutable: build one with its type's builder or factory and hand it to
 * {@code StockholdClient.submit}. The same request may be submitted any number of times (a retry with the same
 * idempotency key is answered from the server's record, {@code replayed} true).
 */
public sealed interface Request
    permits SetStockRequest, AdjustRequest, ReceiveRequest, LockRequest, SettleRequest, GetStockRequest,
    GetReservationRequest, GetDigestRequest, PutChannelRequest, GetChannelRequest, ListChannelsRequest,
    BindListingRequest, UnbindListingRequest, GetListingRequest, SetAllocationRequest, GetAllocationRequest,
    PutKitRequest, GetKitRequest, GetPushRequest
{
}
