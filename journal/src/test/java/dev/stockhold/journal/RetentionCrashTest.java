package dev.stockhold.journal;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.ReplyingResponder;
import dev.stockhold.journal.cli.JournalCli;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process killed in the middle of a retention sweep (after the n-th of five deletions) leaves a data
 * directory that recovers to the state it had, passes an offline {@code journal verify}, and takes new
 * commands that survive the next restart.
 */
class RetentionCrashTest
{
    @TempDir
    Path dir;

    @ParameterizedTest(name = "killed after deletion {0}")
    @ValueSource(ints = {1, 3, 5})
    void aSweepKilledHalfWayLeavesAJournalThatRecoversWhole(final int deletions) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(Arrays.asList(System.getProperty("stockhold.jvm.flags", "").trim().split("\\s+")));
        command.removeIf(String::isEmpty);
        command.addAll(List.of("-Dstockhold.checks=true", "-Dstockhold.failpoints=retention.sweep:halt@" + deletions,
            "-Xmx256m", "-cp", System.getProperty("java.class.path"), RetentionCrashWorker.class.getName(),
            dir.toString()));
        final Process worker = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(worker.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, worker.exitValue(), "halted inside the sweep: " + output);
        assertTrue(output.contains("SWEEPING") && !output.contains("SWEPT"), output);
        final String digest = output.substring(output.indexOf("DIGEST ") + 7).split("\\s")[0];

        final SetTimeProvider time = new SetTimeProvider(RetentionCrashWorker.END * 1_000_000L);
        final JournalConfig config = RetentionCrashWorker.config(dir);
        try (JournalService recovered = JournalService.open(config, LedgerConfig.defaults(), time))
        {
            assertEquals(digest, Long.toHexString(recovered.recovery().digest()), "the state it had before the sweep");
            // It takes new commands, which survive the next restart.
            final EnginePipeline pipeline = EnginePipeline.builder().ledger(recovered.ledger())
                .firstSequence(recovered.nextSequence()).journaler(recovered.journaler())
                .responder(new ReplyingResponder(null)).clock(time::currentTimeMillis).build().start();
            final Command lock = new Command();
            lock.lock("after-the-crash", null, 0, false, false).lines.add("SKU", "WH", 1);
            assertTrue(pipeline.tryPublish(lock));
            final long target = pipeline.nextSequence() - 1;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (recovered.lastJournaledSequence() < target && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            assertEquals(target, recovered.lastJournaledSequence());
            pipeline.close();
        }
        try (JournalService again = JournalService.open(config, LedgerConfig.defaults(), time))
        {
            assertTrue(!digest.equals(Long.toHexString(again.recovery().digest())), "the new lock is there");
        }
        final StringWriter out = new StringWriter();
        assertEquals(0, JournalCli.run(new PrintWriter(out), new PrintWriter(out), "verify", "--data-dir",
            dir.toString(), "--from-snapshot"), out.toString());
    }
}
