package dev.stockhold.journal;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.journal.queue.JournalFiles;
import dev.stockhold.journal.snapshot.SnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact replay through the real pipeline and a real queue on disk. */
class JournalServiceTest
{
    private static final LedgerConfig LEDGER = LedgerConfig.defaults().withWarehousePriority(List.of("WH2", "WH1"));

    @TempDir
    Path dir;

    private JournalConfig config(final Durability durability)
    {
        return JournalConfig.defaults(dir).withDurability(durability).withSnapshots(0, Duration.ZERO);
    }

    /** What the live engine answered before it closed. */
    private record Live(long digest, Map<String, String> reservations, List<String> orders, long clockMillis,
        long lastSequence)
    {
    }

    private Live run(final JournalConfig config, final long seed, final int count, final long snapshotEvery,
        final boolean finalSnapshot) throws InterruptedException
    {
        final JournalService journal = JournalService.open(config, LEDGER);
        final EngineRun run = new EngineRun(journal, snapshotEvery);
        run.feed(new CommandStreams(seed), count);
        final long digest = run.liveDigest();
        final Map<String, String> reservations = run.liveReservations();
        final long last = run.pipeline().nextSequence() - 1;
        if (finalSnapshot)
        {
            run.close();
        }
        else
        {
            run.closeWithoutFinalSnapshot();
        }
        assertTrue(journal.lastJournaledSequence() > 0);
        return new Live(digest, reservations, List.copyOf(run.orders()), run.clockMillis(), last);
    }

    private void assertRecovers(final JournalConfig config, final Live live, final long seed)
    {
        try (JournalService recovered = JournalService.open(config, LEDGER))
        {
            assertEquals(live.digest(), recovered.recovery().digest(), "digest, seed " + seed);
            assertEquals(live.digest(), recovered.ledger().digest(), "digest, seed " + seed);
            assertEquals(live.reservations(), Answers.reservations(recovered.ledger(), live.orders(), live.clockMillis()),
                "reservations, seed " + seed);
            assertTrue(recovered.nextSequence() <= live.lastSequence() + 1);
            assertTrue(recovered.nextSequence() > recovered.recovery().lastSequence());
        }
    }

    @Test
    void aFreshServiceRecoversTheLiveDigestAndReservationsFromTheJournalAlone() throws Exception
    {
        for (final Durability durability : Durability.values())
        {
            final long seed = System.nanoTime();
            System.out.println("fullReplay " + durability + " seed " + seed);
            final Path before = dir;
            dir = before.resolve(durability.name());
            final Live live = run(config(durability), seed, 20_000, 0, false);
            assertTrue(live.reservations().values().stream().anyMatch(a -> a.contains("EXPIRED")),
                "the stream should expire something");
            assertTrue(new SnapshotStore(config(durability).snapshotDir()).newestFirst().isEmpty());
            try (JournalService recovered = JournalService.open(config(durability), LEDGER))
            {
                assertNull(recovered.recovery().snapshotFile());
                assertTrue(recovered.recovery().entriesReplayed() > 15_000);
            }
            assertRecovers(config(durability), live, seed);
            dir = before;
        }
    }

    @Test
    void theFinalSnapshotAloneRecoversTheSameState() throws Exception
    {
        final long seed = System.nanoTime();
        System.out.println("finalSnapshot seed " + seed);
        final Live live = run(config(Durability.MMAP), seed, 10_000, 0, true);
        try (JournalService recovered = JournalService.open(config(Durability.MMAP), LEDGER))
        {
            assertEquals(0, recovered.recovery().entriesReplayed());
            assertTrue(recovered.recovery().snapshotFile() != null);
        }
        assertRecovers(config(Durability.MMAP), live, seed);
    }

