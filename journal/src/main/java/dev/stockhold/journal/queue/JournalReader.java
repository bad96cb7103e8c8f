package dev.stockhold.journal.queue;

import dev.stockhold.engine.command.Command;
import dev.stockhold.journal.codec.JournalCodec;
import dev.stockhold.journal.codec.JournalFormatException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.util.NavigableSet;

/**
 * Reads journal entries in order, decoding each into a reusable {@link Command}, batch by batch: each
 * Chronicle document holds one batch ({@link EntryBatch}). One thread at a time (see {@link #handOver}).
 * <p>
 * A batch whose header Chronicle never completed (a crash mid-write) is invisible: Chronicle reports
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

    /** Bytes each entry's framing adds in its batch. */
    public static final int ENTRY_FRAMING_BYTES = EntryBatch.LENGTH_BYTES;
    /** Bytes each batch adds: Chronicle's document header and the batch's format byte. */
    public static final int BATCH_OVERHEAD_BYTES = 4 + 1;

    private final JournalQueue queue;
    private final ExcerptTailer tailer;
    /** Chronicle counts a cycle's entries by moving a tailer there: a second one keeps the reader's place. */
    private final ExcerptTailer counter;
    private final JournalCodec codec = new JournalCodec();
    private final EntryBatch batch = new EntryBatch();
    private long documentIndex;
    private long documentsRead;
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
        if (!batch.hasNext())
        {
            if (!readDocument())
            {
                return Status.END;
            }
            documentsRead++;
        }
        if (!batch.next())
        {
            lastError = batch.error();
            return Status.TORN;
        }
        try
        {
            codec.decode(batch.entry(), batch.entryLength(), into);
            return Status.ENTRY;
        }
        catch (final JournalFormatException | IndexOutOfBoundsException ex)
        {
            lastError = ex.getMessage();
            return Status.TORN;
        }
    }

    /** @return the length in bytes of the last entry read (without its framing). */
    public int entryLength()
    {
        return batch.entryLength();
    }

    /** @return the Chronicle index of the document (the batch) that held the last entry read. */
    public long entryIndex()
    {
        return documentIndex;
    }

    /** @return documents (batches) read so far, the ones {@link #seekAfter} searched through not counted. */
    public long documentsRead()
    {
        return documentsRead;
    }

    /** @return why the last {@link Status#TORN} entry was rejected. */
    public String lastError()
    {
        return lastError;
    }

    /**
     * Positions the reader at or before the first entry with a sequence above {@code afterSequence}, by
     * binary search over the daily files and then over the batches of one: a restart reads log(n) batches
     * to find its place instead of the whole journal. Entries at or below it may still follow (the rest of
     * the batch that holds it, at least); callers skip them.
     */
    public void seekAfter(final long afterSequence)
    {
        batch.clear();
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
            // Batch `low` is the last to start at or below afterSequence: read from it.
            batch.clear();
            if (!tailer.moveToIndex(JournalQueue.ROLL_CYCLE.toIndex(cycle, low)))
            {
                tailer.toStart();
            }
            return;
        }
        tailer.toStart();
    }

    /**
     * @return the sequence of the journal's last readable entry, or -1 when it has none: where a replay to
     * the end will stop. Moves the reader: call {@link #seekAfter} before reading on.
     */
    public long lastSequence()
    {
        for (final Long cycle : queue.cycles().descendingSet())
        {
            final long last = lastSequenceInCycle(cycle.intValue());
            if (last >= 0)
            {
                return last;
            }
        }
        return -1;
    }

    /**
     * @return the sequence of the last readable entry of {@code cycle}, or -1 when it has none. Moves the
     * reader: call {@link #seekAfter} before reading on.
     */
    public long lastSequenceInCycle(final int cycle)
    {
        for (long i = counter.excerptsInCycle(cycle) - 1; i >= 0; i--)
        {
            long last = Long.MAX_VALUE;
            if (tailer.moveToIndex(JournalQueue.ROLL_CYCLE.toIndex(cycle, i)) && readDocument())
            {
                while (batch.hasNext())
                {
                    final long sequence = sequenceOfNextEntry();
                    last = sequence != Long.MAX_VALUE ? sequence : last;
                }
            }
            if (last != Long.MAX_VALUE)
            {
                batch.clear();
                return last;
            }
        }
        batch.clear();
        return -1;
    }

    /** @return the sequence of batch {@code n}'s first entry in {@code cycle}, or Long.MAX_VALUE when unreadable. */
    private long sequenceAt(final int cycle, final long n)
    {
        final long sequence = tailer.moveToIndex(JournalQueue.ROLL_CYCLE.toIndex(cycle, n)) && readDocument()
            ? sequenceOfNextEntry() : Long.MAX_VALUE;
        batch.clear();
        return sequence;
    }

    /** @return the sequence of the loaded batch's next entry, or Long.MAX_VALUE when it is unreadable. */
    private long sequenceOfNextEntry()
    {
        if (!batch.next())
        {
            return Long.MAX_VALUE;
        }
        try
        {
            return codec.sequenceOf(batch.entry(), batch.entryLength());
        }
        catch (final JournalFormatException ex)
        {
            // Unreadable counts as "too late", so a search lands before it and the replay skips it.
            return Long.MAX_VALUE;
        }
    }

    /** Loads the next document into {@link #batch}; false at the end of the journal. */
    private boolean readDocument()
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return false;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final int length = (int)bytes.readRemaining();
            bytes.read(batch.loadArray(length), 0, length);
            batch.load(length);
            documentIndex = dc.index();
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
