package dev.stockhold.journal;

/**
 * What recovery did on start.
 *
 * @param snapshotFile        the snapshot loaded, or null when the journal was replayed from scratch.
 * @param snapshotSequence    the last sequence the snapshot covers (0 without one).
 * @param skippedSnapshots    newer snapshots found truncated or corrupt and skipped.
 * @param entriesReplayed     journal entries applied after the snapshot.
 * @param tornEntries         entries that failed their checksum (a crash mid-write) and were skipped.
 * @param lastSequence        the last journaled sequence (or the snapshot's, if later).
 * @param millis              wall time of the whole recovery.
 * @param entriesPerSecond    replay rate.
 * @param digest              the ledger's state digest after recovery.
 * @param snapshotMillis      wall time of reading and loading the snapshot (0 without one).
 * @param applyCpuMillis      CPU time of the thread that applied the entries, during the replay.
 * @param readAheadCpuMillis  CPU time of the thread that read and decoded them ahead (0 if none did):
 *                            with the line above, which side bounds the replay.
 */
public record RecoveryReport(
    String snapshotFile,
    long snapshotSequence,
    int skippedSnapshots,
    long entriesReplayed,
    long tornEntries,
    long lastSequence,
    long millis,
    double entriesPerSecond,
    long digest,
    long snapshotMillis,
    long applyCpuMillis,
    long readAheadCpuMillis)
{
}