    @Test
    void snapshotPlusTailEqualsFullReplayAndSurvivesCorruptSnapshots() throws Exception
    {
        final long seed = System.nanoTime();
        System.out.println("snapshotPlusTail seed " + seed);
        final Live live = run(config(Durability.MMAP), seed, 20_000, 1_500, false);
        final SnapshotStore store = new SnapshotStore(config(Durability.MMAP).snapshotDir());
        final List<Path> snapshots = store.newestFirst();
        assertEquals(SnapshotStore.KEEP, snapshots.size(), "only the newest are kept");
        final long tailReplayed;
        try (JournalService recovered = JournalService.open(config(Durability.MMAP), LEDGER))
        {
            assertEquals(snapshots.get(0).getFileName().toString(), recovered.recovery().snapshotFile());
            tailReplayed = recovered.recovery().entriesReplayed();
            assertTrue(tailReplayed > 0 && tailReplayed < 1_500, "tail " + tailReplayed);
        }
        assertRecovers(config(Durability.MMAP), live, seed);

        // Corrupt the newest, truncate the second: recovery falls back to the third and replays longer.
        JournalFilesFlip.flipMiddleByte(snapshots.get(0));
        try (RandomAccessFile raf = new RandomAccessFile(snapshots.get(1).toFile(), "rw"))
        {
            raf.setLength(raf.length() / 2);
        }
        try (JournalService recovered = JournalService.open(config(Durability.MMAP), LEDGER))
        {
            assertEquals(2, recovered.recovery().skippedSnapshots());
            assertEquals(snapshots.get(2).getFileName().toString(), recovered.recovery().snapshotFile());
            assertTrue(recovered.recovery().entriesReplayed() > tailReplayed);
            assertEquals(live.digest(), recovered.recovery().digest(), "seed " + seed);
        }

        // Without any valid snapshot: the whole journal.
        JournalFilesFlip.flipMiddleByte(snapshots.get(2));
        try (JournalService recovered = JournalService.open(config(Durability.MMAP), LEDGER))
        {
            assertEquals(3, recovered.recovery().skippedSnapshots());
            assertNull(recovered.recovery().snapshotFile());
            assertEquals(live.digest(), recovered.recovery().digest(), "seed " + seed);
        }
    }

    @Test
    void theTimerTakesSnapshotsWithoutACommandCount() throws Exception
    {
        final JournalConfig config = config(Durability.MMAP).withSnapshots(0, Duration.ofMillis(100));
        final JournalService journal = JournalService.open(config, LEDGER);
        final EngineRun run = new EngineRun(journal, 0);
        journal.attach(run.pipeline());
        run.feed(new CommandStreams(7), 500);
        final long deadline = System.currentTimeMillis() + 10_000;
        while (journal.lastSnapshotSequence() < 0 && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(10);
        }
        assertTrue(journal.lastSnapshotSequence() > 0, "a timed snapshot within 10 s");
        assertTrue(journal.maxSnapshotPauseNanos() > 0);
        run.closeWithoutFinalSnapshot();
        assertTrue(new SnapshotStore(config.snapshotDir()).newestFirst().size() >= 1);
    }

