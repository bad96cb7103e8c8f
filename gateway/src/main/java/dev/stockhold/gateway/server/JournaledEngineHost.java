package dev.stockhold.gateway.server;

import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.pipeline.CommandStage;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.SnapshotSink;
import dev.stockhold.journal.JournalService;

import java.util.function.LongSupplier;

/** The durable host: the journal module's {@link JournalService}, seen through the server's seam. */
final class JournaledEngineHost implements EngineHost
{
    private final JournalService journal;
    private volatile EnginePipeline pipeline;

    JournaledEngineHost(final JournalService journal)
    {
        this.journal = journal;
    }

    @Override
    public Ledger ledger()
    {
        return journal.ledger();
    }

    @Override
    public long nextSequence()
    {
        return journal.nextSequence();
    }

    @Override
    public CommandStage journaler()
    {
        return journal.journaler();
    }

    @Override
    public void gateSnapshotsOn(final LongSupplier answeredThrough)
    {
        journal.gateSnapshotsOn(answeredThrough);
    }

    @Override
    public SnapshotSink snapshotSink()
    {
        return journal.snapshotSink();
    }

    @Override
    public long inlineSnapshotEveryCommands()
    {
        return journal.inlineSnapshotEveryCommands();
    }

    @Override
    public void attach(final EnginePipeline pipeline)
    {
        this.pipeline = pipeline;
        journal.attach(pipeline);
    }

    /** @return commands published to the ring that the journaler has not passed yet. */
    @Override
    public long journalLag()
    {
        final EnginePipeline running = pipeline;
        return running == null ? 0 : Math.max(0, running.nextSequence() - 1 - journal.journaledThrough());
    }

    @Override
    public boolean durable()
    {
        return true;
    }

    @Override
    public void close()
    {
        journal.close();
    }
}
