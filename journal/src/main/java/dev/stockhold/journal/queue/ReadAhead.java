package dev.stockhold.journal.queue;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.Sequencer;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.threads.NamedThreads;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads and decodes journal entries on a thread of its own, ahead of the thread that applies them, into
 * the pre-allocated slots of a single-producer ring: with a second core, Chronicle's reading and the
 * decoding overlap with applying. Slots come out in journal order, each holding what
 * {@link JournalReader#next} found; the last one's status is {@link JournalReader.Status#END}.
 * <p>
 * Threads: {@link #start}, {@link #next} and {@link #close} belong to the applying thread; the reader
 * belongs to the read-ahead thread from {@link #start} until {@link #close} returns.
 */
final class ReadAhead implements AutoCloseable
{
    /**
     * Slots in the ring: enough to ride out a pause of either thread (a park of the reader, a slow
     * command), few enough that the slots stay in the cache.
     */
    static final int RING_SIZE = 1 << 10;
    /** The applying thread hands slots back in groups, so the two threads share a cache line less often. */
    private static final int RELEASE_EVERY = 1 << 6;
    private static final long JOIN_TIMEOUT_SECONDS = 10;
    /** The read-ahead thread's sleep while the ring is full: a fraction of the time to apply half the ring. */
    private static final long FULL_PARK_NANOS = 50_000;

    private final RingBuffer<Slot> ring;
    /** The last slot the applying thread has finished with. */
    private final Sequence released = new Sequence(Sequencer.INITIAL_CURSOR_VALUE);
    private final JournalReader reader;
    private final Thread thread;
    /** The applying thread waits for the reader with a short spin, then yields, then parks. */
    private final IdleStrategy applierIdle = new BackoffIdleStrategy(100, 20, 1_000, 50_000);
    private volatile boolean stopped;
    private volatile long threadCpuNanos;
    private long nextSequence;
    private long availableSequence = Sequencer.INITIAL_CURSOR_VALUE;

    /** One ring slot: an entry and what the reader found. */
    static final class Slot
    {
        /** The decoded entry, when the status is ENTRY. */
        final Command command = new Command();
        JournalReader.Status status;
        long entryIndex;
        int entryLength;
        /** Why a TORN entry was rejected. */
        String error;
        /** What stopped the read-ahead thread, on the END slot; null at a normal end. */
        RuntimeException failure;

        /** @return false at the end of the journal: reads the next entry into this slot. */
        boolean read(final JournalReader reader)
        {
            status = reader.next(command);
            // Hashes computed here are cached in the Strings: the applying thread's lookups find them ready.
            warmHash(command.orderId);
            warmHash(command.idempotencyKey);
            entryIndex = reader.entryIndex();
            entryLength = reader.entryLength();
            error = status == JournalReader.Status.TORN ? reader.lastError() : null;
            failure = null;
            return status != JournalReader.Status.END;
        }

        private static void warmHash(final String value)
        {
            if (value != null)
            {
                value.hashCode();
            }
        }
    }

    /** @param reader positioned where applying starts; used by the read-ahead thread only once started. */
    ReadAhead(final JournalReader reader)
    {
        this.reader = reader;
        // The strategy's signal is all the ring uses of it (a no-op for this one): the applying thread
        // polls the cursor with its own idle strategy.
        this.ring = RingBuffer.createSingleProducer(Slot::new, RING_SIZE, new BusySpinWaitStrategy());
        ring.addGatingSequences(released);
        this.thread = NamedThreads.create("stockhold-journal-read-ahead", this::readLoop);
    }

    /** Starts reading ahead. */
    void start()
    {
        reader.handOver();
        thread.start();
    }

    /**
     * @return the next slot, valid until the following call; waits for the read-ahead thread if needed.
     * @throws RuntimeException what stopped the read-ahead thread, once the entries before it are out.
     */
    Slot next()
    {
        if (nextSequence > availableSequence)
        {
            released.set(nextSequence - 1);
            availableSequence = awaitPublished(nextSequence);
        }
        else if ((nextSequence & (RELEASE_EVERY - 1)) == 0)
        {
            released.set(nextSequence - 1);
        }
        final Slot slot = ring.get(nextSequence++);
        if (slot.failure != null)
        {
            throw slot.failure;
        }
        return slot;
    }

    private long awaitPublished(final long sequence)
    {
        applierIdle.reset();
        long published;
        while ((published = ring.getCursor()) < sequence)
        {
            applierIdle.idle();
        }
        return published;
    }

    private void readLoop()
    {
        try
        {
            readAll();
        }
        finally
        {
            threadCpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        }
    }

    private void readAll()
    {
        boolean more = true;
        while (more)
        {
            final long sequence = claim();
            if (sequence < 0)
            {
                return;
            }
            final Slot slot = ring.get(sequence);
            try
            {
                more = slot.read(reader);
            }
            catch (final RuntimeException ex)
            {
                slot.status = JournalReader.Status.END;
                slot.failure = ex;
                more = false;
            }
            ring.publish(sequence);
        }
    }

    /** @return the next free slot's sequence, or -1 once the applying thread has stopped reading. */
    private long claim()
    {
        while (!stopped)
        {
            try
            {
                return ring.tryNext();
            }
            catch (final InsufficientCapacityException ex)
            {
                // Full: applying is the slower side. Sleep until half the ring is free, then refill it in
                // one go: a few wake-ups per thousand entries instead of one per released group.
                while (!stopped && ring.remainingCapacity() < RING_SIZE / 2)
                {
                    LockSupport.parkNanos(FULL_PARK_NANOS);
                }
            }
        }
        return -1;
    }

    /** @return the CPU time the read-ahead thread used, nanoseconds; valid after {@link #close}. */
    long threadCpuNanos()
    {
        return threadCpuNanos;
    }

    /** Stops the read-ahead thread (if still reading) and gives the reader back to the calling thread. */
    @Override
    public void close()
    {
        stopped = true;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(JOIN_TIMEOUT_SECONDS));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive())
        {
            throw new IllegalStateException("journal read-ahead thread did not stop");
        }
        reader.handOver();
    }
}
