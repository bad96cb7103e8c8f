package dev.stockhold.journal.queue;

import dev.stockhold.engine.command.Command;
import dev.stockhold.journal.CommandStreams;
import dev.stockhold.journal.Commands;
import dev.stockhold.journal.Durability;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalQueueTest
{
    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    /** Writes the stream through the journaler stage; returns the descriptions of the journaled commands. */
    private static List<String> write(final JournalQueue queue, final Durability durability, final CommandStreams stream,
        final int count, final SetTimeProvider time, final long millisPerCommand) throws Exception
    {
        final JournalWriter writer = new JournalWriter(queue, durability, 0);
        writer.onStart();
        final List<String> journaled = new ArrayList<>();
        final Command command = new Command();
        for (int i = 0; i < count; i++)
        {
            stream.next(command);
            if (time != null)
            {
                time.advanceMillis(millisPerCommand);
            }
            writer.onCommand(command, i % 7 == 6 || i == count - 1);
            if (command.type.isMutating())
            {
                journaled.add(Commands.describe(command));
                assertTrue(writer.lastJournaledSequence() <= command.sequence);
            }
        }
        assertEquals(writer.processedSequence(), command.sequence);
        writer.onShutdown();
        return journaled;
    }

    /** @return the sequence in a {@link Commands#describe} line ("TYPE seq=N ..."). */
    private static long sequenceOf(final String description)
    {
        return Long.parseLong(description.split(" ")[1].substring(4));
    }

    private static List<String> readAll(final JournalQueue queue, final long afterSequence)
    {
        final List<String> read = new ArrayList<>();
        try (JournalReader reader = new JournalReader(queue))
        {
            reader.seekAfter(afterSequence);
            final Command command = new Command();
            JournalReader.Status status;
            while ((status = reader.next(command)) != JournalReader.Status.END)
            {
                assertEquals(JournalReader.Status.ENTRY, status, reader.lastError());
                if (command.sequence > afterSequence)
                {
                    read.add(Commands.describe(command));
                }
            }
        }
        return read;
    }

    @Test
    void entriesReadBackExactlyInBothDurabilityModes() throws Exception
    {
        for (final Durability durability : Durability.values())
        {
            final long seed = System.nanoTime();
            System.out.println("entriesReadBack " + durability + " seed " + seed);
            final Path queueDir = dir.resolve(durability.name());
            final List<String> written;
            try (JournalQueue queue = JournalQueue.open(queueDir, new SetTimeProvider(DAY * 20_000), false))
            {
                written = write(queue, durability, new CommandStreams(seed), 3_000, null, 0);
            }
            try (JournalQueue queue = JournalQueue.open(queueDir, new SetTimeProvider(DAY * 20_000), true))
            {
                assertEquals(written, readAll(queue, 0), "seed " + seed);
            }
        }
    }

    @Test
    void theJournalerAllocatesNothingInSteadyState() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (JournalQueue queue = JournalQueue.open(dir, new SetTimeProvider(DAY * 20_000), false))
        {
            final JournalWriter writer = new JournalWriter(queue, Durability.MMAP, 0);
            writer.onStart();
            final Command lock = new Command().lock("order-1", "shopify", 60, false, true);
            lock.lines.add("SKU-1", "WH1", 2).add("SKU-2", null, 1);
            lock.idempotencyKey = "key-1";
            long sequence = 0;
            for (int i = 0; i < 50_000; i++)
            {
                lock.sequence = ++sequence;
                writer.onCommand(lock, (i & 15) == 15);
            }
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 50_000; i++)
            {
                lock.sequence = ++sequence;
                writer.onCommand(lock, (i & 15) == 15);
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            writer.onShutdown();
            assertTrue(allocated < 64 * 1024, allocated + " bytes allocated for 50,000 entries");
        }
    }

    @Test
    void seekFindsThePlaceAcrossDailyFiles() throws Exception
    {
        final long seed = System.nanoTime();
        System.out.println("seekFindsThePlace seed " + seed);
        final SetTimeProvider time = new SetTimeProvider(DAY * 20_000);
        final List<String> written;
        try (JournalQueue queue = JournalQueue.open(dir, time, false))
        {
            // About 5 days of files, 400 commands per day.
            written = write(queue, Durability.MMAP, new CommandStreams(seed), 2_000, time, DAY / 400);
            assertTrue(queue.cycles().size() >= 5, "files: " + queue.cycles());
            for (final Long cycle : queue.cycles())
            {
                assertTrue(Files.exists(queue.cycleFile(cycle.intValue())), "file of cycle " + cycle);
            }
            try (JournalReader reader = new JournalReader(queue))
            {
                final String lastWritten = written.get(written.size() - 1);
                assertEquals(sequenceOf(lastWritten), reader.lastSequence(),
                    "the newest day's last entry");
            }
            for (final long after : new long[] {0, 1, 2, 399, 400, 401, 1_234, 1_999, 2_000, 5_000})
            {
                final List<String> expected = new ArrayList<>();
                for (final String entry : written)
                {
                    if (sequenceOf(entry) > after)
                    {
                        expected.add(entry);
                    }
                }
                assertEquals(expected, readAll(queue, after), "after " + after + ", seed " + seed);
            }
        }
    }

    @Test
    void anEmptyJournalHasNoLastSequence() throws Exception
    {
        try (JournalQueue queue = JournalQueue.open(dir, new SetTimeProvider(DAY * 20_000), false);
            JournalReader reader = new JournalReader(queue))
        {
            assertEquals(-1, reader.lastSequence());
        }
    }

    @Test
    void aDamagedEntryIsReportedTornAndTheRestStillReads() throws Exception
    {
        final SetTimeProvider time = new SetTimeProvider(DAY * 20_000);
        try (JournalQueue queue = JournalQueue.open(dir, time, false))
        {
            final JournalWriter writer = new JournalWriter(queue, Durability.MMAP, 0);
            writer.onStart();
            final Command command = new Command();
            for (int i = 1; i <= 10; i++)
            {
                command.receive("SKU-" + i, "WH-MARK-" + i, i);
                command.sequence = i;
                writer.onCommand(command, true);
            }
            writer.onShutdown();
        }
        final Path file;
        try (JournalQueue queue = JournalQueue.open(dir, time, true))
        {
            file = queue.cycleFile(queue.cycles().last().intValue());
        }
        JournalFiles.flipByteOf(file, "WH-MARK-10");
        JournalFiles.flipByteOf(file, "WH-MARK-4");
        try (JournalQueue queue = JournalQueue.open(dir, time, true); JournalReader reader = new JournalReader(queue))
        {
            final Command command = new Command();
            final List<Long> sequences = new ArrayList<>();
            int torn = 0;
            JournalReader.Status status;
            while ((status = reader.next(command)) != JournalReader.Status.END)
            {
                if (status == JournalReader.Status.TORN)
                {
                    torn++;
                    assertTrue(reader.lastError().contains("checksum"), reader.lastError());
                }
                else
                {
                    sequences.add(command.sequence);
                }
            }
            assertEquals(2, torn);
            assertEquals(List.of(1L, 2L, 3L, 5L, 6L, 7L, 8L, 9L), sequences);
        }
    }

    @Test
    void aBatchIsOneDocumentAndAnOversizedOneIsSplit() throws Exception
    {
        final SetTimeProvider time = new SetTimeProvider(DAY * 20_000);
        try (JournalQueue queue = JournalQueue.open(dir, time, false))
        {
            final JournalWriter writer = new JournalWriter(queue, Durability.MMAP, 0);
            writer.onStart();
            final Command command = new Command();
            long sequence = 0;
            for (int i = 0; i < 10; i++)
            {
                command.receive("SKU-" + i, "WH1", 1).sequence = ++sequence;
                writer.onCommand(command, i == 9);
            }
            for (int i = 0; i < 5_000; i++)
            {
                command.receive("SKU-" + i, "WH1", 1).sequence = ++sequence;
                writer.onCommand(command, i == 4_999);
            }
            writer.onShutdown();
        }
        try (JournalQueue queue = JournalQueue.open(dir, time, true); JournalReader reader = new JournalReader(queue))
        {
            final Command command = new Command();
            long expected = 0;
            while (reader.next(command) == JournalReader.Status.ENTRY)
            {
                assertEquals(++expected, command.sequence);
                if (expected == 10)
                {
                    assertEquals(1, reader.documentsRead(), "the first batch of 10 is one document");
                }
            }
            assertEquals(5_010, expected);
            final long bigBatchBytes = 5_000L * (reader.entryLength() + JournalReader.ENTRY_FRAMING_BYTES);
            final long batchBytes = JournalWriter.MAX_BATCH_BYTES;
            final long documents = 1 + (bigBatchBytes + batchBytes - 1) / batchBytes;
            assertTrue(documents > 2);
            assertEquals(documents, reader.documentsRead(), "the batch of 5,000 is split near 64 KiB");
            assertEquals(5_010, reader.lastSequenceInCycle(queue.cycles().last().intValue()));
        }
    }

    @Test
    void brokenBatchFramingSkipsTheRestOfThatBatchOnly() throws Exception
    {
        final SetTimeProvider time = new SetTimeProvider(DAY * 20_000);
        try (JournalQueue queue = JournalQueue.open(dir, time, false))
        {
            final JournalWriter writer = new JournalWriter(queue, Durability.MMAP, 0);
            writer.onStart();
            final Command command = new Command();
            command.receive("SKU-1", "WH1", 1).sequence = 1;
            writer.onCommand(command, true);
            try (net.openhft.chronicle.queue.ExcerptAppender appender = queue.chronicle().createAppender();
                 net.openhft.chronicle.wire.DocumentContext dc = appender.writingDocument())
            {
                // A batch that declares an entry far longer than itself.
                dc.wire().bytes().writeByte(EntryBatch.FORMAT).writeInt(1_000).write(new byte[40]);
            }
            command.receive("SKU-3", "WH1", 1).sequence = 3;
            writer.onCommand(command, true);
            writer.onShutdown();
        }
        try (JournalQueue queue = JournalQueue.open(dir, time, true); JournalReader reader = new JournalReader(queue))
        {
            final Command command = new Command();
            assertEquals(JournalReader.Status.ENTRY, reader.next(command));
            assertEquals(1, command.sequence);
            assertEquals(JournalReader.Status.TORN, reader.next(command));
            assertTrue(reader.lastError().contains("overruns"), reader.lastError());
            assertEquals(JournalReader.Status.ENTRY, reader.next(command));
            assertEquals(3, command.sequence);
            assertEquals(JournalReader.Status.END, reader.next(command));
        }
    }

    @Test
    void aJournalFromBeforeBatchingStillReads() throws Exception
    {
        final SetTimeProvider time = new SetTimeProvider(DAY * 20_000);
        final List<String> written = new ArrayList<>();
        try (JournalQueue queue = JournalQueue.open(dir, time, false))
        {
            final org.agrona.ExpandableArrayBuffer buffer = new org.agrona.ExpandableArrayBuffer();
            final dev.stockhold.journal.codec.JournalCodec codec = new dev.stockhold.journal.codec.JournalCodec();
            final Command command = new Command();
            try (net.openhft.chronicle.queue.ExcerptAppender appender = queue.chronicle().createAppender())
            {
                for (int i = 1; i <= 3; i++)
                {
                    // One bare entry per document, as journals were written before batching.
                    command.receive("SKU-" + i, "WH1", i).sequence = i;
                    written.add(Commands.describe(command));
                    final int length = codec.encode(command, buffer);
                    try (net.openhft.chronicle.wire.DocumentContext dc = appender.writingDocument())
                    {
                        dc.wire().bytes().write(buffer.byteArray(), 0, length);
                    }
                }
            }
            final JournalWriter writer = new JournalWriter(queue, Durability.MMAP, 3);
            writer.onStart();
            command.receive("SKU-4", "WH1", 4).sequence = 4;
            written.add(Commands.describe(command));
            writer.onCommand(command, true);
            writer.onShutdown();
        }
        try (JournalQueue queue = JournalQueue.open(dir, time, true))
        {
            assertEquals(written.subList(1, 4), readAll(queue, 1));
        }
    }
}
