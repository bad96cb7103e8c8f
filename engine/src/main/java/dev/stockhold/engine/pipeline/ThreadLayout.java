package dev.stockhold.engine.pipeline;

/**
 * How the pipeline's stages map onto threads. Both keep the same order of guarantees: a command is
 * journaled before anyone hears its result, and the ledger applies commands one at a time in ring order.
 */
public enum ThreadLayout
{
    /**
     * One thread per stage, as LMAX draws it: the journaler and the ledger in parallel, the responder
     * after both. Fastest when every stage has a core of its own.
     */
    STAGED,
    /**
     * One engine thread journals, applies and then answers each batch. On a machine with fewer cores than
     * stage threads plus event loops, every hand-off between stages is a thread wake-up (about 25 µs of
     * CPU on the 2-core VM of docs/BENCHMARKS.md), which costs more than the parallelism gains.
     */
    SINGLE;

    /** @return {@link #SINGLE} on machines with at most two processors, {@link #STAGED} otherwise. */
    public static ThreadLayout forThisMachine()
    {
        return Runtime.getRuntime().availableProcessors() <= 2 ? SINGLE : STAGED;
    }
}
