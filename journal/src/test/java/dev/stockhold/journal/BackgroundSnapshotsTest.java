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
            final AtomicLong mayCover = new AtomicLong();
            final AtomicInteger inlineRequests = new AtomicInteger();
            final BackgroundSnapshots snapshots = new BackgroundSnapshots(queue, store, LedgerConfig.defaults(),
                mayCover::get, 10, 0, 0, () -> inlineRequests.incrementAndGet() > 0, () -> 0L);
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
                assertEquals(100, snapshots.lastCovered());
                assertEquals(0, snapshots.builds(), "nothing built in the background");
                assertEquals(1, store.newestFirst().size());
            }
            finally
            {
                snapshots.close();
            }
        }
    }

    @Test
    void withoutASnapshotCoveringWhatRetentionDeletedTheSnapshotIsAskedOfTheLedgerStage() throws Exception
    {
        try (JournalQueue queue = JournalQueue.open(dir.resolve("journal"), SystemTimeProvider.INSTANCE, false))
        {
            final SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"));
            Files.writeString(dir.resolve("journal").resolve(DeletedThrough.FILE_NAME), "40\n");
            final AtomicLong mayCover = new AtomicLong();
            final AtomicInteger inlineRequests = new AtomicInteger();
            final BackgroundSnapshots snapshots = new BackgroundSnapshots(queue, store, LedgerConfig.defaults(),
                mayCover::get, 10, 0, 0, () -> inlineRequests.incrementAndGet() > 0, () -> Long.MAX_VALUE);
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
                assertEquals(0, snapshots.builds(), "nothing built from the rest of the journal");
                assertEquals(0, store.newestFirst().size());
            }
            finally
            {
                snapshots.close();
            }
        }
    }
}
