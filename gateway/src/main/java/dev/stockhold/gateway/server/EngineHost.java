package dev.stockhold.gateway.server;

import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.pipeline.CommandStage;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.SnapshotSink;

import java.util.function.LongSupplier;

/**
 * The seam between the server and whatever keeps the ledger durable. It mirrors the journal module's
 * facade ({@code JournalService.open(JournalConfig, LedgerConfig)}, {@code ledger()},
 * {@code nextSequence()}, {@code journaler()}, {@code snapshotSink()}, {@code attach(pipeline)},
 * {@code close()}) so a journaled host is a thin adapter; {@link InMemoryEngineHost} keeps nothing.
 * <p>
 * Order of use: open (recovers), build the pipeline from {@link #ledger()}, {@link #nextSequence()},
 * {@link #journaler()} and {@link #snapshotSink()}, then {@link #attach}, start the pipeline; on
 * shutdown close the pipeline first (it drains and takes a final snapshot), then this.
 */
public interface EngineHost extends AutoCloseable
{
    /** @return the recovered ledger. */
    Ledger ledger();

    /** @return the engine sequence of the first new command: one past what recovery replayed. */
    long nextSequence();

    /** @return the journal stage, run in parallel with the ledger, or null when nothing is journaled. */
    CommandStage journaler();

    /** @return where snapshots go, or null for none. */
    SnapshotSink snapshotSink();

    /** @return how many commands apart the ledger stage snapshots inline; 0 for never (or in the background). */
    default long inlineSnapshotEveryCommands()
    {
        return 0;
    }

    /**
     * Holds snapshot files back until {@code answeredThrough} has passed what they cover (see the journal's
     * {@code JournalService.gateSnapshotsOn}); call before the pipeline starts. Nothing to do without snapshots.
     */
    default void gateSnapshotsOn(final LongSupplier answeredThrough)
    {
    }

    /** Lets the host see the running pipeline (e.g. to publish snapshot requests). */
    void attach(EnginePipeline pipeline);

    /** @return commands published but not yet journaled, for metrics (0 without a journal). */
    long journalLag();

    /** @return true when the state survives a restart (so the change log may be kept). */
    boolean durable();

    /** Flushes and releases everything; after the pipeline has closed. */
    @Override
    void close();
}
