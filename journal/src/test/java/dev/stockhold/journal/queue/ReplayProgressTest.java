package dev.stockhold.journal.queue;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Progress is the share of the sequences between the replay's start and its last entry. */
class ReplayProgressTest
{
    @Test
    void theShareOfSequencesBetweenStartAndEnd()
    {
        final ReplayProgress progress = new ReplayProgress("test", 1_000, 11_000);
        assertEquals(0.0, progress.fractionDone(1_000));
        assertEquals(0.1, progress.fractionDone(2_000), 1e-12);
        assertEquals(0.5, progress.fractionDone(6_000), 1e-12);
        assertEquals(1.0, progress.fractionDone(11_000));
    }

    @Test
    void neverOutsideZeroToOne()
    {
        final ReplayProgress progress = new ReplayProgress("test", 1_000, 11_000);
        assertEquals(0.0, progress.fractionDone(500));
        assertEquals(1.0, progress.fractionDone(20_000));
    }

    @Test
    void rateAndTimeLeftComeFromTheLastInterval()
    {
        final long second = 1_000_000_000L;
        final ReplayProgress progress = new ReplayProgress("replay", 0, 10_000_000, 0);
        // A cold start: the first two seconds apply 400,000 entries, the next two 6,000,000.
        assertEquals("event=replay_progress replay=replay percent=4.0 entries=400000 remaining=9600000"
            + " entriesPerSecond=200000 etaSeconds=48", progress.line(2 * second, 400_000, 400_000));
        assertEquals("event=replay_progress replay=replay percent=64.0 entries=6400000 remaining=3600000"
            + " entriesPerSecond=3000000 etaSeconds=1", progress.line(4 * second, 6_400_000, 6_400_000));
    }

    @Test
    void withoutAnEndOnlyTheRate()
    {
        final ReplayProgress progress = new ReplayProgress("replay", 0, -1, 0);
        assertEquals("event=replay_progress replay=replay entries=500000 entriesPerSecond=250000",
            progress.line(2_000_000_000L, 500_000, 500_000));
    }

    @Test
    void unknownWithoutEntriesAhead()
    {
        assertEquals(-1, new ReplayProgress("test", 1_000, -1).fractionDone(1_500));
        assertEquals(-1, new ReplayProgress("test", 1_000, 1_000).fractionDone(1_000));
    }
}
