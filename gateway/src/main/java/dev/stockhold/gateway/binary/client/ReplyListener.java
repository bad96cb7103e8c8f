package dev.stockhold.gateway.binary.client;

/**
 * Receives every answer of a raw client ({@link StockholdClient#connect(String, int, ReplyListener)}),
 * without decoding it into objects: for load generators that must not allocate per request.
 * Called on the client's event loop thread; return quickly.
 */
@FunctionalInterface
public interface ReplyListener
{
    /**
     * @param correlationId the request's correlation id.
     * @param templateId    the SBE template of the answer (e.g. 20 ReservationResult, 22 ErrorResult).
     * @param errorWireCode {@code ErrorCode.wireCode()}: 0 for success.
     */
    void onReply(long correlationId, int templateId, int errorWireCode);
}
