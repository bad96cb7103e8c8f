package dev.stockhold.gateway.server;

import java.time.Duration;
import java.util.Objects;

/**
 * When the engine snapshots its ledger (a restart then replays only the journal after the newest one).
 *
 * @param everyCommands after this many mutating commands; 0 for none.
 * @param interval      at least this often while commands arrive; zero for none.
 */
public record SnapshotPolicy(long everyCommands, Duration interval)
{
    /** Every million commands and every 10 minutes: a restart replays at most seconds of journal. */
    public static final SnapshotPolicy DEFAULT = new SnapshotPolicy(1_000_000, Duration.ofMinutes(10));

    public SnapshotPolicy
    {
        Objects.requireNonNull(interval, "interval");
        if (everyCommands < 0 || interval.isNegative())
        {
            throw new IllegalArgumentException("snapshot triggers must not be negative");
        }
    }
}
