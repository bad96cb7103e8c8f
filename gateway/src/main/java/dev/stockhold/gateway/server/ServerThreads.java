package dev.stockhold.gateway.server;

import dev.stockhold.engine.pipeline.ThreadLayout;
import dev.stockhold.engine.pipeline.WaitPreset;
import dev.stockhold.gateway.os.RealtimeScheduling;

import java.util.Locale;
import java.util.Objects;

/**
 * How the server uses threads: how the engine's stages map onto threads, how they wait for work, and
 * whether the threads every request passes through run at real-time priority (docs/BENCHMARKS.md compares
 * the choices on this machine).
 *
 * @param layout           one thread per stage, or one for all.
 * @param waitPreset       how an idle stage waits.
 * @param realtimePriority the {@code SCHED_FIFO} priority of the engine's stage threads and the event loops,
 *                         0 to leave them to the OS ({@link RealtimeScheduling}).
 */
public record ServerThreads(ThreadLayout layout, WaitPreset waitPreset, int realtimePriority)
{
    /**
     * @throws IllegalArgumentException for a priority outside 0..99, or a real-time priority with stages that
     *                                  spin while idle: they would keep a core from everything else.
     */
    public ServerThreads
    {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(waitPreset, "waitPreset");
        RealtimeScheduling.ofPriority(realtimePriority); // refuses a priority outside 0..99
        if (realtimePriority > 0 && waitPreset != WaitPreset.LOW_CPU)
        {
            throw new IllegalArgumentException("a real-time priority needs the low_cpu wait preset: a " + waitPreset
                .name().toLowerCase(Locale.ROOT) + " stage spins while idle and, at real-time priority,"
                + " would keep a core from every other thread");
        }
    }

    /** As above, at the OS's default priority. */
    public ServerThreads(final ThreadLayout layout, final WaitPreset waitPreset)
    {
        this(layout, waitPreset, 0);
    }

    /**
     * @return the layout measured best for this machine's processor count, with stages that block while idle:
     * at 10,000 HTTP locks/s that halved the median service time against the balanced preset's short sleeps,
     * for about 5 % less throughput under a closed-loop flood (docs/BENCHMARKS.md, wait preset). No real-time
     * priority: it needs a privilege, and an operator's decision.
     */
    public static ServerThreads forThisMachine()
    {
        return new ServerThreads(ThreadLayout.forThisMachine(), WaitPreset.LOW_CPU);
    }

    /** @return the scheduling {@link #realtimePriority} asks for. */
    public RealtimeScheduling scheduling()
    {
        return RealtimeScheduling.ofPriority(realtimePriority);
    }

    /** @return a copy at another real-time priority. */
    public ServerThreads withRealtimePriority(final int priority)
    {
        return new ServerThreads(layout, waitPreset, priority);
    }
}
