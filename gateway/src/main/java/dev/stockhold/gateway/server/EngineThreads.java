package dev.stockhold.gateway.server;

import dev.stockhold.engine.pipeline.ThreadLayout;
import dev.stockhold.engine.pipeline.WaitPreset;

import java.util.Objects;

/**
 * How the engine uses threads: how its stages map onto threads and how they wait for work
 * (docs/BENCHMARKS.md compares the choices on this machine).
 *
 * @param layout     one thread per stage, or one for all.
 * @param waitPreset how an idle stage waits.
 */
public record EngineThreads(ThreadLayout layout, WaitPreset waitPreset)
{
    public EngineThreads
    {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(waitPreset, "waitPreset");
    }

    /**
     * @return the layout measured best for this machine's processor count, with stages that block while idle:
     * at 10,000 HTTP locks/s that halved the median service time against the balanced preset's short sleeps,
     * for about 5 % less throughput under a closed-loop flood (docs/BENCHMARKS.md, session 8).
     */
    public static EngineThreads forThisMachine()
    {
        return new EngineThreads(ThreadLayout.forThisMachine(), WaitPreset.LOW_CPU);
    }
}
