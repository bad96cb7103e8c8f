package dev.stockhold.journal.queue;

import dev.stockhold.engine.command.Command;
import dev.stockhold.journal.codec.JournalCodec;
import dev.stockhold.journal.codec.JournalFormatException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.NavigableSet;

/**
 * Reads journal entries in order, decoding each into a reusable {@link Command}. One thread at a time
 * (see {@link #handOver}).
 * <p>
 * An entry whose header Chronicle never completed (a crash mid-write) is invisible: Chronicle reports
 * the end of the queue there. An entry that Chronicle completed but whose bytes fail the codec's
 * checksum is reported as {@link Status#TORN}; it was never acknowledged, so callers skip it.
 */
public final class JournalReader implements AutoCloseable
{
    /** What {@link #next} found. */
    public enum Status
    {
        /** An entry was decoded into the command. */
        ENTRY,
        /** An entry failed its checks and was skipped; {@link #lastError()} says why. */
        TORN,
        /** No more entries. */
        END
    }

    private final JournalQueue queue;
    private final ExcerptTailer tailer;
    /** Chronicle counts a cycle's entries by moving a tailer there: a second one keeps the reader's place. */
    private final ExcerptTailer counter;
    private final JournalCodec codec = new JournalCodec();
    private final UnsafeBuffer entry = new UnsafeBuffer(new byte[256]);
    private int entryLength;
    private long entryIndex;
    private String lastError;

    /** Opens a tailer at the start of the journal. */
    public JournalReader(final JournalQueue queue)
    {
        this.queue = queue;
        this.tailer = queue.chronicle().createTailer();
        this.counter = queue.chronicle().createTailer();
    }

    /**
     * Reads the next entry.
     *
     * @param into receives the decoded command when the status is {@link Status#ENTRY}.
     */
    public Status next(final Command into)
    {
        if (!readRaw())
        {
            return Status.END;
        }
        try
        {
            codec.decode(entry, entryLength, into);
            return Status.ENTRY;
        }
        catch (final JournalFormatException | IndexOutOfBoundsException ex)
        {
            lastError = ex.getMessage();
            return Status.TORN;
        }
    }

    /** @return the length in bytes of the last entry read (without Chronicle's 4-byte header). */
    public int entryLength()
    {
        return entryLength;
    }

    /** @return the Chronicle index of the last entry read. */
    public long entryIndex()
    {
        return entryIndex;
    }

    /** @return why the last {@link Status#TORN} entry was rejected. */
    public String lastError()
    {
        return lastError;
    }

    /**
     * Positions the reader at or before the first entry with a sequence above {@code afterSequence}, by
     * binary search over the daily files and then within one: a restart reads log(n) entries to find its
     * place instead of the whole journal. Entries at or below it may still follow; callers skip them.
     */
    public void seekAfter(final long afterSequence)
    {
        tailer.toStart();
        if (afterSequence <= 0)
        {
            return;
        }
        final NavigableSet<Long> cycles = queue.cycles();
        for (final Long cycleValue : cycles.descendingSet())
        {
            final int cycle = cycleValue.intValue();
            final long count = counter.excerptsInCycle(cycle);
            if (count <= 0 || sequenceAt(cycle, 0) > afterSequence)
            {
                continue;
            }
            long low = 0;
            long high = count - 1;
            while (low < high)
            {
                final long mid = (low + high + 1) >>> 1;
                if (sequenceAt(cycle, mid) <= afterSequence)
                {
                    low = mid;
                }
                else
                {
                    high = mid - 1;
                }
            }
            // Entry `low` is the last at or below afterSequence: read past it.
            if (tailer.moveToIndex(JournalQueue.ROLL_CYCLE.toIndex(cycle, low)))
            {
                readRaw();
            }
            else
            {
                tailer.toStart();
            }
            return;
        }
        tailer.toStart();
    }

    /** @return about how many entries lie between the reader's position and the end of the journal. */
    public long entriesFromHere()
    {
        final long index = tailer.index();
        final int here = JournalQueue.ROLL_CYCLE.toCycle(index);
        long total = -JournalQueue.ROLL_CYCLE.toSequenceNumber(index);
        for (final Long cycle : queue.cycles().tailSet((long)here, true))
        {
            total += entriesInCycle(cycle.intValue());
        }
        return Math.max(0, total);
    }

    /** @return the entries in {@code cycle}'s file (0 for none). */
    public long entriesInCycle(final int cycle)
    {
        return Math.max(0, counter.excerptsInCycle(cycle));
    }

    /**
     * @return the sequence of the last readable entry of {@code cycle}, or -1 when it has none. Moves the
     * reader: call {@link #seekAfter} before reading on.
     */
    public long lastSequenceInCycle(final int cycle)
    {
        for (long i = counter.excerptsInCycle(cycle) - 1; i >= 0; i--)
        {
            final long sequence = sequenceAt(cycle, i);
            if (sequence != Long.MAX_VALUE)
            {
                return sequence;
            }
        }
        return -1;
    }

    /** @return the sequence of entry {@code n} of {@code cycle}, or Long.MAX_VALUE when it is unreadable. */
    private long sequenceAt(final int cycle, final long n)
    {
        if (!tailer.moveToIndex(JournalQueue.ROLL_CYCLE.toIndex(cycle, n)) || !readRaw())
        {
            return Long.MAX_VALUE;
        }
        try
        {
            return codec.sequenceOf(entry, entryLength);
        }
        catch (final JournalFormatException ex)
        {
            // Unreadable counts as "too late", so a search lands before it and the replay skips it.
            return Long.MAX_VALUE;
        }
    }

    private boolean readRaw()
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return false;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final int length = (int)bytes.readRemaining();
            if (entry.capacity() < length)
            {
                entry.wrap(new byte[Math.max(length, entry.capacity() * 2)]);
            }
            bytes.read(entry.byteArray(), 0, length);
            entryLength = length;
            entryIndex = dc.index();
            return true;
        }
    }

    /**
     * Lets the next thread to call this reader use it (Chronicle checks that one thread uses a tailer):
     * call while no thread is using it.
     */
    void handOver()
    {
        tailer.singleThreadedCheckReset();
        counter.singleThreadedCheckReset();
    }

    @Override
    public void close()
    {
        tailer.close();
        counter.close();
    }
}
