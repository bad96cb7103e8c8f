package dev.stockhold.journal;

import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.journal.queue.JournalQueue;
import dev.stockhold.journal.snapshot.SnapshotStore;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The builder's way out when the heap cannot hold a second copy of the state (the rest: JournalServiceTest). */
class BackgroundSnapshotsTest
{
    @TempDir
    Path dir;

    @Test
    void withoutRoomForASecondCopyTheSnapshotIsAskedOfTheLedgerStage() throws Exception
    {
        try (JournalQueue queue = JournalQueue.open(dir.resolve("journal"), SystemTimeProvider.INSTANCE, false))
        {
            final SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"));
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
            final int length = new Ledger(LedgerConfig.defaults()).writeSnapshot(buffer, 0);
            store.write(buffer.byteArray(), length, 0, System.currentTimeMillis());
            final BackgroundSnapshots snapshots = awaitInlineRequest(queue, store, 0L);
            assertEquals(100, snapshots.lastCovered());
            assertEquals(0, snapshots.builds(), "nothing built in the background");
            assertEquals(1, store.newestFirst().size());
        }
    }

    @Test
    void withoutASnapshotCoveringWhatRetentionDeletedTheSnapshotIsAskedOfTheLedgerStage() throws Exception
    {
        try (JournalQueue queue = JournalQueue.open(dir.resolve("journal"), SystemTimeProvider.INSTANCE, false))
        {
            final SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"));
            Files.writeString(dir.resolve("journal").resolve(DeletedThrough.FILE_NAME), "40\n");
            final BackgroundSnapshots snapshots = awaitInlineRequest(queue, store, Long.MAX_VALUE);
            assertEquals(0, snapshots.builds(), "nothing built from the rest of the journal");
            assertEquals(0, store.newestFirst().size());
        }
    }

    /**
     * Runs a builder with {@code freeHeap} bytes free until it asks the ledger stage for an inline snapshot
     * covering sequence 100 (the test fails if it never does), then stops it.
     *
     * @return the stopped builder, for its counters.
     */
    private static BackgroundSnapshots awaitInlineRequest(final JournalQueue queue, final SnapshotStore store,
        final long freeHeap) throws InterruptedException
    {
        final AtomicLong mayCover = new AtomicLong();
        final AtomicInteger inlineRequests = new AtomicInteger();
        final BackgroundSnapshots snapshots = new BackgroundSnapshots(queue, store, LedgerConfig.defaults(),
            mayCover::get, 10, 0, 0, () -> inlineRequests.incrementAndGet() > 0, () -> freeHeap);
        try
        {
            snapshots.start();
            mayCover.set(100);
            final long deadline = System.currentTimeMillis() + 10_000;
            while (inlineRequests.get() == 0 && System.currentTimeMillis() < deadline)
            {
                Thread.sleep(10);
            }
            assertTrue(inlineRequests.get() > 0, "an inline snapshot was asked for");
        }
        finally
        {
            snapshots.close();
        }
        return snapshots;
    }
}