    @Test
    void backgroundSnapshotsHoldTheLiveStateAndNeverPauseTheLedger() throws Exception
    {
        final long seed = System.nanoTime();
        final JournalConfig config = config(Durability.MMAP).withSnapshots(400, Duration.ofMillis(100))
            .withSnapshotMode(SnapshotMode.BACKGROUND);
        final JournalService journal = JournalService.open(config, LEDGER);
        assertEquals(0, journal.inlineSnapshotEveryCommands(), "the ledger stage takes none of its own");
        final EngineRun run = new EngineRun(journal, journal.inlineSnapshotEveryCommands());
        journal.attach(run.pipeline());
        final CommandStreams stream = new CommandStreams(seed);
        for (int chunk = 0; chunk < 3; chunk++)
        {
            // Fed in chunks, each waited for: the builder takes a snapshot in the middle of the stream too.
            run.feed(stream, 1_000);
            final long last = run.pipeline().nextSequence() - 1;
            final long deadline = System.currentTimeMillis() + 20_000;
            while (journal.lastSnapshotSequence() < last && System.currentTimeMillis() < deadline)
            {
                Thread.sleep(10);
            }
            assertTrue(journal.lastSnapshotSequence() >= last,
                "a background snapshot covers " + last + ", seed " + seed);
        }
        final long digest = run.liveDigest();
        final Map<String, String> reservations = run.liveReservations();
        assertEquals(0, journal.maxSnapshotPauseNanos(), "the ledger never paused for a snapshot");
        run.closeWithoutFinalSnapshot();
        final List<String> orders = List.copyOf(run.orders());
        final SnapshotStore store = new SnapshotStore(config.snapshotDir());
        assertTrue(store.newestFirst().size() >= 2, "several background snapshots: " + store.newestFirst());
        // The newest alone, then an older one plus a longer replay: both are the live state.
        for (int round = 0; round < 2; round++)
        {
            try (JournalService recovered = JournalService.open(config, LEDGER))
            {
                assertTrue(recovered.recovery().snapshotFile() != null, "recovered from a background snapshot");
                assertEquals(digest, recovered.ledger().digest(), "round " + round + ", seed " + seed);
                assertEquals(reservations, Answers.reservations(recovered.ledger(), orders, run.clockMillis()),
                    "round " + round + ", seed " + seed);
                if (round == 1)
                {
                    assertTrue(recovered.recovery().entriesReplayed() > 0, "the older snapshot left a tail");
                }
            }
            java.nio.file.Files.delete(store.newestFirst().get(0));
        }
    }

    @Test
    void aSnapshotFileWaitsUntilTheGateHasPassedWhatItCovers() throws Exception
    {
        // The server gates on its responder: no snapshot may cover commands whose change events are not logged.
        final JournalConfig config = config(Durability.MMAP);
        final JournalService journal = JournalService.open(config, LEDGER);
        final AtomicLong answeredThrough = new AtomicLong();
        journal.gateSnapshotsOn(answeredThrough::get);
        final EngineRun run = new EngineRun(journal, 0);
        run.feed(new CommandStreams(11), 300);
        final long covered = run.pipeline().nextSequence() - 1;
        assertTrue(run.pipeline().tryPublish(new Command().snapshot()));
        Thread.sleep(300);
        assertEquals(-1, journal.lastSnapshotSequence(), "no file while the gate is behind");
        answeredThrough.set(covered);
        final long deadline = System.currentTimeMillis() + 10_000;
        while (journal.lastSnapshotSequence() < 0 && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(10);
        }
        assertEquals(covered, journal.lastSnapshotSequence(), "written once the gate passed it");
        answeredThrough.set(Long.MAX_VALUE);
        run.close();
    }

    @Test
    void aDamagedLastEntryIsSkippedAndItsSequenceReused() throws Exception
    {
        final long seed = System.nanoTime();
        System.out.println("damagedTail seed " + seed);
        final Live live = run(config(Durability.MMAP), seed, 2_000, 0, false);
        final JournalService journal = JournalService.open(config(Durability.MMAP), LEDGER);
        final long lastGood = journal.recovery().lastSequence();
        final EngineRun run = new EngineRun(journal, 0);
        run.publish(new Command().receive("SKU-TORN-MARK", "WH1", 1).at(live.clockMillis()));
        run.liveDigest();
        run.closeWithoutFinalSnapshot();
        final Path file;
        try (Stream<Path> files = Files.list(config(Durability.MMAP).journalDir()))
        {
            file = files.filter(p -> p.toString().endsWith(".cq4")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        JournalFiles.flipByteOf(file, "SKU-TORN-MARK");
        try (JournalService recovered = JournalService.open(config(Durability.MMAP), LEDGER))
        {
            assertEquals(1, recovered.recovery().tornEntries());
            assertEquals(lastGood, recovered.recovery().lastSequence());
            assertEquals(lastGood + 1, recovered.nextSequence());
            assertEquals(live.digest(), recovered.recovery().digest(), "seed " + seed);
        }
    }
}
