package dev.stockhold.gateway.security;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A key's request rate limit: a token bucket of {@code burst} requests refilled at {@code perSecond}, kept as
 * the generic cell rate algorithm does, in one atomic number (the time at which the bucket would be full
 * again), so any event loop can take a token without a lock and without allocating.
 * <p>
 * Thread-safe.
 */
public final class RateLimit
{
    private final int perSecond;
    private final int burst;
    private final long intervalNanos;
    private final long toleranceNanos;
    /** When the bucket, as it stands, will have every token back (the theoretical arrival time). */
    private final AtomicLong fullAt = new AtomicLong(Long.MIN_VALUE);

    /**
     * @param perSecond requests per second, 1 or more.
     * @param burst     requests that may come at once, 1 or more.
     */
    public RateLimit(final int perSecond, final int burst)
    {
        if (perSecond < 1 || burst < 1)
        {
            throw new IllegalArgumentException("a rate limit needs at least 1 request per second and a burst of 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.toleranceNanos = intervalNanos * (burst - 1);
    }

    /**
     * Takes a token if there is one.
     *
     * @return 0 when the request may go, else how many nanoseconds until a token is back.
     */
    public long tryAcquire(final long nowNanos)
    {
        while (true)
        {
            final long current = fullAt.get();
            final long start = current == Long.MIN_VALUE || current - nowNanos < 0 ? nowNanos : current;
            final long waitNanos = start - toleranceNanos - nowNanos;
            if (waitNanos > 0)
            {
                return waitNanos;
            }
            if (fullAt.compareAndSet(current, start + intervalNanos))
            {
                return 0;
            }
        }
    }

    /** @return requests per second. */
    public int perSecond()
    {
        return perSecond;
    }

    /** @return requests that may come at once. */
    public int burst()
    {
        return burst;
    }
}
