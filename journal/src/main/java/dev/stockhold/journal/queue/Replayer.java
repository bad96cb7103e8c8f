package dev.stockhold.journal.queue;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies journal entries to a ledger through the same {@code ledger.apply(command)} the live engine
 * uses, each decoded into a reusable command with its journaled sequence and timestamp, so the ledger
 * ends in the state the live engine had. Used by recovery and by the offline verifier. One thread calls
 * it (it may read ahead on a second thread of its own).
 */
public final class Replayer
{
    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);

    private final boolean readAhead;
    private long entries;
    private long torn;
    private long failed;
    private long lastSequence;
    private long bytes;
    private long readAheadCpuNanos;

    /** A replayer that reads ahead on a second thread when there is more than one processor. */
    public Replayer()
    {
        this(Runtime.getRuntime().availableProcessors() > 1);
    }

    /**
     * @param readAhead true to read and decode on a second thread ({@link ReadAhead}), false to read on
     *                  the calling thread (on one core a second thread only adds hand-overs).
     */
    public Replayer(final boolean readAhead)
    {
        this.readAhead = readAhead;
    }

    /** Hook for the verifier: sees each entry before and after it is applied. */
    public interface Hook
    {
        /** @param command the entry about to be applied. */
        default void beforeEntry(final Command command)
        {
        }

        /** @param command the entry just applied, with the ledger's result. */
        default void afterEntry(final Command command)
        {
        }
    }

    /**
     * Replays every entry with a sequence above {@code afterSequence} until the end of the journal. When
     * reading ahead, a thread of its own reads and decodes the entries ahead of this one; the ledger and
     * the hook are only ever called on the calling thread.
     *
     * @param reader   a reader on the journal; positioned by this call.
     * @param ledger   the ledger to apply to (fresh, or loaded from a snapshot covering afterSequence).
     * @param what     what is replayed, for the progress log: one word ({@code recovery}, {@code verify}).
     * @param hook     called around each entry, or null.
     * @return the sequence of the last entry applied, or {@code afterSequence} when none was.
     */
    public long replay(final JournalReader reader, final Ledger ledger, final long afterSequence,
        final String what, final Hook hook)
    {
        return replay(reader, ledger, afterSequence, Long.MAX_VALUE, what, hook);
    }

    /**
     * As {@link #replay(JournalReader, Ledger, long, String, Hook)}, stopping before the first entry with a
     * sequence above {@code throughSequence}: the state as it was at that sequence.
     */
    public long replay(final JournalReader reader, final Ledger ledger, final long afterSequence,
        final long throughSequence, final String what, final Hook hook)
    {
        final long endSequence = Math.min(throughSequence, reader.lastSequence());
        reader.seekAfter(afterSequence);
        final ReplayProgress progress = new ReplayProgress(what, afterSequence, endSequence);
        lastSequence = afterSequence;
        if (!readAhead)
        {
            final ReadAhead.Slot slot = new ReadAhead.Slot();
            while (slot.read(reader) && !isPast(slot, throughSequence))
            {
                onEntry(slot, ledger, afterSequence, hook, progress);
            }
            return lastSequence;
        }
        final ReadAhead ahead = new ReadAhead(reader);
        try
        {
            ahead.start();
            ReadAhead.Slot slot;
            while ((slot = ahead.next()).status != JournalReader.Status.END && !isPast(slot, throughSequence))
            {
                onEntry(slot, ledger, afterSequence, hook, progress);
            }
        }
        finally
        {
            ahead.close();
        }
        readAheadCpuNanos = ahead.threadCpuNanos();
        return lastSequence;
    }

    private static boolean isPast(final ReadAhead.Slot slot, final long throughSequence)
    {
        return slot.status == JournalReader.Status.ENTRY && slot.command.sequence > throughSequence;
    }

    private void onEntry(final ReadAhead.Slot slot, final Ledger ledger, final long afterSequence, final Hook hook,
        final ReplayProgress progress)
    {
        if (slot.status == JournalReader.Status.TORN)
        {
            torn++;
            LOG.warn("event=journal_entry_torn index={} afterSequence={} cause=\"{}\" action=skip",
                Long.toHexString(slot.entryIndex), lastSequence, slot.error);
            return;
        }
        final Command entry = slot.command;
        if (entry.sequence <= lastSequence)
        {
            // Before the snapshot's sequence (the search lands at or before it): already in the ledger.
            if (entry.sequence <= afterSequence)
            {
                return;
            }
            throw new IllegalStateException("journal out of order: sequence " + entry.sequence + " after "
                + lastSequence);
        }
        if (hook != null)
        {
            hook.beforeEntry(entry);
        }
        apply(ledger, entry);
        lastSequence = entry.sequence;
        entries++;
        bytes += slot.entryLength;
        if (hook != null)
        {
            hook.afterEntry(entry);
        }
        progress.onEntry(entries, entry.sequence);
    }

    /**
     * Applies as the live ledger stage does: a command the ledger throws on is logged and passed over,
     * exactly as it was live (where it answered ERR_INTERNAL), so a ledger bug never makes the journal
     * impossible to restart from.
     */
    private void apply(final Ledger ledger, final Command entry)
    {
        try
        {
            ledger.apply(entry);
        }
        catch (final RuntimeException ex)
        {
            failed++;
            LOG.error("event=replay_ledger_failed sequence={} note=\"as live, where it answered ERR_INTERNAL\"",
                entry.sequence, ex);
        }
    }

    /** @return entries the ledger threw on. */
    public long failedEntries()
    {
        return failed;
    }

    /** @return entries applied. */
    public long entries()
    {
        return entries;
    }

    /** @return torn entries skipped. */
    public long tornEntries()
    {
        return torn;
    }

    /** @return CPU time of the thread that read ahead, nanoseconds; 0 when the replay read inline. */
    public long readAheadCpuNanos()
    {
        return readAheadCpuNanos;
    }

    /** @return bytes of the entries applied. */
    public long bytes()
    {
        return bytes;
    }
}
