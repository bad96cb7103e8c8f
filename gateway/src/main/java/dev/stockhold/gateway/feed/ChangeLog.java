package dev.stockhold.gateway.feed;

import dev.stockhold.engine.pipeline.Failpoints;
import dev.stockhold.journal.queue.JournalQueue;
import dev.stockhold.journal.queue.QueuePretoucher;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The durable change log: one {@link ChangeRecord} per command that changed a cell or a published quantity,
 * in a Chronicle Queue with daily roll cycles, so a client of any feed can resume with {@code after=n}. The
 * feeds' events are encoded from these records, the same way live and resumed, so a resumed event is
 * byte-identical to the live one.
 * <p>
 * Entry layout, little-endian as Chronicle writes it:
 * <pre>
 *   seq      8  engine sequence of the command
 *   prevSeq  8  sequence of the previous entry (or the sequence before the first the log ever saw):
 *               a reader resuming after n has no gap exactly when the first entry it reads has prevSeq <= n
 *   length   4  bytes of the record
 *   record   n  the command's {@link ChangeRecord}, starting with its format byte
 * </pre>
 * The log lives in its own directory, {@link #DIRECTORY} under the data directory; a directory of any other
 * name (such as an older log that kept encoded events) is never opened by it.
 * Threads: Chronicle's appenders and tailers belong to the thread that first uses them, so every thread
 * that writes takes a {@link Writer} of its own and closes it when done (recovery's catch-up on the start-up
 * thread, then the responder for the rest of the server's life); one writes at a time. Each reader is used
 * on one thread too.
 */
public final class ChangeLog implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ChangeLog.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** The log's directory under the server's data directory. */
    public static final String DIRECTORY = "change-records";

    private final SingleChronicleQueue queue;
    private final File dir;
    private final int retentionDays;
    /** The responder appends here on the engine's thread: fault the pages in ahead of it. */
    private final QueuePretoucher pretoucher;

    private ChangeLog(final File dir, final int retentionDays)
    {
        this.dir = dir;
        this.retentionDays = retentionDays;
        this.queue = SingleChronicleQueueBuilder.single(dir).rollCycle(JournalQueue.ROLL_CYCLE).build();
        this.pretoucher = new QueuePretoucher(dir.toPath(), "changes").start();
    }

    /**
     * Opens (or creates) the log in {@code dir} and removes days older than the retention.
     *
     * @param retentionDays days of events kept; older daily files are deleted.
     */
    public static ChangeLog open(final Path dir, final int retentionDays)
    {
        final ChangeLog log = new ChangeLog(dir.toFile(), retentionDays);
        log.purge(LocalDate.now(ZoneOffset.UTC));
        return log;
    }

    /** @return the sequence of the newest entry, or -1 when the log is empty. */
    public long lastSequence()
    {
        try (ExcerptTailer tailer = queue.createTailer())
        {
            tailer.toEnd();
            tailer.direction(TailerDirection.BACKWARD);
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return -1;
                }
                return dc.wire().bytes().readLong();
            }
        }
    }

    /**
     * @return a writer for the calling thread only, which it must close before another thread writes (its
     * Chronicle appender is created lazily, on that thread).
     */
    public Writer writer()
    {
        return new Writer();
    }

    /** @return a reader for one thread; close it when done. */
    public Reader reader()
    {
        return new Reader(queue.createTailer());
    }

    /** Deletes daily files older than the retention, never the newest one. */
    public void purge(final LocalDate today)
    {
        final File[] files = dir.listFiles((d, name) -> name.endsWith(".cq4"));
        if (files == null || files.length < 2)
        {
            return;
        }
        final LocalDate oldestKept = today.minusDays(retentionDays);
        for (final File file : files)
        {
            final String name = file.getName();
            try
            {
                final LocalDate day = LocalDate.parse(name.substring(0, 8), DAY);
                if (day.isBefore(oldestKept) && file.delete())
                {
                    LOG.info("event=change_log_purged file={}", name);
                }
            }
            catch (final DateTimeParseException | StringIndexOutOfBoundsException ex)
            {
                LOG.warn("event=change_log_unknown_file file={}", name);
            }
        }
        queue.refreshDirectoryListing();
    }

    /** Closes the queue; every {@link Writer} and {@link Reader} must be closed first, on its own thread. */
    @Override
    public void close()
    {
        pretoucher.close();
        queue.close();
    }

    /** Appends entries, on one thread for its whole life. */
    public final class Writer implements AutoCloseable
    {
        private ExcerptAppender appender;

        private Writer()
        {
        }

        /** Appends one record: {@code length} bytes of {@code record}, as {@link ChangeRecord#encode} wrote them. */
        public void append(final long sequence, final long previousSequence, final byte[] record, final int length)
        {
            Failpoints.hit("changelog.append");
            if (appender == null)
            {
                appender = queue.createAppender();
            }
            try (DocumentContext dc = appender.writingDocument())
            {
                final Bytes<?> bytes = dc.wire().bytes();
                bytes.writeLong(sequence);
                bytes.writeLong(previousSequence);
                bytes.writeInt(length);
                bytes.write(record, 0, length);
                pretoucher.writerAt(appender.cycle(), bytes.writePosition());
            }
        }

        /** Releases the appender; on the thread that appended. */
        @Override
        public void close()
        {
            if (appender != null)
            {
                appender.close();
                appender = null;
            }
        }
    }

    /** Reads entries in order, for one thread. */
    public static final class Reader implements AutoCloseable
    {
        /** {@link #seekAfter}: the log no longer holds what followed. */
        public static final int GONE = -1;
        /** {@link #seekAfter}: nothing after it yet. */
        public static final int AT_END = 0;
        /** {@link #seekAfter}: positioned on (and holding) the first entry after it. */
        public static final int ON_ENTRY = 1;

        private final ExcerptTailer tailer;
        private long sequence;
        private long previousSequence;
        private byte[] record = new byte[1024];
        private int length;

        private Reader(final ExcerptTailer tailer)
        {
            this.tailer = tailer;
        }

        /**
         * Reads up to the first entry after {@code after}.
         *
         * @return {@link #GONE} when the log no longer holds what followed {@code after};
         * {@link #ON_ENTRY} when that entry has been read (see {@link #sequence()}, {@link #record()});
         * {@link #AT_END} when the log holds nothing after {@code after} yet.
         */
        public int seekAfter(final long after)
        {
            if (!first())
            {
                return AT_END;
            }
            if (sequence > after && previousSequence > after)
            {
                return GONE;
            }
            while (sequence <= after)
            {
                if (!next())
                {
                    return AT_END;
                }
            }
            return ON_ENTRY;
        }

        /** Reads the oldest entry the log holds; @return false when it is empty. */
        public boolean first()
        {
            tailer.toStart();
            return next();
        }

        /** Reads the next entry; @return false at the end of the log. */
        public boolean next()
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return false;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                sequence = bytes.readLong();
                previousSequence = bytes.readLong();
                length = bytes.readInt();
                if (record.length < length)
                {
                    record = new byte[Math.max(length, record.length * 2)];
                }
                bytes.read(record, 0, length);
                return true;
            }
        }

        /** @return the sequence of the entry last read. */
        public long sequence()
        {
            return sequence;
        }

        /** @return the previous entry's sequence, as recorded in the entry last read. */
        public long previousSequence()
        {
            return previousSequence;
        }

        /** @return the bytes of the record last read, valid until the next read. */
        public byte[] record()
        {
            return record;
        }

        /** @return the length of the record last read. */
        public int length()
        {
            return length;
        }

        /** Decodes the entry last read into {@code into}; @return it. */
        public ChangeRecord decode(final ChangeRecord into)
        {
            return into.decode(sequence, record, length);
        }

        @Override
        public void close()
        {
            tailer.close();
        }
    }
}
