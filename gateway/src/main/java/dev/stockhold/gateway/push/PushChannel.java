package dev.stockhold.gateway.push;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.PushedListings;
import dev.stockhold.engine.pipeline.Reply;
import dev.stockhold.gateway.metrics.PushMetrics;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One pushing channel's delivery state on the push thread: whether something may be owed ({@link #dirty}),
 * the delivery in flight (at most one), its token bucket and backoff, and the figures of its last read for
 * the metrics. Fields are the push thread's unless marked otherwise.
 */
final class PushChannel implements PushMetrics.ChannelStatus
{
    final String code;
    /**
     * Set by the responder when a change arrives (queueing one wake-up), cleared when the push thread next reads
     * what the channel is owed: no wake-ups while a delivery is under way or the bucket is empty.
     */
    final AtomicBoolean signalled = new AtomicBoolean();
    /** The one command this channel sends at a time (a read, then an outcome); the entrance copies it. */
    final Command request = new Command();
    final TokenBucket bucket = new TokenBucket(10, 10);
    final Backoff backoff;
    /** The delivery in flight: its listings and how it ended. */
    final PushedListings inFlightListings = new PushedListings();
    Runnable wake;
    Runnable timer;
    Reply onRead;
    Reply onOutcome;

    boolean dirty;
    boolean inFlight;
    boolean timerSet;
    boolean removed;
    long notBeforeNanos;
    int lastStatus;
    long retryAfterMillis;

    // Written by the push thread, read by metrics scrapes.
    private volatile long pending;
    private volatile long lagAtReadMillis;
    private volatile long readAtNanos;
    private volatile long acknowledged;

    PushChannel(final String code, final Backoff backoff)
    {
        this.code = code;
        this.backoff = backoff;
    }

    /** Records what the last read of the channel's push said. */
    void readProgress(final long pendingListings, final long lagMillis, final long acknowledgedSeq, final long nowNanos)
    {
        this.lagAtReadMillis = lagMillis;
        this.readAtNanos = nowNanos;
        this.acknowledged = acknowledgedSeq;
        this.pending = pendingListings;
    }

    @Override
    public String channel()
    {
        return code;
    }

    @Override
    public long pendingListings()
    {
        return pending;
    }

    @Override
    public long lagMillis()
    {
        if (pending == 0)
        {
            return 0;
        }
        // The engine answered the lag at the last read; it has grown since by the time passed.
        return lagAtReadMillis + (System.nanoTime() - readAtNanos) / 1_000_000;
    }

    @Override
    public long acknowledgedSeq()
    {
        return acknowledged;
    }
}
