package dev.stockhold.client;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/** The requests waiting for their answers, by correlation id. Not thread-safe: the session's lock guards it. */
final class PendingRequests
{
    private final Long2ObjectHashMap<Pending> byCorrelationId = new Long2ObjectHashMap<>();

    void put(final long correlationId, final Pending pending)
    {
        byCorrelationId.put(correlationId, pending);
    }

    Pending get(final long correlationId)
    {
        return byCorrelationId.get(correlationId);
    }

    /** @return the request, no longer pending, or null when it was answered, timed out or failed already. */
    Pending remove(final long correlationId)
    {
        return byCorrelationId.remove(correlationId);
    }

    /**
     * Removes the requests sent on a connection that closed: their answers will never come. A subscription
     * that was not live yet is forgotten with its Subscribe; a live one stays to be resumed.
     *
     * @return the removed requests, to fail outside the lock.
     */
    List<Pending> removeSentOn(final Link lost, final Subscriptions subscriptions)
    {
        final List<Pending> removed = new ArrayList<>();
        final Long2ObjectHashMap<Pending>.EntryIterator entries = byCorrelationId.entrySet().iterator();
        while (entries.hasNext())
        {
            entries.next();
            final Pending pending = entries.getValue();
            if (pending.sentOn == lost)
            {
                final long correlationId = entries.getLongKey();
                entries.remove();
                if (pending.subscription != null && !pending.subscription.live())
                {
                    subscriptions.remove(correlationId);
                }
                removed.add(pending);
            }
        }
        return removed;
    }

    /** @return every pending request, removed, to fail outside the lock. */
    List<Pending> removeAll()
    {
        final List<Pending> removed = new ArrayList<>(byCorrelationId.values());
        byCorrelationId.clear();
        return removed;
    }
}
