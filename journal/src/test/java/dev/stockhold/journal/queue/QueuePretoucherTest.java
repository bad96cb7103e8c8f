package dev.stockhold.journal.queue;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pretoucher on a real Chronicle queue on disk: it touches pages ahead of the writer and never changes a byte. */
class QueuePretoucherTest
{
    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    @Test
    void touchesThePagesAheadOfTheWriterAndChangesNoByte() throws Exception
    {
        try (SingleChronicleQueue queue = open(SingleChronicleQueueBuilder.binary(dir));
            ExcerptAppender appender = queue.createAppender();
            QueuePretoucher pretoucher = new QueuePretoucher(dir, "test"))
        {
            final long written = append(appender, 0, 10_000);
            final Path file = cycleFile();
            final byte[] before = Files.readAllBytes(file);

            assertFalse(pretoucher.touchAheadOfWriter());
            assertEquals(0, pretoucher.pagesTouched(), "nothing before the writer says where it is");

            // Claim the writer is only 5,000 bytes in, so pages that hold data are touched too.
            pretoucher.writerAt(appender.cycle(), 5_000);
            touchAll(pretoucher);
            final long end = Math.min(before.length, 5_000 + QueuePretoucher.AHEAD_BYTES) / 4096 * 4096;
            assertEquals((end - 8192) / 4096, pretoucher.pagesTouched(), "from the writer's next page on");
            assertTrue(written > 8192, "pages with data were among them");
            assertArrayEquals(before, Files.readAllBytes(file));

            assertFalse(pretoucher.touchAheadOfWriter());
            assertEquals((end - 8192) / 4096, pretoucher.pagesTouched(), "a page is touched once");
        }
    }

    @Test
    void aPassTouchesABoundedNumberOfPages() throws Exception
    {
        try (SingleChronicleQueue queue = open(SingleChronicleQueueBuilder.binary(dir));
            ExcerptAppender appender = queue.createAppender();
            QueuePretoucher pretoucher = new QueuePretoucher(dir, "test", Long.MAX_VALUE))
        {
            final long written = append(appender, 0, 100);
            final long fileLength = Files.size(cycleFile());
            pretoucher.writerAt(appender.cycle(), written);
            final long due = (Math.min(fileLength, written + QueuePretoucher.AHEAD_BYTES) / 4096 * 4096
                - (written / 4096 + 1) * 4096) / 4096;
            assertTrue(due > 2L * QueuePretoucher.PAGES_PER_PASS, "enough pages due for several passes: " + due);

            assertTrue(pretoucher.touchAheadOfWriter(), "pages left after the first pass");
            assertEquals(QueuePretoucher.PAGES_PER_PASS, pretoucher.pagesTouched());
            assertTrue(pretoucher.touchAheadOfWriter());
            assertEquals(2L * QueuePretoucher.PAGES_PER_PASS, pretoucher.pagesTouched(), "the next pass goes on");

            touchAll(pretoucher);
            assertEquals(due, pretoucher.pagesTouched(), "every page due, each once");
            assertEquals(1, pretoucher.mappings(), "every pass used the one mapped window");
        }
    }

    @Test
    void aPassStopsAtItsTimeBound() throws Exception
    {
        try (SingleChronicleQueue queue = open(SingleChronicleQueueBuilder.binary(dir));
            ExcerptAppender appender = queue.createAppender();
            QueuePretoucher pretoucher = new QueuePretoucher(dir, "test", 1))
        {
            final long written = append(appender, 0, 100);
            pretoucher.writerAt(appender.cycle(), written);

            assertTrue(pretoucher.touchAheadOfWriter(), "pages left after the first pass");
            assertEquals(1, pretoucher.pagesTouched(), "a bound of 1 ns stops a pass after its first page");
            assertTrue(pretoucher.touchAheadOfWriter());
            assertEquals(2, pretoucher.pagesTouched(), "the next pass goes on from there");
        }
    }

