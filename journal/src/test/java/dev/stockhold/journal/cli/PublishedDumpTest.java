package dev.stockhold.journal.cli;

import dev.stockhold.engine.command.PublishedChanges;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.journal.CommandStreams;
import dev.stockhold.journal.EngineRun;
import dev.stockhold.journal.JournalConfig;
import dev.stockhold.journal.JournalService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code journal dump --channel C [--listing L]} against a journal the real journaled pipeline wrote: what
 * the tool rebuilds by replay must be, change for change, what the live engine recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishedDumpTest
{
    @TempDir
    static Path dir;

    /** One change the live engine recorded: when, which command, which listing, before and after. */
    private record Change(long sequence, long timeMillis, String listing, String code, long before, long after)
    {
        /** @return the part of a dump line the test compares, from the time to before -> after. */
        String line()
        {
            return Instant.ofEpochMilli(timeMillis) + "  seq=" + sequence + "  amazon/" + listing + " " + code + "  "
                + before + " -> " + after;
        }
    }

    private final ConcurrentLinkedQueue<Change> live = new ConcurrentLinkedQueue<>();

    @BeforeAll
    void journalAStreamWithChannels() throws Exception
    {
        final long seed = System.nanoTime();
        System.out.println("PublishedDumpTest seed " + seed);
        final JournalConfig config = JournalConfig.defaults(dir).withSnapshots(0, Duration.ZERO);
        final EngineRun run = new EngineRun(JournalService.open(config, LedgerConfig.defaults()), 1_000);
        run.feed(new CommandStreams(seed), 6_000, (command, endOfBatch) ->
        {
            final PublishedChanges changes = command.result.published();
            for (int i = 0; i < changes.count(); i++)
            {
                if (changes.channel(i).equals("amazon"))
                {
                    live.add(new Change(command.sequence, command.timestampMillis, changes.listingId(i),
                        changes.sku(i), changes.previous(i), changes.published(i)));
                }
            }
        });
        run.close();
        assertTrue(live.size() > 20, "the stream changed too few published quantities: " + live.size());
    }

    private static String[] cli(final int expectedStatus, final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int status = JournalCli.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(expectedStatus, status, out + "\n" + err);
        return out.toString().lines().toArray(String[]::new);
    }

    private static List<String> changeLines(final String[] output)
    {
        return Stream.of(output).filter(l -> !l.startsWith("#")).collect(Collectors.toList());
    }

    /** @return the dump's lines cut after "before -> after", to compare with {@link Change#line()}. */
    private static List<String> withoutCommands(final List<String> lines)
    {
        return lines.stream().map(l ->
        {
            final int arrow = l.indexOf(" -> ");
            final int end = l.indexOf("  ", arrow);
            return l.substring(0, end);
        }).collect(Collectors.toList());
    }

    private List<Change> liveInOrder()
    {
        final List<Change> changes = new ArrayList<>(live);
        changes.sort(Comparator.comparingLong(Change::sequence).thenComparing(Change::listing));
        return changes;
    }

    @Test
    void everyChangeOfOneListingWithTheCommandThatMadeIt()
    {
        final Map<String, List<Change>> byListing = new TreeMap<>();
        liveInOrder().forEach(c -> byListing.computeIfAbsent(c.listing(), k -> new ArrayList<>()).add(c));
        for (final Map.Entry<String, List<Change>> listing : byListing.entrySet())
        {
            final List<String> dumped = changeLines(cli(0, "dump", "--data-dir", dir.toString(), "--channel", "amazon",
                "--listing", listing.getKey()));
            assertEquals(listing.getValue().stream().map(Change::line).collect(Collectors.toList()),
                withoutCommands(dumped), listing.getKey());
            for (int i = 1; i < dumped.size(); i++)
            {
                // A listing's history is a chain: each change starts where the one before it ended, or a bind starts at 0.
                final long before = Long.parseLong(dumped.get(i).split("  ")[3].split(" -> ")[0]);
                final long previousAfter = listing.getValue().get(i - 1).after();
                assertTrue(before == previousAfter || (before == 0 && dumped.get(i).contains("BIND_LISTING")),
                    dumped.get(i - 1) + "\n" + dumped.get(i));
            }
        }
        final List<String> some = changeLines(cli(0, "dump", "--data-dir", dir.toString(), "--channel", "amazon",
            "--published"));
        assertTrue(some.stream().anyMatch(l -> l.endsWith("BIND_LISTING channel=amazon listing=" + l.split("  ")[2]
            .substring("amazon/".length()).split(" ")[0] + " sku=" + l.split("  ")[2].split(" ")[1])), "a bind");
        assertTrue(some.stream().anyMatch(l -> l.contains("  LOCK order=")), "a lock");
        assertTrue(some.stream().anyMatch(l -> l.contains("  UNBIND_LISTING channel=amazon") && l.contains(" -> 0  ")),
            "an unbind");
    }

    @Test
    void theWholeChannelInEngineOrderFromTheStartOfTheJournal()
    {
        final String[] output = cli(0, "dump", "--data-dir", dir.toString(), "--channel", "amazon", "--published");
        assertEquals("# replayed from the start of the journal", output[0]);
        assertEquals(liveInOrder().stream().map(Change::line).collect(Collectors.toList()),
            withoutCommands(changeLines(output)));
        assertEquals(List.of("# replayed from the start of the journal"),
            List.of(cli(0, "dump", "--data-dir", dir.toString(), "--channel", "ebay", "--published")),
            "an unconfigured channel");
    }

    @Test
    void fromATimeStartsAtTheNewestSnapshotBeforeItAndShowsTheSameChanges() throws Exception
    {
        final List<Change> all = liveInOrder();
        // The oldest snapshot kept, and a change well after it: its time lies after every entry the snapshot covers.
        final long oldestSnapshot;
        try (Stream<Path> files = Files.list(dir.resolve("snapshots")))
        {
            oldestSnapshot = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".snap"))
                .mapToLong(n -> Long.parseLong(n.substring("snapshot-".length(), n.indexOf('.')))).min().orElseThrow();
        }
        final Change middle = all.stream().filter(c -> c.sequence() > oldestSnapshot + 50).findFirst().orElseThrow();
        final String[] output = cli(0, "dump", "--data-dir", dir.toString(), "--channel", "amazon",
            "--published", "--from", Instant.ofEpochMilli(middle.timeMillis()).toString());
        assertTrue(output[0].startsWith("# replayed from snapshot-"), output[0]);
        final long snapshotSequence = Long.parseLong(output[0].substring(output[0].lastIndexOf(' ') + 1));
        assertTrue(snapshotSequence >= oldestSnapshot && snapshotSequence < middle.sequence(), output[0]);
        assertEquals(all.stream().filter(c -> c.timeMillis() >= middle.timeMillis()).map(Change::line)
            .collect(Collectors.toList()), withoutCommands(changeLines(output)));
        final List<String> limited = changeLines(cli(0, "dump", "--data-dir", dir.toString(), "--channel", "amazon",
            "--published", "--from", Long.toString(middle.timeMillis()), "--limit", "3"));
        assertEquals(3, limited.size());
    }

    @Test
    void filtersNarrowTheCommandsAndTheCode()
    {
        final List<String> ofClient = changeLines(cli(0, "dump", "--data-dir", dir.toString(), "--channel", "amazon",
            "--published", "--client", "1"));
        assertFalse(ofClient.isEmpty());
        assertTrue(liveInOrder().size() > ofClient.size(), "--client narrows");
        final List<String> kit = changeLines(cli(0, "dump", "--data-dir", dir.toString(), "--channel", "amazon",
            "--published", "--sku", "KIT-1"));
        assertTrue(kit.stream().allMatch(l -> l.split("  ")[2].endsWith(" KIT-1")), String.join("\n", kit));
        assertEquals(liveInOrder().stream().filter(c -> c.code().equals("KIT-1")).count(), kit.size());
    }

    @Test
    void usageErrorsAndHelp() throws Exception
    {
        cli(2, "dump", "--data-dir", dir.toString(), "--listing", "LST-1");
        cli(2, "dump", "--data-dir", dir.toString(), "--published");
        final String help = String.join("\n", cli(0, "dump", "--help"));
        assertTrue(help.contains("--channel") && help.contains("--published") && help.contains("--listing")
            && help.contains("before ->"), help);
        assertTrue(Files.isDirectory(dir.resolve("snapshots")));
    }
}
