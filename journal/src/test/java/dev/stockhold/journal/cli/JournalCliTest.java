package dev.stockhold.journal.cli;

import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.journal.CommandStreams;
import dev.stockhold.journal.EngineRun;
import dev.stockhold.journal.JournalConfig;
import dev.stockhold.journal.JournalService;
import dev.stockhold.journal.queue.JournalFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JournalCliTest
{
    @TempDir
    static Path dir;

    private long liveDigest;
    private long journaled;

    /** Output and status of one run of the tool. */
    private record Run(int status, String out, String err)
    {
    }

    @BeforeAll
    void journalAStream() throws Exception
    {
        final long seed = System.nanoTime();
        System.out.println("JournalCliTest seed " + seed);
        final JournalConfig config = JournalConfig.defaults(dir).withSnapshots(0, Duration.ZERO);
        final JournalService journal = JournalService.open(config, LedgerConfig.defaults());
        final EngineRun run = new EngineRun(journal, 1_000);
        run.feed(new CommandStreams(seed), 5_000);
        liveDigest = run.liveDigest();
        run.close();
        try (JournalService recovered = JournalService.open(config, LedgerConfig.defaults()))
        {
            journaled = recovered.recovery().lastSequence();
        }
    }

    private Run cli(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int status = JournalCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void helpListsTheSubcommands()
    {
        final Run help = cli("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("dump") && help.out().contains("verify") && help.out().contains("stats"),
            help.out());
        final Run dumpHelp = cli("dump", "--help");
        assertTrue(dumpHelp.out().contains("--sku") && dumpHelp.out().contains("--data-dir"), dumpHelp.out());
    }

    @Test
    void dumpPrintsEveryEntryAndFilters()
    {
        final Run all = cli("dump", "--data-dir", dir.toString());
        assertEquals(0, all.status(), all.err());
        final String[] lines = all.out().split("\n");
        assertTrue(lines.length > 4_000, "lines: " + lines.length);
        assertTrue(all.out().contains("  LOCK order=order-1 "), all.out().substring(0, 2_000));
        final Run sku = cli("dump", "--data-dir", dir.toString(), "--sku", "SKU-C", "--warehouse", "WH2");
        assertTrue(sku.out().length() > 0);
        assertTrue(Arrays.stream(sku.out().split("\n")).allMatch(l -> l.contains("SKU-C") && l.contains("WH2")));
        final Run order = cli("dump", "--data-dir", dir.toString(), "--order", "order-7");
        assertTrue(Arrays.stream(order.out().split("\n")).allMatch(l -> l.contains("order=order-7 ")), order.out());
        final Run pushes = cli("dump", "--data-dir", dir.toString(), "--channel", "amazon");
        assertTrue(Arrays.stream(pushes.out().split("\n")).allMatch(l -> l.contains("channel=amazon")), pushes.out());
        assertTrue(pushes.out().contains("PUSH_OUTCOME channel=amazon delivery=d-"), "what was pushed, and when");
        assertTrue(pushes.out().contains(" push=http://127.0.0.1:9/stock rate="), "where it goes");
        assertTrue(!pushes.out().contains("secret"), "never the secret");
        final Run client = cli("dump", "--data-dir", dir.toString(), "--client", "2", "--limit", "10");
        assertEquals(10, client.out().split("\n").length);
        assertTrue(Arrays.stream(client.out().split("\n")).allMatch(l -> l.contains(" client=2 ")));
        final String firstTime = lines[0].substring(0, lines[0].indexOf(' '));
        final Run window = cli("dump", "--data-dir", dir.toString(), "--from", firstTime, "--to", firstTime);
        assertEquals("", window.out());
    }

    @Test
    void verifyReplaysAndMatchesTheSnapshotsAndTheGivenDigest()
    {
        final Run ok = cli("verify", "--data-dir", dir.toString(), "--digest", String.format("%016x", liveDigest));
        assertEquals(0, ok.status(), ok.out() + ok.err());
        assertTrue(ok.out().contains("undecodable: 0"), ok.out());
        assertTrue(ok.out().lines().filter(l -> l.startsWith("ok ")).count() >= 3, ok.out());
        final Run wrong = cli("verify", "--data-dir", dir.toString(), "--digest", "0123456789abcdef");
        assertEquals(1, wrong.status(), wrong.out());
        final Run missing = cli("verify", "--data-dir", dir.resolve("nowhere").toString());
        assertEquals(2, missing.status());
    }

    @Test
    void statsCountsEntriesAndBytes()
    {
        final Run stats = cli("stats", "--data-dir", dir.toString());
        assertEquals(0, stats.status(), stats.err());
        assertTrue(stats.out().contains("bytes/entry"), stats.out());
        assertTrue(stats.out().contains("LOCK"), stats.out());
        final long entries = Long.parseLong(stats.out().lines().findFirst().orElseThrow().split(" ")[1].replace(",", ""));
        assertTrue(entries > 4_000 && entries <= journaled, stats.out());
    }

    @Test
    void verifyFailsOnADamagedEntry() throws Exception
    {
        final Path copy = dir.resolveSibling(dir.getFileName() + "-damaged");
        copyTree(dir, copy);
        final Path file;
        try (Stream<Path> files = Files.list(copy.resolve("journal")))
        {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        JournalFiles.flipByteOf(file, "order-3");
        final Run damaged = cli("verify", "--data-dir", copy.toString());
        assertEquals(1, damaged.status(), damaged.out());
        assertTrue(damaged.out().contains("undecodable: 1"), damaged.out());
    }

    @Test
    void verifyRefusesAJournalWhoseStartRetentionDeletedUnlessStartingFromASnapshot() throws Exception
    {
        final Path copy = dir.resolveSibling(dir.getFileName() + "-trimmed");
        copyTree(dir, copy);
        Files.writeString(copy.resolve("journal").resolve("deleted-through"), "1\n");
        final Run refused = cli("verify", "--data-dir", copy.toString());
        assertEquals(1, refused.status(), refused.out());
        assertTrue(refused.out().contains("deleted by retention"), refused.out());
        final Run fromSnapshot = cli("verify", "--data-dir", copy.toString(), "--from-snapshot");
        assertEquals(0, fromSnapshot.status(), fromSnapshot.out() + fromSnapshot.err());
    }

    private static void copyTree(final Path from, final Path to) throws Exception
    {
        try (Stream<Path> paths = Files.walk(from))
        {
            for (final Path path : (Iterable<Path>)paths::iterator)
            {
                final Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    Files.copy(path, target);
                }
            }
        }
    }
}
