package dev.stockhold.journal;

import dev.stockhold.engine.pipeline.Failpoints;
import dev.stockhold.journal.queue.JournalQueue;
import dev.stockhold.journal.queue.JournalReader;
import dev.stockhold.journal.snapshot.SnapshotStore;
import net.openhft.chronicle.core.time.TimeProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Deletes daily journal files older than the retention, but only those whose every entry a kept snapshot
 * covers: the journal is the audit trail, and never the only copy of state that is lost. Runs on the
 * journal service's timer thread; never touches the current day's file, which the journaler writes.
 */
final class RetentionSweeper
{
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);

    private final JournalQueue queue;
    private final SnapshotStore snapshots;
    private final int retentionDays;
    private final TimeProvider time;

    RetentionSweeper(final JournalQueue queue, final SnapshotStore snapshots, final int retentionDays,
        final TimeProvider time)
    {
        this.queue = queue;
        this.snapshots = snapshots;
        this.retentionDays = retentionDays;
        this.time = time;
    }

    /** @return the number of daily files deleted. */
    int sweep() throws IOException
    {
        if (retentionDays <= 0)
        {
            return 0;
        }
        final long covered = snapshots.oldestCoveredSequence();
        if (covered < 0)
        {
            return 0;
        }
        final long cutoffMillis = time.currentTimeMillis() - TimeUnit.DAYS.toMillis(retentionDays);
        final int current = queue.currentCycle();
        int deleted = 0;
        try (JournalReader reader = new JournalReader(queue))
        {
            for (final Long cycleValue : queue.cycles())
            {
                final int cycle = cycleValue.intValue();
                final long endMillis = JournalQueue.cycleStartMillis(cycle + 1);
                if (cycle >= current || endMillis > cutoffMillis)
                {
                    break;
                }
                final long lastSequence = reader.lastSequenceInCycle(cycle);
                if (lastSequence > covered)
                {
                    LOG.info("event=journal_file_kept cycle={} lastSequence={} snapshotSequence={}"
                        + " reason=not_covered_by_snapshot", cycle, lastSequence, covered);
                    break;
                }
                final Path file = queue.cycleFile(cycle);
                DeletedThrough.record(queue.dir(), lastSequence);
                if (Files.deleteIfExists(file))
                {
                    Failpoints.hit("retention.sweep");
                    deleted++;
                    LOG.info("event=journal_file_deleted file={} retentionDays={}", file.getFileName(),
                        retentionDays);
                }
            }
        }
        if (deleted > 0)
        {
            queue.chronicle().refreshDirectoryListing();
        }
        return deleted;
    }
}
