package dev.stockhold.client;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The requests submitted while no connection was ready, encoded, in submission order: the next ready
 * connection sends them. Not thread-safe: the session's lock guards it.
 */
final class WaitingRequests
{
    /** One encoded request and the correlation id it carries. */
    private record Waiting(long correlationId, byte[] bytes)
    {
    }

    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();

    /** Keeps a copy of the first {@code length} bytes of {@code encoded}. */
    void add(final long correlationId, final byte[] encoded, final int length)
    {
        queue.add(new Waiting(correlationId, Arrays.copyOf(encoded, length)));
    }

    /**
     * Sends every waiting request still pending (not timed out meanwhile) on {@code ready}, oldest first, and
     * registers the subscriptions they open under their correlation ids.
     */
    void sendOn(final Link ready, final PendingRequests pending, final Subscriptions subscriptions)
    {
        Waiting next;
        while ((next = queue.poll()) != null)
        {
            final Pending request = pending.get(next.correlationId());
            if (request == null)
            {
                continue;
            }
            if (request.subscription != null)
            {
                subscriptions.put(next.correlationId(), request.subscription);
            }
            request.sentOn = ready;
            ready.outbox.append(next.bytes(), 0, next.bytes().length);
        }
    }

    void clear()
    {
        queue.clear();
    }
}
