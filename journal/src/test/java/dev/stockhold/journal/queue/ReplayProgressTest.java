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
        assertEquals("replay: 4.0% (400,000 entries, about 9,600,000 to go), 200,000 entries/s, ETA 48 s",
            progress.line(2 * second, 400_000, 400_000));
        assertEquals("replay: 64.0% (6,400,000 entries, about 3,600,000 to go), 3,000,000 entries/s, ETA 1 s",
            progress.line(4 * second, 6_400_000, 6_400_000));
    }

    @Test
    void withoutAnEndOnlyTheRate()
    {
        final ReplayProgress progress = new ReplayProgress("replay", 0, -1, 0);
        assertEquals("replay: 500,000 entries, 250,000 entries/s", progress.line(2_000_000_000L, 500_000, 500_000));
    }

    @Test
    void unknownWithoutEntriesAhead()
    {
        assertEquals(-1, new ReplayProgress("test", 1_000, -1).fractionDone(1_500));
        assertEquals(-1, new ReplayProgress("test", 1_000, 1_000).fractionDone(1_000));
    }
}
