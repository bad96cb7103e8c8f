package dev.stockhold.gateway.server;

import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.CommandStage;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.SnapshotSink;

/** A host without a journal: a fresh ledger on every start; for tests and until the journal is wired. */
public final class InMemoryEngineHost implements EngineHost
{
    private final Ledger ledger;

    /** @param config the ledger's limits and warehouse priority. */
    public InMemoryEngineHost(final LedgerConfig config)
    {
        this.ledger = new Ledger(config);
    }

    @Override
    public Ledger ledger()
    {
        return ledger;
    }

    @Override
    public long nextSequence()
    {
        return 1;
    }

    @Override
    public CommandStage journaler()
    {
        return null;
    }

    @Override
    public SnapshotSink snapshotSink()
    {
        return null;
    }

    @Override
    public void attach(final EnginePipeline pipeline)
    {
        // Nothing to attach: there is no journal to feed.
    }

    @Override
    public long journalLag()
    {
        return 0;
    }

    @Override
    public boolean durable()
    {
        return false;
    }

    @Override
    public void close()
    {
        // Nothing to flush.
    }
}
