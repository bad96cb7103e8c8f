package dev.stockhold.engine.pipeline;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.ledger.Ledger;

import java.util.Objects;
import java.util.function.LongSupplier;

/** Configures an {@link EnginePipeline}: {@code EnginePipeline.builder()…build()}. */
public final class EnginePipelineBuilder
{
    Ledger ledger;
    CommandStage journaler;
    CommandStage responder;
    int ringSize = EnginePipeline.DEFAULT_RING_SIZE;
    WaitPreset waitPreset = WaitPreset.BALANCED;
    ThreadLayout layout = ThreadLayout.STAGED;
    long firstSequence = 1;
    LongSupplier clock = System::currentTimeMillis;
    long tickIntervalMillis;
    boolean keepProducerTimestamps;
    SnapshotSink snapshotSink;
    long snapshotEveryCommands;
    Runnable onStageThreadStart = () -> { };
    EngineFailure failure = new EngineFailure();

    /** The single writer; required. */
    public EnginePipelineBuilder ledger(final Ledger ledger)
    {
        this.ledger = ledger;
        return this;
    }

    /** The stage that makes commands durable, run in parallel with the ledger; optional. */
    public EnginePipelineBuilder journaler(final CommandStage journaler)
    {
        this.journaler = journaler;
        return this;
    }

    /** The stage that answers, after the ledger and the journaler; optional. */
    public EnginePipelineBuilder responder(final CommandStage responder)
    {
        this.responder = responder;
        return this;
    }

    /**
     * Slots in the ring, a power of two ({@link EnginePipeline#DEFAULT_RING_SIZE} unless set): the bound on queued
     * commands before "overloaded".
     */
    public EnginePipelineBuilder ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    /** How stages map onto threads ({@link ThreadLayout#STAGED} unless set). */
    public EnginePipelineBuilder layout(final ThreadLayout layout)
    {
        this.layout = Objects.requireNonNull(layout);
        return this;
    }

    public EnginePipelineBuilder waitPreset(final WaitPreset waitPreset)
    {
        this.waitPreset = Objects.requireNonNull(waitPreset);
        return this;
    }

    /** The engine sequence of the first command published: one past what recovery replayed. */
    public EnginePipelineBuilder firstSequence(final long firstSequence)
    {
        this.firstSequence = firstSequence;
        return this;
    }

    /** The source of command timestamps, in epoch milliseconds; the ledger itself never reads a clock. */
    public EnginePipelineBuilder clock(final LongSupplier clock)
    {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /** Publishes a tick this often (0, the default, for none): what drives expiry and eviction. */
    public EnginePipelineBuilder tickIntervalMillis(final long tickIntervalMillis)
    {
        this.tickIntervalMillis = tickIntervalMillis;
        return this;
    }

    /**
     * Keeps a producer's non-zero {@link Command#timestampMillis} instead of stamping the clock: only for
     * a server that receives a replay of recorded commands, whose recorded times must be kept for the
     * replay to rebuild the same state.
     */
    public EnginePipelineBuilder keepProducerTimestamps(final boolean keep)
    {
        this.keepProducerTimestamps = keep;
        return this;
    }

    /**
     * Takes a snapshot after every {@code everyCommands} mutating commands (0 for none), on each
     * {@link CommandType#SNAPSHOT} command, and once more when the pipeline closes.
     */
    public EnginePipelineBuilder snapshots(final SnapshotSink sink, final long everyCommands)
    {
        this.snapshotSink = sink;
        this.snapshotEveryCommands = everyCommands;
        return this;
    }

    /**
     * Runs first on each stage thread, before it takes any command: where a server raises the scheduling
     * priority of the threads every command passes through (the engine itself does no I/O and knows no OS).
     */
    public EnginePipelineBuilder onStageThreadStart(final Runnable hook)
    {
        this.onStageThreadStart = Objects.requireNonNull(hook);
        return this;
    }

    /**
     * The fail-stop switch the stages trip on an internal failure (a new one unless set): pass the host's own
     * when other parts of it (snapshot threads, the gateway, health checks) share it.
     */
    public EnginePipelineBuilder failure(final EngineFailure failure)
    {
        this.failure = Objects.requireNonNull(failure);
        return this;
    }

    public EnginePipeline build()
    {
        Objects.requireNonNull(ledger, "ledger");
        return new EnginePipeline(this);
    }
}
