package dev.stockhold.journal.snapshot;

import dev.stockhold.engine.pipeline.SnapshotSink;
import dev.stockhold.engine.threads.NamedThreads;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The snapshot sink: the ledger thread only copies the state into one of two reusable buffers; a writer
 * thread of its own waits until the journal holds every command the snapshot covers, then writes the
 * file. Waiting for the journal keeps one invariant: a snapshot never covers a command the journal lacks,
 * so "snapshot + the journal after it" always equals "the whole journal".
 * <p>
 * {@link #onSnapshot} is called on the ledger thread (or the thread closing the pipeline); the rest of
 * the public methods on any thread.
 */
public final class SnapshotWriter implements SnapshotSink, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotWriter.class);
    private static final int BUFFERS = 2;
    private static final long JOURNAL_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final SnapshotStore store;
    private final LongSupplier journalProcessedSequence;
    private final BlockingQueue<Slot> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Slot> pending = new ArrayBlockingQueue<>(BUFFERS);
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastPauseNanos;
    private volatile long maxPauseNanos;
    private volatile long lastCopyNanos;
    private volatile long lastWrittenSequence = -1;
    private volatile Path lastWrittenFile;
    private volatile Consumer<Exception> onFailure = ex -> { };

    /**
     * @param journalProcessedSequence how far the journaler has got (its {@code processedSequence}), or
     *                                 anything later that a snapshot file must wait for too.
     */
    public SnapshotWriter(final SnapshotStore store, final LongSupplier journalProcessedSequence)
    {
        this.store = store;
        this.journalProcessedSequence = journalProcessedSequence;
        for (int i = 0; i < BUFFERS; i++)
        {
            free.add(new Slot());
        }
        thread = NamedThreads.create("stockhold-snapshot-writer", this::writeLoop);
        thread.start();
    }

    /** Tells {@code listener} of every failed snapshot write (the server stops on it: fail-stop). */
    public void onFailure(final Consumer<Exception> listener)
    {
        this.onFailure = listener;
    }

    @Override
    public void onSnapshot(final DirectBuffer snapshot, final int length, final long coveredSequence,
        final long pauseNanos)
    {
        final long startNanos = System.nanoTime();
        Slot slot = free.poll();
        if (slot == null)
        {
            LOG.warn("event=snapshot_writer_behind note=\"the ledger waits for a free buffer; snapshots too"
                + " frequent?\"");
            slot = takeUninterruptibly(free);
        }
        slot.state.putBytes(0, snapshot, 0, length);
        slot.length = length;
        slot.coveredSequence = coveredSequence;
        submitted.incrementAndGet();
        pending.add(slot);
        final long copyNanos = System.nanoTime() - startNanos;
        final long totalPause = pauseNanos + copyNanos;
        lastCopyNanos = copyNanos;
        lastPauseNanos = totalPause;
        if (totalPause > maxPauseNanos)
        {
            maxPauseNanos = totalPause;
        }
    }

    private void writeLoop()
    {
        while (running || !pending.isEmpty())
        {
            final Slot slot;
            try
            {
                slot = pending.poll(100, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                continue;
            }
            if (slot == null)
            {
                continue;
            }
            try
            {
                writeWhenJournaled(slot);
            }
            catch (final IOException | RuntimeException ex)
            {
                LOG.error("event=snapshot_failed from=ledger sequence={} note=\"the previous snapshot stays in use\"",
                    slot.coveredSequence, ex);
                onFailure.accept(ex);
            }
            finally
            {
                free.add(slot);
                finished.incrementAndGet();
            }
        }
    }

    private void writeWhenJournaled(final Slot slot) throws IOException
    {
        if (slot.coveredSequence == lastWrittenSequence)
        {
            // Nothing changed since the last snapshot (an idle engine's timer): the file on disk is this one.
            return;
        }
        final long deadline = System.nanoTime() + JOURNAL_WAIT_NANOS;
        while (journalProcessedSequence.getAsLong() < slot.coveredSequence)
        {
            if (System.nanoTime() > deadline)
            {
                LOG.error("event=snapshot_dropped sequence={} reason=journal_stuck", slot.coveredSequence);
                return;
            }
            LockSupport.parkNanos(100_000);
        }
        final long startNanos = System.nanoTime();
        final Path file = store.write(slot.state.byteArray(), slot.length, slot.coveredSequence,
            System.currentTimeMillis());
        lastWrittenSequence = slot.coveredSequence;
        lastWrittenFile = file;
        LOG.info("event=snapshot_written from=ledger file={} bytes={} sequence={} millis={} ledgerPausedMicros={}",
            file.getFileName(), slot.length, slot.coveredSequence,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
            TimeUnit.NANOSECONDS.toMicros(lastPauseNanos));
    }

    /** Waits until every snapshot handed over so far is written (or failed). */
    public void awaitIdle()
    {
        while (finished.get() < submitted.get() && thread.isAlive())
        {
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** @return the ledger's pause for the last snapshot (serialisation plus copy), nanoseconds. */
    public long lastPauseNanos()
    {
        return lastPauseNanos;
    }

    /** @return the longest ledger pause for a snapshot so far, nanoseconds. */
    public long maxPauseNanos()
    {
        return maxPauseNanos;
    }

    /** @return the copy part of the last pause, nanoseconds. */
    public long lastCopyNanos()
    {
        return lastCopyNanos;
    }

    /** @return the sequence covered by the last snapshot written, or -1. */
    public long lastWrittenSequence()
    {
        return lastWrittenSequence;
    }

    /** @return the last snapshot file written, or null. */
    public Path lastWrittenFile()
    {
        return lastWrittenFile;
    }

    /** Writes what is pending, then stops the writer thread. */
    @Override
    public void close()
    {
        awaitIdle();
        running = false;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static Slot takeUninterruptibly(final BlockingQueue<Slot> queue)
    {
        boolean interrupted = false;
        try
        {
            while (true)
            {
                try
                {
                    return queue.take();
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A reusable copy of one snapshot on its way to disk. */
    private static final class Slot
    {
        final ExpandableArrayBuffer state = new ExpandableArrayBuffer(1 << 16);
        int length;
        long coveredSequence;
    }
}
