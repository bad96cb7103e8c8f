package dev.stockhold.engine.pipeline;

import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * Named trade-offs between latency and CPU for the ring's consumers, instead of loose knobs.
 * <p>
 * On a machine with fewer cores than pipeline threads a spinning consumer starves the others, so the
 * default is chosen by measurement (docs/BENCHMARKS.md), not by folklore.
 */
public enum WaitPreset
{
    /** Consumers yield the CPU while waiting: the lowest latency that still shares cores. */
    LOW_LATENCY,
    /**
     * Consumers spin briefly, yield, then sleep, longer once idle for a while: good throughput, little idle
     * CPU; see {@link IdleBackoffWaitStrategy}.
     */
    BALANCED,
    /**
     * Consumers block while the ring is empty (no CPU when idle, about 25 µs per wake-up here) and park
     * for 50 µs at a time while the stage before them works; see {@link BlockingParkingWaitStrategy}.
     */
    LOW_CPU;

    /** @return a new wait strategy of this preset (each Disruptor needs its own). */
    public WaitStrategy newWaitStrategy()
    {
        switch (this)
        {
            case LOW_LATENCY:
                return new YieldingWaitStrategy();
            case BALANCED:
                return new IdleBackoffWaitStrategy();
            default:
                return new BlockingParkingWaitStrategy();
        }
    }
}
