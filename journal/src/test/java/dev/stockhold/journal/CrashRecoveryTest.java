package dev.stockhold.journal;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.ThreadLayout;
import dev.stockhold.journal.queue.JournalQueue;
import dev.stockhold.journal.queue.JournalReader;
import dev.stockhold.journal.queue.Replayer;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a journaling engine process with SIGKILL at random moments and checks that recovery finds every
 * acknowledged command and rebuilds exactly the state an offline replay of the journal from scratch gives.
 * 10 rounds by default; {@code -Dstockhold.long=true} runs 60.
 */
class CrashRecoveryTest
{
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCommandSurvivesSigkill() throws Exception
    {
        final long seed = Long.getLong("stockhold.seed", System.nanoTime());
        System.out.println("CrashRecoveryTest seed " + seed);
        final Random random = new Random(seed);
        final int rounds = Boolean.getBoolean("stockhold.long") ? 60 : 10;
        long totalAcked = 0;
        for (int round = 0; round < rounds; round++)
        {
            final Durability durability = round % 3 == 2 ? Durability.FSYNC : Durability.MMAP;
            final ThreadLayout layout = ThreadLayout.values()[round % ThreadLayout.values().length];
            final List<String> acks = runAndKill(durability, layout, random.nextLong(), "r" + round + "-",
                150 + random.nextInt(600));
            totalAcked += acks.size();
            checkRecovery(acks, seed, round);
        }
        System.out.println("acknowledged commands checked: " + totalAcked);
        assertTrue(totalAcked > 0);
    }

    @Test
    void aWriterThatDiedMidEntryLeavesAJournalThatRecoversAndAcceptsNewEntries() throws Exception
    {
        final JournalConfig config = JournalConfig.defaults(dir);
        final Process process = new ProcessBuilder(javaCommand(TornWriteWorker.class, config.journalDir().toString(),
            "50")).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertTrue(output.contains("HALF-WRITTEN"), output);
        final long digest;
        try (JournalService recovered = JournalService.open(config, LedgerConfig.defaults()))
        {
            assertEquals(50, recovered.recovery().entriesReplayed(), "the half entry is invisible");
            assertEquals(51, recovered.nextSequence());
            final EngineRun run = new EngineRun(recovered, 0);
            final long before = run.liveDigest();
            run.publish(new Command().adjust("SKU-2", "WH", 5, 0, 0, "found"));
            run.publish(new Command().adjust("SKU-3", "WH", 7, 0, 0, "found"));
            digest = run.liveDigest();
            assertTrue(digest != before, "the new entries change the state");
            run.closeWithoutFinalSnapshot();
        }
        try (JournalService again = JournalService.open(config, LedgerConfig.defaults()))
        {
            assertEquals(52, again.recovery().entriesReplayed(), "the new entries follow the torn one");
            assertEquals(digest, again.recovery().digest());
        }
    }

    private static List<String> javaCommand(final Class<?> main, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(Arrays.asList(System.getProperty("stockhold.jvm.flags", "").trim().split("\\s+")));
        command.removeIf(String::isEmpty);
        // The worker checks the ledger's invariants after every command, as the tests do.
        command.addAll(List.of("-Dstockhold.checks=true", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
            System.getProperty("java.class.path"), main.getName()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    private List<String> runAndKill(final Durability durability, final ThreadLayout layout, final long streamSeed,
        final String prefix, final long runMillis) throws Exception
    {
        final List<String> command = javaCommand(CrashWorker.class, dir.toString(), durability.name(),
            Long.toString(streamSeed), prefix, layout.name());
        // The worker's log is kept only to explain a worker that dies on its own.
        final Path log = Files.createTempFile("crash-worker", ".log");
        final Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        final List<String> acks = new CopyOnWriteArrayList<>();
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII)))
            {
                String line;
                while ((line = lines.readLine()) != null)
                {
                    // A line cut by the kill was not wholly printed; only whole lines count.
                    if (line.startsWith("ACK ") && line.split(" ").length == 5)
                    {
                        acks.add(line);
                    }
                }
            }
            catch (final IOException ex)
            {
                return;
            }
        });
        reader.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (acks.isEmpty() && process.isAlive() && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        assertTrue(process.isAlive(), () -> "worker died before it was killed; its log ends:\n" + tail(log));
        Thread.sleep(runMillis);
        process.destroyForcibly();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        reader.join(10_000);
        Files.delete(log);
        return acks;
    }

    /** @return the last lines of a log, or why it could not be read. */
    private static String tail(final Path log)
    {
        try
        {
            final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
        catch (final IOException ex)
        {
            return "(unreadable: " + ex + ")";
        }
    }

    private void checkRecovery(final List<String> acks, final long seed, final int round)
    {
        final JournalConfig config = JournalConfig.defaults(dir);
        final long offlineDigest = replayFromScratch(config);
        try (JournalService recovered = JournalService.open(config, LedgerConfig.defaults()))
        {
            final String context = "round " + round + ", seed " + seed + ", " + recovered.recovery();
            assertEquals(offlineDigest, recovered.recovery().digest(), "snapshot + tail = full replay; " + context);
            final Ledger ledger = recovered.ledger();
            final Command read = new Command();
            long lastAcked = 0;
            int locksChecked = 0;
            for (final String ack : acks)
            {
                final String[] fields = ack.split(" ");
                lastAcked = Math.max(lastAcked, Long.parseLong(fields[1]));
                if ("LOCK".equals(fields[2]) && "OK".equals(fields[4]))
                {
                    read.getReservation(fields[3]);
                    ledger.apply(read);
                    assertTrue(read.result.isOk(), "acked lock " + fields[3] + " lost; " + context);
                    locksChecked++;
                }
            }
            assertTrue(recovered.recovery().lastSequence() >= lastAcked, "acked " + lastAcked + "; " + context);
            System.out.println("round " + round + ": " + acks.size() + " acked (" + locksChecked + " locks checked), "
                + recovered.recovery());
        }
    }

    private static long replayFromScratch(final JournalConfig config)
    {
        final Ledger ledger = new Ledger(LedgerConfig.defaults());
        try (JournalQueue queue = JournalQueue.open(config.journalDir(), SystemTimeProvider.INSTANCE, true);
             JournalReader reader = new JournalReader(queue))
        {
            new Replayer().replay(reader, ledger, 0, "offline replay", null);
        }
        return ledger.digest();
    }
}