    @Test
    void theMappedWindowMovesOnlyWhenTheTouchingPassesItsEnd() throws Exception
    {
        try (SingleChronicleQueue queue = open(SingleChronicleQueueBuilder.binary(dir));
            ExcerptAppender appender = queue.createAppender();
            QueuePretoucher pretoucher = new QueuePretoucher(dir, "test"))
        {
            append(appender, 0, 1_000);
            final byte[] before = Files.readAllBytes(cycleFile());
            final long fileEnd = before.length / 4096 * 4096;
            assertTrue(fileEnd > QueuePretoucher.WINDOW_BYTES + (4 << 20), "Chronicle made the file longer than a window");
            // Claimed positions: touching changes no byte, so the writer may be said to be anywhere in the file.
            pretoucher.writerAt(appender.cycle(), 0);
            touchAll(pretoucher);
            assertEquals(QueuePretoucher.AHEAD_BYTES / 4096 - 1, pretoucher.pagesTouched());
            assertEquals(1, pretoucher.mappings(), "32 MB ahead fit in one 64 MB window");

            final long writer = QueuePretoucher.WINDOW_BYTES - (4 << 20);
            pretoucher.writerAt(appender.cycle(), writer);
            touchAll(pretoucher);
            final long end = Math.min(fileEnd, writer + QueuePretoucher.AHEAD_BYTES);
            assertEquals(QueuePretoucher.AHEAD_BYTES / 4096 - 1 + (end - writer - 4096) / 4096, pretoucher.pagesTouched(),
                "the first claim's pages, then those from the writer's next page on");
            assertEquals(2, pretoucher.mappings(), "a second window for the pages past the first");
            assertArrayEquals(before, Files.readAllBytes(cycleFile()));
        }
    }

    @Test
    void followsTheWriterIntoTheNextDaysFile() throws Exception
    {
        final SetTimeProvider time = new SetTimeProvider(0).advanceMillis(20_000L * DAY);
        try (SingleChronicleQueue queue = open(SingleChronicleQueueBuilder.binary(dir).timeProvider(time));
            ExcerptAppender appender = queue.createAppender();
            QueuePretoucher pretoucher = new QueuePretoucher(dir, "test"))
        {
            final long firstWritten = append(appender, 0, 100);
            final int firstCycle = appender.cycle();
            pretoucher.writerAt(firstCycle, firstWritten);
            touchAll(pretoucher);
            final long firstDay = pretoucher.pagesTouched();
            assertTrue(firstDay > 0);

            time.advanceMillis(DAY);
            final long written = append(appender, 100, 100);
            assertEquals(firstCycle + 1, appender.cycle());
            final Path nextDay = JournalQueue.cycleFile(dir, appender.cycle());
            final byte[] before = Files.readAllBytes(nextDay);
            pretoucher.writerAt(appender.cycle(), written);
            touchAll(pretoucher);

            final long end = Math.min(before.length, written + QueuePretoucher.AHEAD_BYTES) / 4096 * 4096;
            assertEquals((end - (written / 4096 + 1) * 4096) / 4096, pretoucher.pagesTouched() - firstDay,
                "the new day's file, from the writer's next page");
            assertArrayEquals(before, Files.readAllBytes(nextDay));
        }
    }

    @Test
    void aWriterRacingThePretoucherLosesNothing() throws Exception
    {
        final int count = 200_000;
        try (SingleChronicleQueue queue = open(SingleChronicleQueueBuilder.binary(dir)))
        {
            try (QueuePretoucher pretoucher = new QueuePretoucher(dir, "test").start();
                ExcerptAppender appender = queue.createAppender())
            {
                for (int from = 0; from < count; from += 1_000)
                {
                    final long position = append(appender, from, 1_000);
                    pretoucher.writerAt(appender.cycle(), position);
                    Thread.yield();
                }
                while (pretoucher.pagesTouched() == 0)
                {
                    Thread.onSpinWait();
                }
            }
            try (ExcerptTailer tailer = queue.createTailer())
            {
                for (int i = 0; i < count; i++)
                {
                    try (DocumentContext document = tailer.readingDocument())
                    {
                        assertTrue(document.isPresent(), "document " + i);
                        assertEquals(i, document.wire().bytes().readInt());
                        assertEquals(payload(i), document.wire().bytes().readLong());
                    }
                }
                try (DocumentContext document = tailer.readingDocument())
                {
                    assertFalse(document.isPresent());
                }
            }
        }
    }

    private static SingleChronicleQueue open(final SingleChronicleQueueBuilder builder)
    {
        return builder.rollCycle(JournalQueue.ROLL_CYCLE).build();
    }

    /** @return where the file is written up to. */
    private static long append(final ExcerptAppender appender, final int from, final int count)
    {
        long position = 0;
        for (int i = from; i < from + count; i++)
        {
            try (DocumentContext document = appender.writingDocument())
            {
                position = document.wire().bytes().writeInt(i).writeLong(payload(i)).writePosition();
            }
        }
        return position;
    }

    private static long payload(final int i)
    {
        return i * 0x9E3779B97F4A7C15L;
    }

    private Path cycleFile() throws Exception
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(path -> path.toString().endsWith(JournalQueue.FILE_SUFFIX)).findFirst().orElseThrow();
        }
    }

    /** Runs passes until nothing is left to touch. */
    private static void touchAll(final QueuePretoucher pretoucher) throws Exception
    {
        while (pretoucher.touchAheadOfWriter())
        {
            assertTrue(pretoucher.pagesTouched() > 0);
        }
    }
}
