package dev.stockhold.cluster.service;

import dev.stockhold.engine.ledger.Ledger;

/**
 * Everything the clustered engine replicates: the ledger, the exactly-once window, the last engine sequence
 * given out, the engine time and whether the tick timer runs. Every node holds the same state after the
 * same log position; a snapshot ({@link EngineSnapshot}) holds all of it.
 * <p>
 * Owned by the clustered service's thread.
 */
final class EngineState
{
    /** The most members whose snapshot positions the state keeps. */
    static final int MAX_MEMBERS = 16;

    final Ledger ledger;
    final CommandWindow window;
    /** The sequence of the last mutating command applied (ticks included); reads do not take one. */
    long sequence;
    /** The largest cluster timestamp seen, in epoch milliseconds: engine time never runs backwards. */
    long engineTimeMillis;
    /** True once the tick timer has been scheduled: the consensus module's snapshot then holds the timer. */
    boolean ticking;
    /** Per member, the log position of the last snapshot it reported (0: none): the log below the lowest can go. */
    final long[] memberSnapshots = new long[MAX_MEMBERS];

    EngineState(final Ledger ledger, final CommandWindow window, final long sequence, final long engineTimeMillis,
        final boolean ticking)
    {
        this.ledger = ledger;
        this.window = window;
        this.sequence = sequence;
        this.engineTimeMillis = engineTimeMillis;
        this.ticking = ticking;
    }

    /** Records that {@code member} took a snapshot at {@code logPosition}; positions only move forward. */
    void memberSnapshot(final int member, final long logPosition)
    {
        if (member >= 0 && member < MAX_MEMBERS)
        {
            memberSnapshots[member] = Math.max(memberSnapshots[member], logPosition);
        }
    }

    /** Moves engine time to {@code timestampMillis} if that is later; @return the engine time. */
    long advanceTime(final long timestampMillis)
    {
        engineTimeMillis = Math.max(engineTimeMillis, timestampMillis);
        return engineTimeMillis;
    }
}
