package dev.stockhold.journal.queue;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies journal entries to a ledger through the same {@code ledger.apply(command)} the live engine
 * uses, each decoded into one reusable command with its journaled sequence and timestamp, so the ledger
 * ends in the state the live engine had. Used by recovery and by the offline verifier. One thread.
 */
public final class Replayer
{
    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);

    private final Command command = new Command();
    private long entries;
    private long torn;
    private long lastSequence;
    private long bytes;

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
     * Replays every entry with a sequence above {@code afterSequence} until the end of the journal.
     *
     * @param reader   a reader on the journal; positioned by this call.
     * @param ledger   the ledger to apply to (fresh, or loaded from a snapshot covering afterSequence).
     * @param what     what is replayed, for the progress log.
     * @param hook     called around each entry, or null.
     * @return the sequence of the last entry applied, or {@code afterSequence} when none was.
     */
    public long replay(final JournalReader reader, final Ledger ledger, final long afterSequence,
        final String what, final Hook hook)
    {
        reader.seekAfter(afterSequence);
        final ReplayProgress progress = new ReplayProgress(what, reader.entriesFromHere());
        lastSequence = afterSequence;
        JournalReader.Status status;
        while ((status = reader.next(command)) != JournalReader.Status.END)
        {
            if (status == JournalReader.Status.TORN)
            {
                torn++;
                LOG.warn("skipping a torn journal entry at index {} after sequence {}: {}",
                    Long.toHexString(reader.entryIndex()), lastSequence, reader.lastError());
                continue;
            }
            if (command.sequence <= lastSequence)
            {
                // Before the snapshot's sequence (the search lands at or before it): already in the ledger.
                if (command.sequence <= afterSequence)
                {
                    continue;
                }
                throw new IllegalStateException("journal out of order: sequence " + command.sequence + " after "
                    + lastSequence);
            }
            if (hook != null)
            {
                hook.beforeEntry(command);
            }
            ledger.apply(command);
            lastSequence = command.sequence;
            entries++;
            bytes += reader.entryLength();
            if (hook != null)
            {
                hook.afterEntry(command);
            }
            progress.onEntry(entries);
        }
        return lastSequence;
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

    /** @return bytes of the entries applied. */
    public long bytes()
    {
        return bytes;
    }
}
