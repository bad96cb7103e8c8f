package dev.stockhold.gateway.feed;

import io.netty.channel.Channel;

/**
 * One change-feed stream. Its position ({@link #lastSent}) belongs to the catch-up thread while it
 * replays the log, then to the responder thread once it is live: the hand-over goes through a
 * concurrent queue, which orders the two.
 */
final class FeedSubscriber
{
    /** {@link #lastSent} of a stream that starts with the next event. */
    static final long FROM_NOW = -1;

    final Channel channel;
    long lastSent;
    boolean headerSent;

    FeedSubscriber(final Channel channel, final long after)
    {
        this.channel = channel;
        this.lastSent = after;
    }
}
