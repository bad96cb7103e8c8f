package dev.stockhold.cluster.node;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * How every Aeron agent of a node, and every cluster client, waits when it has nothing to do: spin briefly,
 * yield, then park for doubling times up to {@link #MAX_PARK_MICROS}.
 * <p>
 * Why these values: three members, their media drivers, archives, consensus modules, services and clients share
 * two cores, so an agent that wakes without work takes the core from one that has some. Measured on a 2-vCPU
 * machine, three members and the load on it (docs/cluster.md, "Idle strategy"): parks capped at 4 ms carry 20-40 %
 * more commands than parks capped at 1 ms, with the same median latency for a lone request (a stage that just
 * worked is still spinning or yielding when the next step of a request reaches it) and about twice its p99.9;
 * capped at 10 ms, or below 1 ms, or with fewer yields, they carry fewer.
 */
public final class AgentIdle
{
    /** Busy spins before yielding. */
    static final int SPINS = 10;
    /** Yields before parking: a yield hands the core to the next stage of the same request. */
    static final int YIELDS = 20;
    /** The longest park. */
    static final long MAX_PARK_MICROS = 4_000;

    private AgentIdle()
    {
    }

    /** @return a new idle strategy (they keep state: one per agent). */
    public static IdleStrategy strategy()
    {
        return new BackoffIdleStrategy(SPINS, YIELDS, TimeUnit.MICROSECONDS.toNanos(1),
            TimeUnit.MICROSECONDS.toNanos(MAX_PARK_MICROS));
    }
}
