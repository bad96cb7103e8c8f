package dev.stockhold.journal;

import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.journal.queue.JournalQueue;
import dev.stockhold.journal.queue.JournalReader;
import dev.stockhold.journal.queue.Replayer;
import dev.stockhold.journal.snapshot.SnapshotFile;
import dev.stockhold.journal.snapshot.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * Rebuilds the ledger on start: the newest snapshot that passes its checks, then the journal after the
 * sequence it covers. A corrupt or truncated snapshot is logged and skipped in favour of an older one and
 * a longer replay; without any, the whole journal is replayed. With a second processor the replay reads
 * and decodes the journal on a thread of its own while this one applies ({@link Replayer}).
 */
public final class Recovery
{
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private Recovery()
    {
    }

    /** The recovered ledger and how it was recovered. */
    record Result(Ledger ledger, RecoveryReport report)
    {
    }

    /**
     * A snapshot loaded into a ledger.
     *
     * @param ledger          the ledger the snapshot holds, or null when none was usable.
     * @param file            the snapshot file, or null.
     * @param coveredSequence the last sequence the snapshot includes (0 without one).
     * @param skipped         newer snapshot files found unreadable and passed over.
     */
    public record Loaded(Ledger ledger, Path file, long coveredSequence, int skipped)
    {
    }

    static Result run(final JournalQueue queue, final SnapshotStore store, final LedgerConfig ledgerConfig,
        final Replayer.Hook hook)
    {
        final long startNanos = System.nanoTime();
        final Loaded loaded = loadNewestValid(store, ledgerConfig);
        requireCoveredHistory(queue, loaded);
        final long snapshotNanos = System.nanoTime() - startNanos;
        final Ledger ledger = loaded.ledger() != null ? loaded.ledger() : new Ledger(ledgerConfig);
        final Replayer replayer = new Replayer();
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long cpuStartNanos = threads.getCurrentThreadCpuTime();
        final long lastSequence;
        try (JournalReader reader = new JournalReader(queue))
        {
            lastSequence = replayer.replay(reader, ledger, loaded.coveredSequence(), "recovery", hook);
        }
        final long applyCpuNanos = threads.getCurrentThreadCpuTime() - cpuStartNanos;
        final long nanos = System.nanoTime() - startNanos;
        final double seconds = Math.max(nanos, 1) / 1e9;
        final RecoveryReport report = new RecoveryReport(
            loaded.file() == null ? null : loaded.file().getFileName().toString(),
            loaded.coveredSequence(),
            loaded.skipped(),
            replayer.entries(),
            replayer.tornEntries(),
            Math.max(lastSequence, loaded.coveredSequence()),
            nanos / 1_000_000,
            replayer.entries() / seconds,
            ledger.digest(),
            snapshotNanos / 1_000_000,
            applyCpuNanos / 1_000_000,
            replayer.readAheadCpuNanos() / 1_000_000);
        LOG.info("event=recovered snapshot={} snapshotSequence={} snapshotMillis={} entriesReplayed={} millis={}"
                + " entriesPerSecond={} applyCpuMillis={} readAheadCpuMillis={} lastSequence={} digest={}"
                + " skippedSnapshots={} tornEntries={}",
            report.snapshotFile() == null ? "none" : report.snapshotFile(), report.snapshotSequence(),
            report.snapshotMillis(), report.entriesReplayed(), report.millis(), Math.round(report.entriesPerSecond()),
            report.applyCpuMillis(), report.readAheadCpuMillis(), report.lastSequence(),
            String.format("%016x", report.digest()), report.skippedSnapshots(), report.tornEntries());
        return new Result(ledger, report);
    }

    /** Refuses a start whose snapshot does not reach the journal files retention deleted. */
    private static void requireCoveredHistory(final JournalQueue queue, final Loaded loaded)
    {
        final long deletedThrough;
        try
        {
            deletedThrough = DeletedThrough.read(queue.dir());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        if (loaded.coveredSequence() < deletedThrough)
        {
            throw new IllegalStateException(String.format("the journal through sequence %d was deleted by retention"
                + " and no readable snapshot covers it (%s): replaying what is left would not rebuild the ledger."
                + " Restore a snapshot covering sequence %d into the snapshot directory, then start again.",
                deletedThrough, loaded.file() == null ? loaded.skipped() + " unreadable, none loaded"
                    : "newest readable covers " + loaded.coveredSequence(), deletedThrough));
        }
    }

    /** @return the newest snapshot that reads back whole, or a result with a null ledger if none does. */
    static Loaded loadNewestValid(final SnapshotStore store, final LedgerConfig ledgerConfig)
    {
        return loadNewestValid(store, ledgerConfig, Long.MAX_VALUE);
    }

    /**
     * As recovery chooses, among the snapshots that cover no sequence above {@code maxCoveredSequence}: for a
     * reader that must see the entries after that sequence applied (the journal tool's history of published
     * quantities).
     *
     * @return the newest such snapshot that reads back whole, or a result with a null ledger if none does.
     */
    public static Loaded loadNewestValid(final SnapshotStore store, final LedgerConfig ledgerConfig,
        final long maxCoveredSequence)
    {
        int skipped = 0;
        for (final Path path : store.newestFirst())
        {
            final long peeked = SnapshotFile.peekCoveredSequence(path);
            if (peeked > maxCoveredSequence)
            {
                continue;
            }
            try
            {
                final SnapshotFile file = SnapshotFile.read(path);
                if (file.coveredSequence() > maxCoveredSequence)
                {
                    continue;
                }
                final Ledger ledger = Ledger.fromSnapshot(ledgerConfig, file.state(), 0, file.state().capacity());
                return new Loaded(ledger, path, file.coveredSequence(), skipped);
            }
            catch (final IOException | RuntimeException ex)
            {
                LOG.warn("event=snapshot_skipped file={} cause=\"{}\" action=use_older_snapshot", path,
                    ex.toString());
                skipped++;
            }
        }
        return new Loaded(null, null, 0, skipped);
    }
}
