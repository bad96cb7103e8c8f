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
    void unknownWithoutEntriesAhead()
    {
        assertEquals(-1, new ReplayProgress("test", 1_000, -1).fractionDone(1_500));
        assertEquals(-1, new ReplayProgress("test", 1_000, 1_000).fractionDone(1_000));
    }
}
