package dev.stockhold.engine.pipeline;

import org.agrona.DirectBuffer;

/**
 * Receives snapshots of the ledger, taken on the ledger thread between two commands. The engine does
 * no I/O: an implementation copies or hands the bytes to another thread and returns quickly, because
 * the ledger waits for it.
 */
@FunctionalInterface
public interface SnapshotSink
{
    /**
     * @param snapshot         the ledger's state as written by {@code Ledger.writeSnapshot}; valid only
     *                         during this call.
     * @param length           bytes of {@code snapshot} from offset 0.
     * @param coveredSequence  the engine sequence of the last command the snapshot includes.
     * @param pauseNanos       how long the ledger paused to write it, for metrics.
     */
    void onSnapshot(DirectBuffer snapshot, int length, long coveredSequence, long pauseNanos);
}
