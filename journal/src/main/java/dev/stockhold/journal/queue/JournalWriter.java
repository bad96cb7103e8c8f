package dev.stockhold.journal.queue;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.pipeline.CommandStage;
import dev.stockhold.engine.pipeline.Failpoints;
import dev.stockhold.journal.Durability;
import dev.stockhold.journal.codec.JournalCodec;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * The journaler stage: appends every mutating command to the queue, in parallel with the ledger, and at
 * the end of each batch appends the batch as one document ({@link EntryBatch}), makes it durable (group
 * commit) and publishes how far it got.
 * <p>
 * Runs on the pipeline's journal thread only; {@link #lastJournaledSequence()} and
 * {@link #processedSequence()} may be read from any thread. Steady state allocates nothing: the codec
 * writes into one reusable buffer, and the Chronicle document context is reused.
 */
public final class JournalWriter implements CommandStage
{
    /** A batch this large is appended before its end, so that one document stays small for readers. */
    static final int MAX_BATCH_BYTES = 64 * 1024;

    private final JournalQueue queue;
    private final Durability durability;
    private final JournalCodec codec = new JournalCodec();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final EntryBatch batch = new EntryBatch();
    private ExcerptAppender appender;
    private FileChannel syncChannel;
    private int syncCycle = Integer.MIN_VALUE;
    private long pendingJournaled;
    private long pendingProcessed;
    private long pendingBytes;
    private boolean dirty;
    private volatile long lastJournaledSequence;
    private volatile long processedSequence;
    private volatile long bytesWritten;

    /**
     * @param initialSequence the last sequence already in the journal (recovery's), reported until the
     *                        first new entry.
     */
    public JournalWriter(final JournalQueue queue, final Durability durability, final long initialSequence)
    {
        this.queue = queue;
        this.durability = durability;
        this.pendingJournaled = initialSequence;
        this.pendingProcessed = initialSequence;
        this.lastJournaledSequence = initialSequence;
        this.processedSequence = initialSequence;
    }

    @Override
    public void onStart()
    {
        appender = queue.chronicle().createAppender();
    }

    @Override
    public void onCommand(final Command command, final boolean endOfBatch) throws IOException
    {
        if (command.type.isMutating())
        {
            final int length = codec.encode(command, buffer);
            batch.add(buffer, length);
            pendingBytes += length;
            pendingJournaled = command.sequence;
            dirty = true;
            if (batch.length() >= MAX_BATCH_BYTES)
            {
                appendBatch();
            }
        }
        pendingProcessed = command.sequence;
        if (endOfBatch)
        {
            endBatch();
        }
    }

    /** Appends the pending entries as one document, makes them durable and publishes how far it got. */
    @Override
    public void endBatch() throws IOException
    {
        appendBatch();
        if (dirty && durability == Durability.FSYNC)
        {
            sync();
        }
        dirty = false;
        lastJournaledSequence = pendingJournaled;
        processedSequence = pendingProcessed;
        bytesWritten = pendingBytes;
    }

    /** Appends the pending entries as one document. */
    private void appendBatch()
    {
        if (batch.length() > 0)
        {
            Failpoints.hit("journal.append");
            try (DocumentContext dc = appender.writingDocument())
            {
                final Bytes<?> bytes = dc.wire().bytes();
                bytes.write(batch.array(), 0, batch.length());
                queue.writtenUpTo(appender.cycle(), bytes.writePosition());
            }
            batch.clear();
            Failpoints.hit("journal.appended");
        }
    }

    /**
     * Forces the current day's file to disk. fsync on Linux writes back every dirty page of the file,
     * including the pages Chronicle dirtied through its memory mapping, so one force per batch commits
     * the whole batch.
     */
    private void sync() throws IOException
    {
        final int cycle = appender.cycle();
        if (cycle != syncCycle)
        {
            if (syncChannel != null)
            {
                // The batch may have started in yesterday's file.
                syncChannel.force(false);
                syncChannel.close();
            }
            syncChannel = FileChannel.open(queue.cycleFile(cycle), StandardOpenOption.READ, StandardOpenOption.WRITE);
            syncCycle = cycle;
            // A new day's file: its directory entry must survive a power loss too, once.
            try (FileChannel dir = FileChannel.open(queue.dir(), StandardOpenOption.READ))
            {
                dir.force(true);
            }
        }
        syncChannel.force(false);
    }

    @Override
    public void onShutdown()
    {
        try
        {
            if (appender != null)
            {
                // Only a stage stopped mid-batch by a failure leaves entries pending: keep what the ledger applied.
                appendBatch();
            }
            if (syncChannel != null)
            {
                syncChannel.force(false);
                syncChannel.close();
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("could not sync the journal on shutdown", ex);
        }
        finally
        {
            if (appender != null)
            {
                appender.close();
            }
        }
    }

    /** @return the sequence of the last entry written and, in FSYNC mode, forced to disk. */
    public long lastJournaledSequence()
    {
        return lastJournaledSequence;
    }

    /**
     * @return the sequence of the last command this stage has passed, journaled or not (read-only ones
     * are not): a snapshot covering up to here has every command it includes in the journal.
     */
    public long processedSequence()
    {
        return processedSequence;
    }

    /** @return entry bytes written since start (without the batches' framing and Chronicle's headers). */
    public long bytesWritten()
    {
        return bytesWritten;
    }
}
