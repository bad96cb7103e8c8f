package dev.stockhold.client;

/**
 * Receives every answer of a raw client ({@link StockholdClient.Builder#replyListener}), without decoding it
 * into objects: for load generators that must not allocate per request. Called on the client's event loop
 * thread, in the order the server answered; return quickly.
 */
@FunctionalInterface
public interface ReplyListener
{
    /**
     * @param correlationId the request's correlation id, as the caller gave it to {@link StockholdClient#send}.
     * @param templateId    the SBE template of the answer (e.g. 20 ReservationResult, 22 ErrorResult).
     * @param errorWireCode 0 for success, else the failure's {@link ResultCode#wireCode()}.
     */
    void onReply(long correlationId, int templateId, int errorWireCode);
}
