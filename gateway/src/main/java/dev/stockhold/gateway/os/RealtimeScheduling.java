package dev.stockhold.gateway.os;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Linux real-time scheduling ({@code SCHED_FIFO}) for the threads every request passes through: the event
 * loops and the engine's stage threads. Where the server shares its cores (with a load generator, a sidecar,
 * the JIT compiler, the collector), a woken event loop otherwise queues for a core behind whatever runs there,
 * and those waits are most of the latency tail on a small machine (docs/BENCHMARKS.md, real-time priority). A
 * {@code SCHED_FIFO} thread takes a core from any ordinary thread at once.
 * <p>
 * Only for threads that block while idle: a spinning thread at real-time priority would keep a core from
 * everything else, so the server allows it with the {@code low_cpu} wait preset only. Raising a thread needs
 * {@code CAP_SYS_NICE} or an rtprio limit ({@code ulimit -r}); without them the threads keep the OS's default
 * and one warning says why.
 * <p>
 * Experimental: on the 2-vCPU VM it brought p99 at 10,000 locks/s from 0.4-0.7 ms to 0.27 ms, but one run in
 * seven held a stall of 20-180 ms that the default scheduling never showed, and its cause is not known yet.
 */
public final class RealtimeScheduling
{
    /** Leaves every thread to the OS's default policy. */
    public static final RealtimeScheduling OFF = new RealtimeScheduling(0);
    /** The highest {@code SCHED_FIFO} priority Linux has. */
    public static final int MAX_PRIORITY = 99;

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeScheduling.class);
    private static final int SCHED_FIFO = 1;
    /** Threads this one starts (a feed's catch-up, Chronicle's helpers) get the default policy, not this one. */
    private static final int SCHED_RESET_ON_FORK = 0x40000000;

    private final int priority;
    private final AtomicBoolean warned = new AtomicBoolean();

    private RealtimeScheduling(final int priority)
    {
        this.priority = priority;
    }

    /**
     * @param priority the {@code SCHED_FIFO} priority, 1 to {@link #MAX_PRIORITY}, or 0 for {@link #OFF}.
     * @throws IllegalArgumentException outside that range.
     */
    public static RealtimeScheduling ofPriority(final int priority)
    {
        if (priority < 0 || priority > MAX_PRIORITY)
        {
            throw new IllegalArgumentException("real-time priority must be in 0.." + MAX_PRIORITY + ": " + priority);
        }
        return priority == 0 ? OFF : new RealtimeScheduling(priority);
    }

    /** @return the {@code SCHED_FIFO} priority, 0 when off. */
    public int priority()
    {
        return priority;
    }

    /**
     * Raises the calling thread to this priority; does nothing when off. Never throws: a thread that cannot be
     * raised runs on at the OS's default, and the first such thread logs a warning.
     *
     * @return whether the thread now runs at this priority.
     */
    public boolean applyToCurrentThread()
    {
        if (priority == 0)
        {
            return false;
        }
        try
        {
            // pid 0: the calling thread. struct sched_param holds one int, the priority.
            LibC.INSTANCE.sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, new int[] {priority});
            return true;
        }
        catch (final LastErrorException ex)
        {
            warnOnce("the OS refused (errno " + ex.getErrorCode() + "; it needs CAP_SYS_NICE or ulimit -r)");
        }
        catch (final LinkageError ex)
        {
            warnOnce("this platform has no sched_setscheduler (" + ex + ")");
        }
        return false;
    }

    /**
     * @return a factory of event-loop threads named {@code prefix-…} that raise themselves before they run.
     */
    public ThreadFactory eventLoopThreads(final String prefix, final boolean daemon)
    {
        return new DefaultThreadFactory(prefix, daemon)
        {
            @Override
            public Thread newThread(final Runnable loop)
            {
                return super.newThread(() ->
                {
                    applyToCurrentThread();
                    loop.run();
                });
            }
        };
    }

    private void warnOnce(final String why)
    {
        if (warned.compareAndSet(false, true))
        {
            LOG.warn("event=realtime_refused priority={} reason=\"{}\" action=default_scheduling", priority, why);
        }
    }

    /** The C library's call, bound on first use only, so a server that never asks loads no native code. */
    private interface LibC extends Library
    {
        LibC INSTANCE = Native.load("c", LibC.class);

        int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;
    }
}
