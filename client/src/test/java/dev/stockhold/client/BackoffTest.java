package dev.stockhold.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest
{
    @Test
    void stepsDoubleFromTheInitialDelayUpToTheCap()
    {
        final Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), () -> 0.999_999);
        final long[] expected = {50, 100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000};
        for (final long step : expected)
        {
            assertEquals(step, backoff.nextDelayMillis());
        }
    }

    @Test
    void jitterKeepsEachDelayBetweenHalfAndAllOfItsStep()
    {
        final Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);
        assertEquals(50, low.nextDelayMillis());
        assertEquals(100, low.nextDelayMillis());
        assertEquals(200, low.nextDelayMillis());
        final Backoff middle = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.5);
        assertEquals(75, middle.nextDelayMillis());
    }

    @Test
    void manyFailuresNeitherOverflowNorPassTheCap()
    {
        final Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofMinutes(1), () -> 0.999_999);
        long last = 0;
        for (int i = 0; i < 1000; i++)
        {
            last = backoff.nextDelayMillis();
        }
        assertEquals(60_000, last);
        assertEquals(60_000, backoff.step(500));
    }

    @Test
    void resetStartsOverFromTheFirstStep()
    {
        final Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), () -> 0.999_999);
        backoff.nextDelayMillis();
        backoff.nextDelayMillis();
        backoff.nextDelayMillis();
        backoff.reset();
        assertEquals(50, backoff.nextDelayMillis());
    }

    @Test
    void refusesAZeroOrInvertedRange()
    {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0));
        assertThrows(IllegalArgumentException.class,
            () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0));
    }
}
