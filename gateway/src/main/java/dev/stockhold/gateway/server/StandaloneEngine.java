package dev.stockhold.gateway.server;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.pipeline.CommandStage;
import dev.stockhold.engine.pipeline.EngineFailure;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.ReplyingResponder;
import dev.stockhold.gateway.feed.ChangeFeed;
import dev.stockhold.gateway.feed.ChangeLogCatchUp;
import dev.stockhold.gateway.http.ClusterStatus;
import dev.stockhold.gateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The single-process engine: recovery (newest snapshot + journal, the change log catching up with what the
 * journal holds and it missed), then the pipeline: journaler ∥ ledger → responder (observers, replies), and a
 * tick every 100 ms driving expiry.
 */
final class StandaloneEngine implements ServerEngine
{
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneEngine.class);
    private static final long TICK_INTERVAL_MILLIS = 100;

    private final ServerSettings settings;
    private final EngineHost host;
    private final EnginePipeline pipeline;

    /**
     * Recovers and starts the engine; a step that fails stops what the earlier ones started.
     *
     * @param observers see every command before it is answered, on the responder thread.
     */
    StandaloneEngine(final ServerSettings settings, final EngineFailure failure, final GatewayMetrics metrics,
        final ChangeFeed feed, final CommandStage... observers) throws Exception
    {
        this.settings = settings;
        final Startup started = new Startup();
        try
        {
            host = started.add(recover(feed));
            feed.start(host.nextSequence());
            pipeline = started.add(buildPipeline(failure, observers));
            host.attach(pipeline);
            LOG.info("event=engine_threads layout={} waitPreset={} realtimePriority={} ringSize={} processors={}",
                settings.serverThreads().layout(), settings.serverThreads().waitPreset(),
                settings.serverThreads().scheduling().priority(), pipeline.ringSize(),
                Runtime.getRuntime().availableProcessors());
            pipeline.start();
            metrics.bindEngine(pipeline::occupancy, host::journalLag);
        }
        catch (final Exception | Error ex)
        {
            started.closeAll(ex);
            throw ex;
        }
    }

    /** Recovers the ledger; the change log appends the events of replayed commands it lacks. */
    private EngineHost recover(final ChangeFeed feed) throws Exception
    {
        try (ChangeLogCatchUp catchUp = feed.catchUp())
        {
            final EngineHost recovered = EngineHosts.open(settings, catchUp);
            if (catchUp.appended() > 0)
            {
                LOG.info("event=change_log_caught_up loggedThrough={} appended={}", catchUp.loggedThrough(),
                    catchUp.appended());
            }
            return recovered;
        }
    }

    private EnginePipeline buildPipeline(final EngineFailure failure, final CommandStage... observers)
    {
        // Recovery replays only after the newest snapshot, so a snapshot file must not cover a command
        // whose change events are not in the change log yet: the journal waits for the responder too.
        final AtomicLong answeredThrough = new AtomicLong(host.nextSequence() - 1);
        host.gateSnapshotsOn(answeredThrough::get);
        final ServerThreads threads = settings.serverThreads();
        return EnginePipeline.builder()
            .ledger(host.ledger())
            .journaler(host.journaler())
            .responder(new ReplyingResponder(new ResponderObservers(failure, answeredThrough, observers)))
            .failure(failure)
            .firstSequence(host.nextSequence())
            .waitPreset(threads.waitPreset())
            .layout(threads.layout())
            .onStageThreadStart(threads.scheduling()::applyToCurrentThread)
            // A replay target takes its times and ticks from the recording, never from its own clock.
            .keepProducerTimestamps(settings.replayTarget())
            .tickIntervalMillis(settings.replayTarget() ? 0 : TICK_INTERVAL_MILLIS)
            .snapshots(host.snapshotSink(), host.inlineSnapshotEveryCommands())
            .build();
    }

    /** @return the engine sequence the next command gets. */
    long nextSequence()
    {
        return host.nextSequence();
    }

    /** @return the running pipeline. */
    EnginePipeline pipeline()
    {
        return pipeline;
    }

    @Override
    public Predicate<Command> entrance()
    {
        return pipeline::tryPublish;
    }

    @Override
    public ClusterStatus clusterStatus()
    {
        return ClusterStatus.STANDALONE;
    }

    /** Drains the ring (final snapshot, unless the engine failed), then closes the journal and snapshots. */
    @Override
    public void close()
    {
        pipeline.close();
        host.close();
    }
}
