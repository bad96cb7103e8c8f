package dev.stockhold.loadtest;

import dev.stockhold.engine.command.Command;
import dev.stockhold.journal.Durability;
import dev.stockhold.journal.queue.JournalQueue;
import dev.stockhold.journal.queue.JournalWriter;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/stockhold journal …} as a user runs it, on a real journal: the launcher starts the tool from
 * the server jar with {@code -cp}, where the jar manifest's module grants do not apply, and Chronicle
 * then failed to map the journal.
 */
class LauncherTest
{
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void theJournalToolRunsFromTheLauncher(@TempDir final Path dataDir) throws Exception
    {
        Assumptions.assumeTrue(Files.exists(ROOT.resolve("gateway/target/stockhold-server.jar")),
            "the reactor packages the server jar before this module's tests; run from the root");
        try (JournalQueue queue = JournalQueue.open(dataDir.resolve("journal"), SystemTimeProvider.INSTANCE, false))
        {
            final JournalWriter writer = new JournalWriter(queue, Durability.MMAP, 0);
            writer.onStart();
            final Command command = new Command();
            command.setStock().items.add("A1", "W1", 10, 5, Command.ABSENT, Command.ABSENT);
            command.sequence = 1;
            writer.onCommand(command, true);
            command.receive("A1", "W1", 5).sequence = 2;
            writer.onCommand(command, true);
            writer.onShutdown();
        }
        final String stats = run("journal", "stats", "--data-dir", dataDir.toString());
        assertTrue(stats.contains("entries: 2 (undecodable: 0)"), stats);
        final String verify = run("journal", "verify", "--data-dir", dataDir.toString());
        assertTrue(verify.contains("OK"), verify);
    }

    /** @return the launcher's output; fails unless it exits 0. */
    private static String run(final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("bin/stockhold").toString()));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher finished");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
