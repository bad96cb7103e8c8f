package dev.stockhold.journal.queue;

import dev.stockhold.engine.threads.NamedThreads;
import net.openhft.posix.MAdviseFlag;
import net.openhft.posix.PosixAPI;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Faults in the pages of the cycle file a Chronicle queue's writer is writing, ahead of the writer, on a
 * thread of its own, so that the writer (the engine thread) does not take the file system's page-fault
 * path itself.
 * <p>
 * Why: a first write to a page of a file mapping makes ext4 allocate the block and update the file's
 * times, which joins the file system's journal and can wait milliseconds for its commit. In a 10,000
 * locks/s run with the data directory on ext4, those waits were most of the p99.9 of 18–21 ms; on tmpfs
 * it was 4–8 ms (docs/BENCHMARKS.md, journal pages).
 * <p>
 * How: the writer reports which cycle it writes and where it has written up to ({@link #writerAt}).
 * Chronicle extends a cycle file a chunk ahead of that; this maps the file again and touches each page
 * from the writer's next page up to {@link #AHEAD_BYTES} ahead, within the file, with a compare-and-set
 * of 0 to 0 on its first int: a write access (so the block is allocated and the page is in memory and
 * dirty) that changes nothing, whatever the writer has written there meanwhile. Chronicle's own mapping
 * then finds the page ready.
 * Pages behind the writer are never touched: after a restart, re-dirtying a day's journal would only
 * make the disk write it again. Open-source Chronicle Queue has no pretoucher of its own (it is an
 * Enterprise feature).
 * <p>
 * A pass touches at most {@link #PAGES_PER_PASS} pages and stops after {@link #PASS_NANOS} of touching; a
 * pass that stops early is followed by the next {@link #CATCH_UP_PAUSE_NANOS} later, so a thread woken
 * meanwhile never waits long for this core, whatever a page costs on the machine at hand. (What held both
 * cores for 20 ms at times was not the amount touched per pass but one
 * fault's read-ahead, below, which no bound on a pass can shorten.)
 * <p>
 * The mapping is advised {@code MADV_RANDOM}. A first touch of a page in a file hole otherwise reads ahead:
 * the kernel zero-fills the device's whole read-ahead window in that one fault, 8 MB on this project's VM,
 * which took about 20 ms of a core every 8 MB written (docs/benchmarks/page-fault-cost.py: 0.36 ms per MB
 * at the median, 20 ms for every eighth MB; none on tmpfs), and two pretouchers doing so at once stopped
 * the server for 20 ms. Without read-ahead each fault fills its own page.
 * <p>
 * The file stays open and mapped between passes, in a window of {@link #WINDOW_BYTES} that moves only when
 * the touching passes its end. Mapping and unmapping 512 KB for every pass, 2,000 times a second for the two
 * queues, took the process's memory-map lock for writing each time, so the two pretouchers spun on it against
 * each other ({@code rwsem_spin_on_owner} in a profile), and each unmap sent the other core a TLB
 * shoot-down interrupt.
 * <p>
 * {@code -Dstockhold.nopretouch=true} leaves the thread unstarted, to measure without it.
 */
public final class QueuePretoucher implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(QueuePretoucher.class);
    private static final int PAGE_SIZE = 4096;
    /** How often the writer's position is looked at once everything due is touched. */
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** The pause between passes while pages are left to touch: the core is free for as long as a pass holds it. */
    private static final long CATCH_UP_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    /**
     * How long one pass touches at most, whatever a page costs: 500 µs, so a thread woken meanwhile waits
     * no longer than that for this core. At about 1.5 µs a page here that is far beyond any writer's rate;
     * a writer that outruns it takes the remaining faults itself, as it would with no pretoucher.
     */
    private static final long PASS_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    /**
     * Pages one pass touches at most: 512 KB, about 0.2 ms of page faults here. With a pause of
     * {@link #CATCH_UP_PAUSE_NANOS} between passes that keeps ahead of a writer at 500 MB/s.
     */
    static final int PAGES_PER_PASS = 128;
    /** How far ahead of the writer pages are made ready: a third of a second at 100 MB/s. */
    static final long AHEAD_BYTES = 32L << 20;
    /** The most of the file mapped at once: a new mapping every 64 MB written, or when the file grows. */
    static final long WINDOW_BYTES = 64L << 20;

    /** Bits of a writer report that hold the position: files up to 1 TiB, cycles above. */
    private static final int POSITION_BITS = 40;
    private static final long POSITION_MASK = (1L << POSITION_BITS) - 1;

    private final Path dir;
    private final Thread thread;
    private final long passNanos;
    private volatile boolean closed;
    /**
     * The writer's cycle and position in one long, so they are read together; 0 until it has written.
     * Set with release semantics only: the writer is the engine thread, and a full fence per append would
     * cost it more than a slightly stale report costs this thread.
     */
    private final AtomicLong writerReport = new AtomicLong();
    private Path file;
    private long touchedUpTo;
    private volatile long pagesTouched;
    private volatile long mappings;
    /** The open file and its mapped window [{@link #windowStart}, {@link #windowEnd}): the touching thread's. */
    private FileChannel channel;
    private MappedByteBuffer window;
    private final UnsafeBuffer windowPages = new UnsafeBuffer(0, 0);
    private long windowStart;
    private long windowEnd;

    /**
     * @param dir  the queue's directory, of {@link JournalQueue#ROLL_CYCLE} files.
     * @param name names the thread.
     */
    public QueuePretoucher(final Path dir, final String name)
    {
        this(dir, name, PASS_NANOS);
    }

    /** @param passNanos how long one pass touches at most (tests use other bounds). */
    QueuePretoucher(final Path dir, final String name, final long passNanos)
    {
        this.passNanos = passNanos;
        this.dir = dir;
        this.thread = NamedThreads.create("stockhold-pretouch-" + name, this::run);
    }

    /** @return this, touching. */
    public QueuePretoucher start()
    {
        if (Boolean.getBoolean("stockhold.nopretouch"))
        {
            return this;
        }
        thread.start();
        return this;
    }

    /** The writer's thread: it has written the file of {@code cycle} up to {@code position} (a byte offset). */
    public void writerAt(final int cycle, final long position)
    {
        writerReport.lazySet(((long)cycle << POSITION_BITS) | (position & POSITION_MASK));
    }

    /** @return pages touched so far. */
    public long pagesTouched()
    {
        return pagesTouched;
    }

    /** @return windows of the file mapped so far. */
    long mappings()
    {
        return mappings;
    }

    private void run()
    {
        while (!closed)
        {
            boolean behind = false;
            try
            {
                behind = touchAheadOfWriter();
            }
            catch (final IOException | RuntimeException | InternalError ex)
            {
                // A file not there yet or deleted under us (an old cycle, by retention): the next round
                // starts again from the writer's report. Touching is only ever an optimisation. No file is
                // ever shortened under a mapping here: this Chronicle version's writeEOFAndShrink only
                // writes the end marker. A version that truncates finished cycles would need the touching
                // stopped first.
                LOG.debug("event=pretouch_skipped file={} cause=\"{}\"", file, ex.toString());
                release();
                file = null;
            }
            LockSupport.parkNanos(behind ? CATCH_UP_PAUSE_NANOS : PERIOD_NANOS);
        }
    }

    /**
     * One pass: touches the writer's file from the page after the writer's towards {@link #AHEAD_BYTES} ahead of
     * it, at most {@link #PAGES_PER_PASS} pages, for at most the pass's time bound.
     *
     * @return true if the pass stopped with pages left to touch.
     */
    boolean touchAheadOfWriter() throws IOException
    {
        final long report = writerReport.get();
        if (report == 0)
        {
            return false;
        }
        final Path writing = JournalQueue.cycleFile(dir, (int)(report >>> POSITION_BITS));
        final long writer = report & POSITION_MASK;
        if (!writing.equals(file))
        {
            release();
            channel = FileChannel.open(writing, StandardOpenOption.READ, StandardOpenOption.WRITE);
            file = writing;
            touchedUpTo = 0;
        }
        final long fileSize = channel.size();
        final long from = Math.max(touchedUpTo, (writer / PAGE_SIZE + 1) * PAGE_SIZE);
        final long to = Math.min(fileSize, writer + AHEAD_BYTES) / PAGE_SIZE * PAGE_SIZE;
        final long end = Math.min(to, from + (long)PAGES_PER_PASS * PAGE_SIZE);
        if (from < end)
        {
            if (from < windowStart || end > windowEnd)
            {
                mapWindow(from, Math.min(fileSize / PAGE_SIZE * PAGE_SIZE, from + WINDOW_BYTES));
            }
            final long passStart = System.nanoTime();
            long page = from;
            while (page < end && !closed)
            {
                windowPages.compareAndSetInt((int)(page - windowStart), 0, 0);
                page += PAGE_SIZE;
                if (System.nanoTime() - passStart >= passNanos)
                {
                    break;
                }
            }
            pagesTouched += (page - from) / PAGE_SIZE;
            touchedUpTo = page;
        }
        return Math.max(touchedUpTo, from) < to;
    }

    /** Maps [start, end) of the open file in place of the previous window; never past the file's end. */
    private void mapWindow(final long start, final long end) throws IOException
    {
        unmapWindow();
        window = channel.map(FileChannel.MapMode.READ_WRITE, start, end - start);
        windowPages.wrap(window);
        // No read-ahead on this mapping: a fault in a file hole would otherwise zero-fill the device's whole
        // read-ahead window (8 MB on this VM) in one go. Best effort: without it a pass is only slower.
        PosixAPI.posix().madvise(windowPages.addressOffset(), end - start, MAdviseFlag.MADV_RANDOM);
        windowStart = start;
        windowEnd = end;
        mappings++;
    }

    private void unmapWindow()
    {
        if (window != null)
        {
            windowPages.wrap(0, 0);
            IoUtil.unmap(window);
            window = null;
        }
        windowStart = 0;
        windowEnd = 0;
    }

    /** Unmaps the window and closes the file. */
    private void release()
    {
        unmapWindow();
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                LOG.debug("event=pretouch_close_failed file={} cause=\"{}\"", file, ex.toString());
            }
            channel = null;
        }
    }

    @Override
    public void close()
    {
        closed = true;
        LockSupport.unpark(thread);
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive())
        {
            // Only once the touching thread is done (or never ran) can its mapping go.
            release();
        }
    }
}
