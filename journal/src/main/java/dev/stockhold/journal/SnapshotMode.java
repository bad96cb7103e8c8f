package dev.stockhold.journal;

/** Where periodic snapshots are made; the final snapshot of a clean shutdown is always made inline. */
public enum SnapshotMode
{
    /**
     * The ledger thread writes its state between two commands: every command waits behind a pause that
     * grows with the state (about 50 ms for 200,000 open orders here, 0.2–0.7 s for a million).
     */
    INLINE,
    /**
     * A thread of its own rebuilds the state from the newest snapshot and the journal after it, then writes
     * that: the ledger never pauses. The price is the replay's CPU (about 1 µs per command since the last
     * snapshot) and a second copy of the state in memory while a snapshot is being built.
     */
    BACKGROUND
}
