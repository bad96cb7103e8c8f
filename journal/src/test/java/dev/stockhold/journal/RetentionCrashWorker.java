package dev.stockhold.journal;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.Reply;
import dev.stockhold.engine.pipeline.ReplyingResponder;
import net.openhft.chronicle.core.time.SetTimeProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The process {@link RetentionCrashTest} lets die inside a retention sweep: writes ten days of journal under a
 * test clock with four snapshots (the oldest kept one covers the first five days), prints
 * {@code DIGEST <digest>} and {@code SWEEPING}, then sweeps with a failpoint armed by the test
 * ({@code retention.sweep:halt@n} halts after the n-th deleted file). Arguments: data directory.
 */
public final class RetentionCrashWorker
{
    static final long DAY = 86_400_000L;
    static final long START = 20_000 * DAY;
    /** The test clock's time when the sweep runs: ten days after {@link #START}. */
    static final long END = START + 10 * DAY;

    private RetentionCrashWorker()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final SetTimeProvider time = new SetTimeProvider(START * 1_000_000L);
        final JournalConfig config = config(Path.of(args[0]));
        final JournalService journal = JournalService.open(config, LedgerConfig.defaults(), time);
        final EnginePipeline pipeline = EnginePipeline.builder().ledger(journal.ledger())
            .firstSequence(journal.nextSequence()).journaler(journal.journaler())
            .responder(new ReplyingResponder(null)).snapshots(journal.snapshotSink(), 0)
            .clock(time::currentTimeMillis).build().start();
        final Command command = new Command();
        command.setStock().items.add("SKU", "WH", 1_000_000, 0, 0, Command.ABSENT);
        publish(pipeline, command);
        for (int day = 0; day < 10; day++)
        {
            for (int i = 0; i < 20; i++)
            {
                command.lock("order-" + day + "-" + i, null, 0, false, false).lines.add("SKU", "WH", 1);
                publish(pipeline, command);
            }
            awaitJournaled(pipeline, journal);
            if (day >= 5 && day <= 8)
            {
                snapshot(pipeline, journal);
            }
            time.advanceMillis(DAY);
        }
        System.out.println("DIGEST " + Long.toHexString(digest(pipeline)));
        System.out.println("SWEEPING");
        System.out.flush();
        System.out.println("SWEPT " + journal.sweepRetention());
        pipeline.close();
        journal.close();
    }

    static JournalConfig config(final Path dir)
    {
        return JournalConfig.defaults(dir).withSnapshots(0, Duration.ZERO).withRetentionDays(3);
    }

    static void publish(final EnginePipeline pipeline, final Command command)
    {
        while (!pipeline.tryPublish(command))
        {
            Thread.onSpinWait();
        }
    }

    static void snapshot(final EnginePipeline pipeline, final JournalService journal) throws Exception
    {
        final long before = journal.lastSnapshotSequence();
        publish(pipeline, new Command().snapshot());
        final long deadline = System.currentTimeMillis() + 10_000;
        while (journal.lastSnapshotSequence() == before && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(5);
        }
        journal.awaitSnapshots();
        Thread.sleep(5);
    }

    static void awaitJournaled(final EnginePipeline pipeline, final JournalService journal) throws Exception
    {
        final long target = pipeline.nextSequence() - 1;
        final long deadline = System.currentTimeMillis() + 10_000;
        while (journal.lastJournaledSequence() < target && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(1);
        }
    }

    private static long digest(final EnginePipeline pipeline) throws Exception
    {
        final CompletableFuture<Long> digest = new CompletableFuture<>();
        final Command read = new Command().getDigest();
        read.replyTo = (Reply)(c, end) -> digest.complete(c.result.digest());
        publish(pipeline, read);
        return digest.get(10, TimeUnit.SECONDS);
    }
}
