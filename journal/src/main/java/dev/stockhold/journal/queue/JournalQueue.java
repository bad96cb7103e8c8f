package dev.stockhold.journal.queue;

import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The Chronicle queue that holds the journal: one file per UTC day, entries written by
 * {@link JournalWriter} and read by {@link JournalReader}.
 * <p>
 * Thread safety: opening, listing and deleting files may happen on any thread; each appender and tailer
 * belongs to the thread that created it.
 */
public final class JournalQueue implements AutoCloseable
{
    /** Daily files, with Chronicle's sparser index: the journal is read sequentially, not by random index. */
    public static final RollCycle ROLL_CYCLE = RollCycles.FAST_DAILY;
    /** Suffix Chronicle gives every cycle file. */
    public static final String FILE_SUFFIX = ".cq4";

    /**
     * How long a writer waits for a lock or header left by a crashed process before taking it over; a
     * journal has exactly one writer, so a held lock at start can only be a dead process's.
     */
    private static final long LOCK_TIMEOUT_MILLIS = 2_000;

    private static final DateTimeFormatter CYCLE_FORMAT =
        DateTimeFormatter.ofPattern(ROLL_CYCLE.format()).withZone(ZoneOffset.UTC);

    private final SingleChronicleQueue queue;
    private final Path dir;
    /** Faults the written file's pages in ahead of the writer; null for a read-only queue. */
    private final QueuePretoucher pretoucher;

    private JournalQueue(final SingleChronicleQueue queue, final Path dir, final boolean readOnly)
    {
        this.queue = queue;
        this.dir = dir;
        this.pretoucher = readOnly ? null : new QueuePretoucher(dir, "journal").start();
    }

    /**
     * Opens (creating if needed) the queue in {@code dir}.
     *
     * @param time     what decides the current day for rolling and retention; the system clock in service.
     * @param readOnly true for tools that only read (the CLI); the directory must then exist.
     */
    public static JournalQueue open(final Path dir, final TimeProvider time, final boolean readOnly)
    {
        if (readOnly && !Files.isDirectory(dir))
        {
            throw new IllegalArgumentException("no journal at " + dir);
        }
        final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir)
            .rollCycle(ROLL_CYCLE)
            .timeProvider(time)
            .timeoutMS(LOCK_TIMEOUT_MILLIS)
            .readOnly(readOnly)
            .build();
        return new JournalQueue(queue, dir, readOnly);
    }

    /** @return the underlying Chronicle queue. */
    public SingleChronicleQueue chronicle()
    {
        return queue;
    }

    /** The writer's thread: it has written the file of {@code cycle} up to {@code position}, for the pretoucher. */
    public void writtenUpTo(final int cycle, final long position)
    {
        if (pretoucher != null)
        {
            pretoucher.writerAt(cycle, position);
        }
    }

    /** @return the directory of the queue files. */
    public Path dir()
    {
        return dir;
    }

    /** @return the file Chronicle uses for {@code cycle} (days since the epoch, UTC). */
    public Path cycleFile(final int cycle)
    {
        return cycleFile(dir, cycle);
    }

    /** @return the file of {@code cycle} in a directory of {@link #ROLL_CYCLE} files (days since the epoch, UTC). */
    public static Path cycleFile(final Path dir, final int cycle)
    {
        final Instant start = Instant.ofEpochMilli((long)cycle * ROLL_CYCLE.lengthInMillis());
        return dir.resolve(CYCLE_FORMAT.format(start) + FILE_SUFFIX);
    }

    /** @return the cycles that have a file, oldest first; empty for an empty journal. */
    public NavigableSet<Long> cycles()
    {
        queue.refreshDirectoryListing();
        final int first = queue.firstCycle();
        final int last = queue.lastCycle();
        if (first == Integer.MAX_VALUE || last == Integer.MIN_VALUE || first > last)
        {
            return new TreeSet<>();
        }
        return queue.listCyclesBetween(first, last);
    }

    /** @return the current cycle by the queue's clock. */
    public int currentCycle()
    {
        return queue.cycle();
    }

    /** @return the start of {@code cycle} in epoch milliseconds. */
    public static long cycleStartMillis(final int cycle)
    {
        return (long)cycle * ROLL_CYCLE.lengthInMillis();
    }

    @Override
    public void close()
    {
        if (pretoucher != null)
        {
            pretoucher.close();
        }
        queue.close();
    }
}
