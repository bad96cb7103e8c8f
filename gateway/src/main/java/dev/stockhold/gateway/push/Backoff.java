package dev.stockhold.gateway.push;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: the n-th retry in a row waits a uniformly drawn time between 0 and
 * {@code min(max, first × 2^(n-1))}, so many channels failing together do not retry together. One channel's;
 * the push thread only.
 */
final class Backoff
{
    private final long firstMillis;
    private final long maxMillis;
    private int failures;

    Backoff(final long firstMillis, final long maxMillis)
    {
        this.firstMillis = firstMillis;
        this.maxMillis = maxMillis;
    }

    /** @return how long to wait before the next attempt, after one more failure. */
    long nextDelayMillis()
    {
        failures = Math.min(failures + 1, 30);
        return ThreadLocalRandom.current().nextLong(ceilingMillis(failures) + 1);
    }

    /** @return the largest wait after {@code failures} failures in a row. */
    long ceilingMillis(final int failures)
    {
        final long doubled = firstMillis << Math.min(failures - 1, 20);
        return Math.min(maxMillis, doubled);
    }

    /** A success: the next failure starts from the first ceiling again. */
    void reset()
    {
        failures = 0;
    }

    int failures()
    {
        return failures;
    }
}
