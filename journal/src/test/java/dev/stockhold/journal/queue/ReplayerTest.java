package dev.stockhold.journal.queue;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.journal.CommandStreams;
import dev.stockhold.journal.Commands;
import dev.stockhold.journal.Durability;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayerTest
{
    private static final long DAY = 86_400_000L;
    /** Several times the read-ahead ring, so it wraps. */
    private static final int COMMANDS = ReadAhead.RING_SIZE * 5 + 17;

    @TempDir
    Path dir;

    @Test
    void readingAheadReplaysExactlyWhatReadingInlineDoes() throws Exception
    {
        final long seed = System.nanoTime();
        System.out.println("ReplayerTest seed " + seed);
        final SetTimeProvider time = new SetTimeProvider(DAY * 20_000);
        writeJournal(time, new CommandStreams(seed));
        final Path file;
        try (JournalQueue queue = JournalQueue.open(dir, time, true))
        {
            file = queue.cycleFile(queue.cycles().last().intValue());
        }
        JournalFiles.flipByteOf(file, "order-" + (COMMANDS / 10));
        final Replay inline = replay(time, new Replayer(false), 0);
        final Replay ahead = replay(time, new Replayer(true), 0);
        assertEquals(1, inline.replayer.tornEntries(), "seed " + seed);
        assertTrue(inline.entries.equals(ahead.entries), "seed " + seed + ": reading ahead replayed otherwise");
        assertEquals(inline.ledger.digest(), ahead.ledger.digest(), "seed " + seed);
        assertEquals(inline.replayer.entries(), ahead.replayer.entries());
        assertEquals(inline.replayer.tornEntries(), ahead.replayer.tornEntries());
        assertEquals(inline.replayer.bytes(), ahead.replayer.bytes());
        assertEquals(inline.last, ahead.last);
        assertEquals(0, inline.replayer.readAheadCpuNanos());
        assertTrue(ahead.replayer.readAheadCpuNanos() > 0);
        // From the middle onto an empty ledger: the same entries (their results differ without the first half).
        final long middle = inline.last / 2;
        final Replay tail = replay(time, new Replayer(true), middle);
        final List<String> expected = new ArrayList<>();
        for (final String entry : inline.entries)
        {
            if (Long.parseLong(entry.split(" ")[1].substring(4)) > middle)
            {
                expected.add(withoutResult(entry));
            }
        }
        final List<String> actual = new ArrayList<>();
        tail.entries.forEach(entry -> actual.add(withoutResult(entry)));
        assertTrue(expected.equals(actual), "seed " + seed + ": the replay after " + middle + " differs");
    }

    private static String withoutResult(final String entry)
    {
        return entry.substring(0, entry.lastIndexOf(" -> "));
    }

    @Test
    void aHookThatThrowsStopsTheReadAheadThread() throws Exception
    {
        final SetTimeProvider time = new SetTimeProvider(DAY * 20_000);
        writeJournal(time, new CommandStreams(7));
        try (JournalQueue queue = JournalQueue.open(dir, time, true); JournalReader reader = new JournalReader(queue))
        {
            final Replayer.Hook failing = new Replayer.Hook()
            {
                @Override
                public void afterEntry(final Command command)
                {
                    if (command.sequence > 100)
                    {
                        throw new IllegalStateException("hook failed");
                    }
                }
            };
            final Ledger ledger = new Ledger(LedgerConfig.defaults());
            assertThrows(IllegalStateException.class,
                () -> new Replayer(true).replay(reader, ledger, 0, "test replay", failing));
            assertFalse(readAheadThreadAlive());
            // The reader is back with this thread: it still reads.
            reader.seekAfter(0);
            assertEquals(JournalReader.Status.ENTRY, reader.next(new Command()));
        }
    }

    private void writeJournal(final SetTimeProvider time, final CommandStreams stream) throws IOException
    {
        try (JournalQueue queue = JournalQueue.open(dir, time, false))
        {
            final JournalWriter writer = new JournalWriter(queue, Durability.MMAP, 0);
            writer.onStart();
            final Command command = new Command();
            for (int i = 0; i < COMMANDS; i++)
            {
                writer.onCommand(stream.next(command), (i & 7) == 7 || i == COMMANDS - 1);
            }
            writer.onShutdown();
        }
    }

    private Replay replay(final SetTimeProvider time, final Replayer replayer, final long afterSequence)
    {
        final List<String> entries = new ArrayList<>();
        final Ledger ledger = new Ledger(LedgerConfig.defaults());
        final long last;
        try (JournalQueue queue = JournalQueue.open(dir, time, true); JournalReader reader = new JournalReader(queue))
        {
            last = replayer.replay(reader, ledger, afterSequence, "test replay", new Replayer.Hook()
            {
                @Override
                public void afterEntry(final Command command)
                {
                    entries.add(Commands.describe(command) + " -> " + command.result.code());
                }
            });
        }
        assertFalse(readAheadThreadAlive());
        return new Replay(replayer, ledger, entries, last);
    }

    private static boolean readAheadThreadAlive()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .anyMatch(thread -> thread.getName().equals("stockhold-journal-read-ahead") && thread.isAlive());
    }

    private record Replay(Replayer replayer, Ledger ledger, List<String> entries, long last)
    {
    }
}
