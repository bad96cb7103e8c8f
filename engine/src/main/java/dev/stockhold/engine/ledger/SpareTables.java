package dev.stockhold.engine.ledger;

import dev.stockhold.engine.threads.NamedThreads;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Allocates a hash table's next, larger array ahead of need, on a daemon thread of its own. A new
 * {@code long[]} of tens of megabytes is zeroed and faulted in page by page by the thread that allocates
 * it: about 10 ms for the 32 MB of a million orders here, and up to 50 ms on a busy machine, all of it a
 * pause of the ledger when the order index grew. Prepared here, the ledger takes a finished array.
 * <p>
 * Only lengths from {@link #MIN_LENGTH} (smaller ones allocate in well under a millisecond) to
 * {@link #MAX_LENGTH} (a spare beyond it would hold too much memory for a table that may never grow) are
 * prepared. One array per length at a time; a table that finds none ready allocates its own, so nothing
 * waits for this thread. A spare can wait unused, as when the order index sweeps out forgotten orders
 * instead of growing; the next table to grow to its length takes it. One that does not fit in the heap
 * is skipped. What an array holds never depends on who allocated it: replays stay exact. Thread-safe.
 */
final class SpareTables
{
    /** The shortest array prepared: 2 MB. */
    static final int MIN_LENGTH = 1 << 18;
    /** The longest array prepared: 128 MB. */
    static final int MAX_LENGTH = 1 << 24;

    /** Ready arrays, indexed by the log2 of their length. */
    private static final AtomicReferenceArray<long[]> READY = new AtomicReferenceArray<>(Integer.SIZE);
    /** Lengths asked for and not yet prepared: each length, a power of two, is its own bit. */
    private static final AtomicInteger REQUESTED = new AtomicInteger();
    private static final AtomicLong HANDED_OUT = new AtomicLong();
    private static volatile Thread allocator;

    private SpareTables()
    {
    }

    /** @return whether arrays of {@code length} are prepared here. */
    static boolean prepares(final int length)
    {
        return length >= MIN_LENGTH && length <= MAX_LENGTH && Integer.bitCount(length) == 1;
    }

    /** Asks for an array of {@code length} (a power of two) to be made ready; returns at once. */
    static void request(final int length)
    {
        if (!prepares(length))
        {
            return;
        }
        if ((REQUESTED.getAndUpdate(requested -> requested | length) & length) == 0)
        {
            LockSupport.unpark(allocator());
        }
    }

    /** @return a zeroed array of {@code length} prepared earlier, or null if none is ready. */
    static long[] take(final int length)
    {
        if (!prepares(length))
        {
            return null;
        }
        final long[] ready = READY.getAndSet(Integer.numberOfTrailingZeros(length), null);
        if (ready != null)
        {
            HANDED_OUT.incrementAndGet();
        }
        return ready;
    }

    /** @return whether an array of {@code length} is ready, for tests. */
    static boolean isReady(final int length)
    {
        return prepares(length) && READY.get(Integer.numberOfTrailingZeros(length)) != null;
    }

    /** @return how many prepared arrays tables have taken, for tests. */
    static long handedOut()
    {
        return HANDED_OUT.get();
    }

    private static Thread allocator()
    {
        Thread thread = allocator;
        if (thread == null)
        {
            synchronized (SpareTables.class)
            {
                thread = allocator;
                if (thread == null)
                {
                    thread = NamedThreads.create("stockhold-spare-tables", SpareTables::allocateLoop);
                    thread.start();
                    allocator = thread;
                }
            }
        }
        return thread;
    }

    private static void allocateLoop()
    {
        while (true)
        {
            final int requested = REQUESTED.get();
            if (requested == 0)
            {
                LockSupport.park();
                continue;
            }
            final int length = Integer.lowestOneBit(requested);
            final int log2 = Integer.numberOfTrailingZeros(length);
            try
            {
                if (READY.get(log2) == null)
                {
                    READY.compareAndSet(log2, null, new long[length]);
                }
            }
            catch (final OutOfMemoryError ex)
            {
                // No room for a spare: the table allocates its own when it grows, as without this class.
            }
            REQUESTED.getAndUpdate(current -> current & ~length);
        }
    }
}
