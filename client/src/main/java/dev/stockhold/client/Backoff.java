package dev.stockhold.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The delays between reconnection attempts: exponential from {@code initial}, doubling each failed attempt,
 * never above {@code max}, each drawn at random between half and all of its step ("equal jitter") so that
 * many clients cut off together do not all come back in the same instant. Not thread-safe.
 */
public final class Backoff
{
    private final long initialMillis;
    private final long maxMillis;
    private final DoubleSupplier random;
    private int attempts;

    /**
     * @param initial the first step (> 0).
     * @param max     the largest step (>= initial).
     * @param random  uniform values in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}.
     */
    public Backoff(final Duration initial, final Duration max, final DoubleSupplier random)
    {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0)
        {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** @return the delay before the next attempt, in milliseconds; counts the attempt. */
    public long nextDelayMillis()
    {
        final long step = step(attempts);
        attempts = Math.min(attempts + 1, 62);
        final long half = step / 2;
        return half + (long)(random.getAsDouble() * (step - half + 1));
    }

    /** @return the step (the upper bound of the delay) of attempt {@code attempt}, counted from 0. */
    long step(final int attempt)
    {
        // Past this many doublings the shift would overflow: the cap applies long before.
        if (attempt >= Long.numberOfLeadingZeros(initialMillis) - 1)
        {
            return maxMillis;
        }
        return Math.min(initialMillis << attempt, maxMillis);
    }

    /** Starts over from the first step: the connection is back. */
    public void reset()
    {
        attempts = 0;
    }
}
