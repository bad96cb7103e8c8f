package dev.stockhold.journal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the journal lives and how it is kept.
 *
 * @param dataDir               the directory holding {@code journal/} (the queue) and {@code snapshots/}.
 * @param durability            what an acknowledged command survives.
 * @param snapshotEveryCommands a snapshot after this many journaled commands; 0 for none.
 * @param snapshotInterval      a snapshot at least this often; zero for none.
 * @param snapshotMode          whether the ledger thread writes periodic snapshots or a background replay does.
 * @param retentionDays         daily journal files older than this are deleted once a snapshot covers them;
 *                              0 keeps every file.
 * @param minFreeDiskBytes      the engine stops (fail-stop) when the data disk has less usable space than
 *                              this, before a memory-mapped write can find it full ({@link DiskSpaceGuard}).
 */
public record JournalConfig(
    Path dataDir,
    Durability durability,
    long snapshotEveryCommands,
    Duration snapshotInterval,
    SnapshotMode snapshotMode,
    int retentionDays,
    long minFreeDiskBytes)
{
    /** Default retention: 180 days of audit trail. */
    public static final int DEFAULT_RETENTION_DAYS = 180;
    /** Default disk reserve: 64 MiB, twice the journal's pages faulted in ahead of its writer. */
    public static final long DEFAULT_MIN_FREE_DISK_BYTES = 64L << 20;

    public JournalConfig
    {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(snapshotInterval, "snapshotInterval");
        Objects.requireNonNull(snapshotMode, "snapshotMode");
        if (snapshotEveryCommands < 0 || snapshotInterval.isNegative() || retentionDays < 0 || minFreeDiskBytes < 0)
        {
            throw new IllegalArgumentException("negative snapshot or retention setting");
        }
    }

    /**
     * @return MMAP durability, an inline snapshot every 10 M commands and every 10 minutes, 180 days of
     * retention: at the replay rate measured here that bounds a restart to a few seconds of replay.
     */
    public static JournalConfig defaults(final Path dataDir)
    {
        return new JournalConfig(dataDir, Durability.MMAP, 10_000_000L, Duration.ofMinutes(10), SnapshotMode.INLINE,
            DEFAULT_RETENTION_DAYS, DEFAULT_MIN_FREE_DISK_BYTES);
    }

    /** @return a copy with another durability. */
    public JournalConfig withDurability(final Durability durability)
    {
        return new JournalConfig(dataDir, durability, snapshotEveryCommands, snapshotInterval, snapshotMode,
            retentionDays, minFreeDiskBytes);
    }

    /** @return a copy with other snapshot triggers. */
    public JournalConfig withSnapshots(final long everyCommands, final Duration interval)
    {
        return new JournalConfig(dataDir, durability, everyCommands, interval, snapshotMode, retentionDays,
            minFreeDiskBytes);
    }

    /** @return a copy with another retention. */
    public JournalConfig withRetentionDays(final int days)
    {
        return new JournalConfig(dataDir, durability, snapshotEveryCommands, snapshotInterval, snapshotMode, days,
            minFreeDiskBytes);
    }

    /** @return a copy with another snapshot mode. */
    public JournalConfig withSnapshotMode(final SnapshotMode mode)
    {
        return new JournalConfig(dataDir, durability, snapshotEveryCommands, snapshotInterval, mode, retentionDays,
            minFreeDiskBytes);
    }

    /** @return a copy with another disk reserve. */
    public JournalConfig withMinFreeDiskBytes(final long bytes)
    {
        return new JournalConfig(dataDir, durability, snapshotEveryCommands, snapshotInterval, snapshotMode,
            retentionDays, bytes);
    }

    /** @return the Chronicle queue directory. */
    public Path journalDir()
    {
        return dataDir.resolve("journal");
    }

    /** @return the snapshot directory. */
    public Path snapshotDir()
    {
        return dataDir.resolve("snapshots");
    }
}
