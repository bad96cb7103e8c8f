package dev.stockhold.client;

import java.util.function.Consumer;

/**
 * A change-feed subscription (the whole feed, or one channel's): where it is in the feed, so that a
 * reconnection resumes it there and an event already delivered is not delivered twice.
 */
final class Subscription
{
    /** The protocol's "from now" for a subscription's afterSeq (the schema's OptionalLong null). */
    static final long FROM_NOW = Long.MIN_VALUE;

    /** The channel whose feed this is, or null for the whole change feed. */
    final String channel;
    private final Consumer<Object> events;
    /** The last sequence delivered (or the one the subscription started after). */
    private volatile long afterSeq;
    /** True once the server has answered Subscribed: only a live subscription is resumed. */
    private volatile boolean live;

    Subscription(final String channel, final long afterSeq, final Consumer<Object> events)
    {
        this.channel = channel;
        this.afterSeq = afterSeq;
        this.events = events;
    }

    /** @return the sequence a Subscribe for this subscription starts after. */
    long afterSeq()
    {
        return afterSeq;
    }

    boolean live()
    {
        return live;
    }

    /** The server answered Subscribed: events after {@code sequence} follow (or, resuming, after afterSeq). */
    void opened(final long sequence)
    {
        if (afterSeq == FROM_NOW)
        {
            afterSeq = sequence;
        }
        live = true;
    }

    /** Event loop: hands {@code event} on, unless it was delivered already (a resumption overlaps). */
    void deliver(final Object event)
    {
        final long seq = event instanceof Result.ChangeEvent ? ((Result.ChangeEvent)event).seq()
            : ((Result.ChannelChangeEvent)event).seq();
        if (seq <= afterSeq && afterSeq != FROM_NOW)
        {
            return;
        }
        afterSeq = seq;
        events.accept(event);
    }
}
