package dev.stockhold.gateway.push;

/**
 * At most {@code ratePerSecond} takes a second, bursts of {@code burst}: a token bucket that starts full.
 * Time is given, never read, so tests drive it exactly. One channel's; the push thread only.
 */
final class TokenBucket
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private long ratePerSecond;
    private long burst;
    /** Tokens in billionths, so refills of a fraction of a token add up exactly. */
    private long nanoTokens;
    private long lastNanos;
    private boolean started;

    TokenBucket(final long ratePerSecond, final long burst)
    {
        configure(ratePerSecond, burst);
    }

    /** Takes new limits; the tokens held stay, up to the new burst. */
    void configure(final long ratePerSecond, final long burst)
    {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        if (!started)
        {
            nanoTokens = burst * NANOS_PER_SECOND;
        }
        nanoTokens = Math.min(nanoTokens, burst * NANOS_PER_SECOND);
    }

    /** @return 0 when a token is there now (not taken), or how many nanoseconds until one is. */
    long waitNanos(final long nowNanos)
    {
        refill(nowNanos);
        if (nanoTokens >= NANOS_PER_SECOND)
        {
            return 0;
        }
        return (NANOS_PER_SECOND - nanoTokens + ratePerSecond - 1) / ratePerSecond;
    }

    /** Takes a token; the caller saw {@link #waitNanos} answer 0. */
    void take(final long nowNanos)
    {
        refill(nowNanos);
        nanoTokens -= NANOS_PER_SECOND;
    }

    private void refill(final long nowNanos)
    {
        if (!started)
        {
            started = true;
            lastNanos = nowNanos;
            return;
        }
        final long elapsed = nowNanos - lastNanos;
        lastNanos = nowNanos;
        // A rate of at most 10,000 a second times a burst of a few seconds stays far from overflow; the cap
        // of the elapsed time keeps it so after a long idle.
        final long capped = Math.min(elapsed, 3_600 * NANOS_PER_SECOND);
        nanoTokens = Math.min(burst * NANOS_PER_SECOND, nanoTokens + capped * ratePerSecond);
    }
}
