package dev.stockhold.gateway.server;

import dev.stockhold.journal.SnapshotMode;

import java.time.Duration;
import java.util.Objects;

/**
 * When and where the engine snapshots its ledger (a restart then replays only the journal after the newest
 * one).
 *
 * @param everyCommands after this many commands; 0 for none.
 * @param interval      at least this often while commands arrive; zero for none.
 * @param mode          on the ledger thread (a pause that grows with the state) or rebuilt by a background
 *                      replay (no pause; the replay's CPU and a second copy of the state while it runs).
 */
public record SnapshotPolicy(long everyCommands, Duration interval, SnapshotMode mode)
{
    /**
     * Every million commands and every 10 minutes, built in the background: a restart replays at most
     * seconds of journal, and the ledger never stops for a snapshot (inline, a million open orders paused
     * it for 0.2–0.8 s here).
     */
    public static final SnapshotPolicy DEFAULT =
        new SnapshotPolicy(1_000_000, Duration.ofMinutes(10), SnapshotMode.BACKGROUND);

    public SnapshotPolicy
    {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(mode, "mode");
        if (everyCommands < 0 || interval.isNegative())
        {
            throw new IllegalArgumentException("snapshot triggers must not be negative");
        }
    }
}
