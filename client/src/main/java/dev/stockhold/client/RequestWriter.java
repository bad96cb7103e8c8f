package dev.stockhold.client;

import org.agrona.MutableDirectBuffer;

/**
 * Writes one request (or several back to back) straight into the client's outgoing buffer with the generated
 * SBE encoders of {@code dev.stockhold.client.sbe}: the raw path, for load generators that must not allocate
 * per request, and for tools that already hold their requests in another form. Called exactly once, on the
 * caller's thread, before {@link StockholdClient#send} or {@link StockholdClient#submit(RequestWriter)}
 * returns; the buffer must not be kept.
 */
@FunctionalInterface
public interface RequestWriter
{
    /**
     * @param correlationId the id the request must carry (its answer carries it back).
     * @param buffer        where to write, growing as needed (an expandable buffer).
     * @param offset        where the message starts: its SBE message header goes here.
     * @return the number of bytes written, headers included.
     */
    int write(long correlationId, MutableDirectBuffer buffer, int offset);
}
