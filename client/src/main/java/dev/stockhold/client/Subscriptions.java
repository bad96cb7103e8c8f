package dev.stockhold.client;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * The open change-feed subscriptions, by the correlation id of their Subscribe on the current connection (the
 * server's events carry it). Not thread-safe: the session's lock guards it.
 */
final class Subscriptions
{
    private final Long2ObjectHashMap<Subscription> byCorrelationId = new Long2ObjectHashMap<>();

    void put(final long correlationId, final Subscription subscription)
    {
        byCorrelationId.put(correlationId, subscription);
    }

    Subscription get(final long correlationId)
    {
        return byCorrelationId.get(correlationId);
    }

    void remove(final long correlationId)
    {
        byCorrelationId.remove(correlationId);
    }

    void clear()
    {
        byCorrelationId.clear();
    }

    /**
     * Forgets every correlation id, which belonged to a connection that is gone.
     *
     * @return the live subscriptions, for the new connection to resume under new ids.
     */
    List<Subscription> takeLive()
    {
        final List<Subscription> live = new ArrayList<>();
        for (final Subscription subscription : byCorrelationId.values())
        {
            if (subscription.live())
            {
                live.add(subscription);
            }
        }
        byCorrelationId.clear();
        return live;
    }
}
