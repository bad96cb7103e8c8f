package dev.stockhold.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * The {@link WaitPreset#LOW_CPU} strategy: a stage blocks while the ring holds nothing new for it, and
 * parks briefly between checks while it waits for the stage before it.
 * <p>
 * The Disruptor's blocking strategies block only on the ring's cursor and busy-spin on the stages before
 * them, so the responder spun for the whole time the ledger worked on a batch: on two cores that took a
 * third of the CPU from the ledger. They also take a lock on every publish; here a producer takes it only
 * when a stage is actually blocked. Any thread may publish; each stage thread waits on its own.
 */
final class BlockingParkingWaitStrategy implements WaitStrategy
{
    /** Spins before parking: covers a stage before this one that is about to finish its command. */
    private static final int SPINS = 100;
    /** Between checks of the stage before: short against a batch, long against a wake-up's cost. */
    private static final long PARK_NANOS = 50_000;

    private final Object mutex = new Object();
    private volatile boolean blocked;

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
        final SequenceBarrier barrier) throws AlertException, InterruptedException
    {
        if (cursor.get() < sequence)
        {
            synchronized (mutex)
            {
                while (cursor.get() < sequence)
                {
                    // Announced before the cursor is read again, so a publisher that moved the cursor after
                    // that read sees the flag and wakes this thread.
                    blocked = true;
                    if (cursor.get() >= sequence)
                    {
                        break;
                    }
                    barrier.checkAlert();
                    mutex.wait();
                }
            }
        }
        long available;
        int spins = SPINS;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (spins > 0)
            {
                spins--;
                Thread.onSpinWait();
            }
            else
            {
                LockSupport.parkNanos(PARK_NANOS);
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking()
    {
        if (blocked)
        {
            synchronized (mutex)
            {
                blocked = false;
                mutex.notifyAll();
            }
        }
    }
}
