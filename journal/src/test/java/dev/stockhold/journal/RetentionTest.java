package dev.stockhold.journal;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.Reply;
import dev.stockhold.engine.pipeline.ReplyingResponder;
import dev.stockhold.journal.queue.JournalQueue;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Daily files past the retention go only once a kept snapshot covers them; a test clock moves the days. */
class RetentionTest
{
    private static final long DAY = 86_400_000L;
    private static final long START = 20_000 * DAY;

    @TempDir
    Path dir;

    private List<String> files() throws IOException
    {
        try (Stream<Path> files = Files.list(dir.resolve("journal")))
        {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(JournalQueue.FILE_SUFFIX)).sorted()
                .collect(Collectors.toList());
        }
    }

    @Test
    void oldFilesAreDeletedOnlyOnceASnapshotCoversThem() throws Exception
    {
        final SetTimeProvider time = new SetTimeProvider(START * 1_000_000L);
        final JournalConfig config = JournalConfig.defaults(dir).withSnapshots(0, Duration.ZERO).withRetentionDays(3);
        final long liveDigest;
        try (JournalService journal = JournalService.open(config, LedgerConfig.defaults(), time))
        {
            final EnginePipeline pipeline = EnginePipeline.builder().ledger(journal.ledger())
                .firstSequence(journal.nextSequence()).journaler(journal.journaler())
                .responder(new ReplyingResponder(null)).snapshots(journal.snapshotSink(), 0)
                .clock(time::currentTimeMillis).build().start();
            final Command command = new Command();
            command.setStock().items.add("SKU", "WH", 1_000_000, 0, 0, Command.ABSENT);
            publish(pipeline, command);
            for (int day = 0; day < 10; day++)
            {
                if (day == 2)
                {
                    snapshot(pipeline, journal);
                }
                for (int i = 0; i < 20; i++)
                {
                    command.lock("order-" + day + "-" + i, null, 0, false, false).lines.add("SKU", "WH", 1);
                    publish(pipeline, command);
                }
                awaitJournaled(pipeline, journal);
                time.advanceMillis(DAY);
            }
            assertEquals(10, files().size(), files().toString());

            // The oldest kept snapshot was taken early on day 2: days 0 and 1 are covered and past 3 days.
            assertEquals(2, journal.sweepRetention());
            assertEquals(8, files().size());
            assertEquals(0, journal.sweepRetention(), "days 2 to 6 are old but not covered");

            // Once three newer snapshots replace it, everything past the retention goes; today's file stays.
            for (int i = 0; i < 3; i++)
            {
                command.lock("order-late-" + i, null, 0, false, false).lines.add("SKU", "WH", 1);
                publish(pipeline, command);
                awaitJournaled(pipeline, journal);
                snapshot(pipeline, journal);
            }
            assertEquals(5, journal.sweepRetention());
            assertEquals(4, files().size(), "days 7, 8, 9 and today: " + files());
            final Command digest = new Command().getDigest();
            liveDigest = digestOf(pipeline, digest);
            pipeline.close();
        }
        try (JournalService recovered = JournalService.open(config, LedgerConfig.defaults(), time))
        {
            assertEquals(liveDigest, recovered.recovery().digest());
            assertTrue(recovered.recovery().snapshotFile() != null);
        }

        // Without a readable snapshot the rest of the journal cannot rebuild the ledger: refuse to start.
        try (Stream<Path> snapshots = Files.list(dir.resolve("snapshots")))
        {
            for (final Path snapshot : snapshots.collect(Collectors.toList()))
            {
                Files.write(snapshot, new byte[] {1, 2, 3});
            }
        }
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> JournalService.open(config, LedgerConfig.defaults(), time).close());
        assertTrue(refused.getMessage().contains("deleted by retention"), refused.getMessage());
    }

    private static void publish(final EnginePipeline pipeline, final Command command)
    {
        RetentionCrashWorker.publish(pipeline, command);
    }

    private static void snapshot(final EnginePipeline pipeline, final JournalService journal) throws Exception
    {
        RetentionCrashWorker.snapshot(pipeline, journal);
    }

    private static void awaitJournaled(final EnginePipeline pipeline, final JournalService journal) throws Exception
    {
        RetentionCrashWorker.awaitJournaled(pipeline, journal);
    }

    private static long digestOf(final EnginePipeline pipeline, final Command read) throws InterruptedException
    {
        final CompletableFuture<Long> digest = new CompletableFuture<>();
        read.replyTo = (Reply)(c, end) -> digest.complete(c.result.digest());
        publish(pipeline, read);
        try
        {
            return digest.get(10, TimeUnit.SECONDS);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
