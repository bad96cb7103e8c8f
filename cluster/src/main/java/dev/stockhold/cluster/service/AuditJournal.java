package dev.stockhold.cluster.service;

import dev.stockhold.engine.command.Command;
import dev.stockhold.journal.Durability;
import dev.stockhold.journal.JournalConfig;
import dev.stockhold.journal.queue.JournalQueue;
import dev.stockhold.journal.queue.JournalReader;
import dev.stockhold.journal.queue.JournalWriter;
import net.openhft.chronicle.core.time.SystemTimeProvider;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A node's audit journal: every mutating command its engine applied, in the single-process server's
 * journal format under {@code DATA_DIR/journal}, so {@code stockhold journal dump|verify} read a node's data
 * directory as they read a server's. The Raft log, not this journal, is what the node recovers from.
 * <p>
 * A node that restarts replays the cluster log from its snapshot, and so applies again commands its journal
 * already holds: those (sequence at or below the journal's last) are not written twice. Entries are written
 * memory-mapped, one Chronicle document per command, on the clustered service's thread, which owns this.
 */
public final class AuditJournal implements AutoCloseable
{
    private final JournalQueue queue;
    private final JournalWriter writer;
    private long lastSequence;

    private AuditJournal(final JournalQueue queue, final long lastSequence)
    {
        this.queue = queue;
        this.lastSequence = lastSequence;
        this.writer = new JournalWriter(queue, Durability.MMAP, lastSequence);
        writer.onStart();
    }

    /**
     * Opens (creating if needed) the journal of the data directory {@code dataDir}. Call on the thread that
     * will append.
     */
    public static AuditJournal open(final Path dataDir)
    {
        final JournalQueue queue = JournalQueue.open(JournalConfig.defaults(dataDir).journalDir(),
            SystemTimeProvider.INSTANCE, false);
        try (JournalReader reader = new JournalReader(queue))
        {
            return new AuditJournal(queue, Math.max(0, reader.lastSequence()));
        }
        catch (final RuntimeException ex)
        {
            queue.close();
            throw ex;
        }
    }

    /** @return the sequence of the last entry in the journal, 0 for an empty one. */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * Appends a mutating command just applied, unless the journal already holds its sequence.
     *
     * @throws Failure when the journal cannot be written: the node must stop.
     */
    public void append(final Command command)
    {
        if (command.sequence <= lastSequence)
        {
            return;
        }
        try
        {
            writer.onCommand(command, true);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new Failure(command.sequence, ex);
        }
        lastSequence = command.sequence;
    }

    /** The journal could not be written: what follows would be missing from it, so the node must stop. */
    public static final class Failure extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Failure(final long sequence, final Throwable cause)
        {
            super("the audit journal could not write sequence " + sequence, cause);
        }
    }

    @Override
    public void close()
    {
        try
        {
            writer.onShutdown();
        }
        finally
        {
            queue.close();
        }
    }
}
