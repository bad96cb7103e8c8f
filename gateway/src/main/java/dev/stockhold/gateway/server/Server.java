package dev.stockhold.gateway.server;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.CommandStage;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.ReplyingResponder;
import dev.stockhold.gateway.binary.BinaryChangeFeed;
import dev.stockhold.gateway.binary.BinaryServer;
import dev.stockhold.gateway.binary.BinaryServerConfig;
import dev.stockhold.gateway.feed.ChangeFeed;
import dev.stockhold.gateway.feed.ChangeLog;
import dev.stockhold.gateway.feed.ChangeLogHistory;
import dev.stockhold.gateway.http.HttpContext;
import dev.stockhold.gateway.http.HttpGateway;
import dev.stockhold.gateway.http.RequestDecoder;
import dev.stockhold.gateway.metrics.GatewayMetrics;
import dev.stockhold.gateway.os.RealtimeScheduling;
import dev.stockhold.journal.queue.Replayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A running stockhold server, wired in one place:
 * <pre>
 *   1. HTTP gateway binds first, so /health answers and /ready says 503 during recovery;
 *   2. the engine host recovers the ledger (journal + snapshots);
 *   3. the pipeline starts: journaler ∥ ledger → responder (change feed, metrics, replies), a tick
 *      every 100 ms driving expiry;
 *   4. the gateway opens to commands (/ready 200) and the binary server, if any, starts.
 * </pre>
 * {@link #close()} reverses it: stop accepting, drain the ring, final snapshot, release.
 */
public final class Server implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    private static final long TICK_INTERVAL_MILLIS = 100;
    private static final long STATS_INTERVAL_SECONDS = 5;

    private final ServerSettings settings;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final ChangeLog changeLog;
    private final ChangeFeed feed;
    private final HttpContext context;
    private final HttpGateway http;
    private final InetSocketAddress httpAddress;
    private final ScheduledExecutorService housekeeping;
    private final EngineHost host;
    private final EnginePipeline pipeline;
    private final BinaryChangeFeed binaryFeed;
    private final BinaryServer binary;

    private Server(final ServerSettings settings) throws Exception
    {
        this.settings = settings;
        settings.checkSecure();
        Files.createDirectories(settings.dataDir());
        final Path changes = settings.dataDir().resolve("changes");
        if (!EngineHosts.isDurable(settings))
        {
            // Sequences restart with a memory-only engine: an old change log would contradict them.
            deleteTree(changes);
        }
        changeLog = ChangeLog.open(changes, settings.changeRetentionDays());
        feed = new ChangeFeed(changeLog, settings.limits().sseBufferBytes());
        // The binary feed resumes from the same durable log; the HTTP feed logs each event before the
        // binary feed sees it (responder order below).
        binaryFeed = new BinaryChangeFeed(new ChangeLogHistory(changeLog));
        final LedgerConfig ledger = settings.ledger();
        context = new HttpContext(settings.keys(), settings.limits(),
            new RequestDecoder(ledger.maxLinesPerOrder(), ledger.maxBatchItems()), metrics, feed, openApi());
        final RealtimeScheduling scheduling = settings.serverThreads().scheduling();
        http = new HttpGateway(context, settings.httpThreads(), scheduling);
        httpAddress = http.start(settings.bind(), settings.httpPort());
        metrics.bindConnections(http::connections, feed::streams);

        // Recovery replays commands the change log may have missed (the journal is written before the
        // responder logs their events): append those events, so a resumed feed has no gap.
        feed.start(1);
        final long loggedThrough = changeLog.lastSequence();
        host = EngineHosts.open(settings, new Replayer.Hook()
        {
            @Override
            public void afterEntry(final Command command)
            {
                if (command.sequence > loggedThrough)
                {
                    feed.onCommand(command, false);
                }
            }
        });
        feed.start(host.nextSequence());
        // Recovery replays only after the newest snapshot, so a snapshot file must not cover a command
        // whose change events are not in the change log yet: the journal waits for the responder too.
        final AtomicLong answeredThrough = new AtomicLong(host.nextSequence() - 1);
        host.gateSnapshotsOn(answeredThrough::get);
        final CommandStage countCommand = metrics.observer();
        pipeline = EnginePipeline.builder()
            .ledger(host.ledger())
            .journaler(host.journaler())
            .responder(new ReplyingResponder((command, endOfBatch) ->
            {
                feed.onCommand(command, endOfBatch);
                binaryFeed.onCommand(command, endOfBatch);
                countCommand.onCommand(command, endOfBatch);
                if (endOfBatch)
                {
                    answeredThrough.lazySet(command.sequence);
                }
            }))
            .firstSequence(host.nextSequence())
            .waitPreset(settings.serverThreads().waitPreset())
            .layout(settings.serverThreads().layout())
            .onStageThreadStart(scheduling::applyToCurrentThread)
            // A replay target takes its times and ticks from the recording, never from its own clock.
            .keepProducerTimestamps(settings.replayTarget())
            .tickIntervalMillis(settings.replayTarget() ? 0 : TICK_INTERVAL_MILLIS)
            .snapshots(host.snapshotSink(), host.inlineSnapshotEveryCommands())
            .build();
        host.attach(pipeline);
        LOG.info("event=engine_threads layout={} waitPreset={} realtimePriority={} ringSize={} processors={}",
            settings.serverThreads().layout(), settings.serverThreads().waitPreset(), scheduling.priority(),
            pipeline.ringSize(),
            Runtime.getRuntime().availableProcessors());
        pipeline.start();
        metrics.bindEngine(pipeline::occupancy, host::journalLag);
        context.engineReady(pipeline::tryPublish);
        housekeeping = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "stockhold-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        // Sizes for the metrics; not the digest, which hashes the whole state on the ledger thread.
        final Command stats = new Command().getStats();
        housekeeping.scheduleAtFixedRate(() -> pipeline.tryPublish(stats), 0, STATS_INTERVAL_SECONDS,
            TimeUnit.SECONDS);
        housekeeping.scheduleAtFixedRate(() -> changeLog.purge(java.time.LocalDate.now(java.time.ZoneOffset.UTC)),
            1, 1, TimeUnit.HOURS);
        binary = settings.binaryPort() < 0 ? null : new BinaryServer(pipeline::tryPublish, binaryFeed,
            BinaryServerConfig.defaults(settings.bind(), settings.binaryPort())
                .withReplayTarget(settings.replayTarget())).scheduling(scheduling).start();
        LOG.info("event=server_ready http={} binary={} firstSequence={} auth={}", httpAddress,
            binary == null ? "off" : binary.localAddress(), host.nextSequence(), settings.keys().enabled());
    }

    /**
     * Starts a server (blocking until it is ready to take commands).
     *
     */
    public static Server start(final ServerSettings settings)
        throws Exception
    {
        return new Server(settings);
    }

    /** @return the HTTP server's bound address. */
    public InetSocketAddress httpAddress()
    {
        return httpAddress;
    }

    /** @return where the binary protocol listens, or null when it is off ({@code --binary-port -1}). */
    public InetSocketAddress binaryAddress()
    {
        return binary == null ? null : binary.localAddress();
    }

    /** @return the running pipeline, for tests and tools that publish directly. */
    public EnginePipeline pipeline()
    {
        return pipeline;
    }

    /** @return the server's settings. */
    public ServerSettings settings()
    {
        return settings;
    }

    /** Stops accepting, drains the ring (final snapshot), then releases everything. */
    @Override
    public void close()
    {
        LOG.info("event=server_stopping");
        http.stopAccepting();
        if (binary != null)
        {
            binary.stopAccepting();
        }
        context.engineClosed();
        housekeeping.shutdownNow();
        pipeline.close();
        feed.close();
        changeLog.close();
        host.close();
        if (binary != null)
        {
            binary.close();
        }
        http.close();
        LOG.info("event=server_stopped");
    }

    private static byte[] openApi() throws IOException
    {
        try (InputStream in = Server.class.getResourceAsStream("/openapi.yaml"))
        {
            return in == null ? new byte[0] : in.readAllBytes();
        }
    }

    private static void deleteTree(final Path dir)
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
