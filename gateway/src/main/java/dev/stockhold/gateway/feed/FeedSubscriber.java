package dev.stockhold.gateway.feed;

import io.netty.channel.Channel;

/**
 * One change-feed stream: of the stock feed, or of one channel's feed. Its position ({@link #lastSent})
 * belongs to the catch-up thread while it replays the log, then to the responder thread once it is live:
 * the hand-over goes through a concurrent queue, which orders the two.
 */
final class FeedSubscriber
{
    /** {@link #lastSent} of a stream that starts with the next event. */
    static final long FROM_NOW = -1;

    final Channel channel;
    /** The sales channel whose listings the stream follows, or null for the stock feed. */
    final String salesChannel;
    /** The newest sequence the stream has passed (sent, or had nothing for it). */
    long lastSent;
    boolean headerSent;

    FeedSubscriber(final Channel channel, final String salesChannel, final long after)
    {
        this.channel = channel;
        this.salesChannel = salesChannel;
        this.lastSent = after;
    }
}
