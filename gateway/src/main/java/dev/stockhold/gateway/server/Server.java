package dev.stockhold.gateway.server;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.pipeline.EngineFailure;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.threads.NamedThreads;
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
import dev.stockhold.gateway.push.ChannelPusher;
import dev.stockhold.gateway.push.ChannelPusher.PushTiming;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A running stockhold server, wired in one place. Start-up, in this order, so that nothing listens before
 * the state is whole:
 * <pre>
 *   1. the change log and feed open;
 *   2. the engine starts: a single process ({@link StandaloneEngine}: recovery from the newest snapshot and the
 *      journal, then the pipeline: journaler ∥ ledger → responder, a tick every 100 ms), or a member of a
 *      replicated cluster ({@link ReplicatedEngine}: the node joins its cluster and replays its log);
 *      either way every applied command passes the observers (change feed, binary feed, metrics) before
 *      it is answered;
 *      a single process then starts pushing channels' quantities ({@link ChannelPusher}), from the state
 *      recovery left; a cluster member pushes only while it leads, from its replica's state;
 *   3. the HTTP gateway binds (/ready 200 once the engine serves), then the binary server.
 * </pre>
 * A step that fails stops everything the earlier steps started, in reverse order, and the start throws.
 * {@link #close()} stops accepting, drains the engine (final snapshot), then releases everything.
 * <p>
 * Fail-stop: {@link #failure()} is tripped by any internal failure of the engine (see {@link EngineFailure});
 * from then on {@code /health} and {@code /ready} answer 503, every request ERR_INTERNAL, and the owner of the
 * process ({@link StockholdServer}) exits it so that a supervisor restarts it on its journal.
 */
public final class Server implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    private static final long STATS_INTERVAL_SECONDS = 5;
    /** How often a cluster member checks whether it leads, to start or stop pushing. */
    private static final long LEADERSHIP_POLL_MILLIS = 200;

    private final ServerSettings settings;
    private final EngineFailure failure = new EngineFailure();
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final Startup started = new Startup();
    private final ChangeLog changeLog;
    private final ChangeFeed feed;
    private final ServerEngine engine;
    private final HttpContext context;
    private final HttpGateway http;
    private final InetSocketAddress httpAddress;
    private final ScheduledExecutorService housekeeping;
    private final BinaryServer binary;
    private final ChannelPusher pusher;

    private Server(final ServerSettings settings) throws Exception
    {
        this.settings = settings;
        settings.checkSecure();
        Files.createDirectories(settings.dataDir());
        metrics.bindFailure(failure);
        try
        {
            // 1. The change log and the feeds.
            final Path changes = settings.dataDir().resolve(ChangeLog.DIRECTORY);
            if (Files.isDirectory(settings.dataDir().resolve("changes")))
            {
                // A log of encoded events, in a format this server does not read: resuming from before the
                // change log's first record is ERR_GONE; the directory may be deleted.
                LOG.warn("event=old_change_log_ignored dir={}", settings.dataDir().resolve("changes"));
            }
            if (settings.cluster() == null && !EngineHosts.isDurable(settings))
            {
                // Sequences restart with a memory-only engine: an old change log would contradict them.
                deleteTree(changes);
            }
            changeLog = started.add(ChangeLog.open(changes, settings.changeRetentionDays()));
            feed = started.add(new ChangeFeed(changeLog, settings.limits().sseBufferBytes()));
            // The binary feed resumes from the same durable log; the HTTP feed logs each event before the
            // binary feed sees it (the responder's order, ResponderObservers).
            final BinaryChangeFeed binaryFeed = new BinaryChangeFeed(new ChangeLogHistory(changeLog));

            // 2. The engine, then the pusher of channels' quantities: a single process pushes from the start, a
            //    cluster member only while it leads (housekeeping follows the leadership).
            pusher = new ChannelPusher(PushTiming.defaults(), metrics.push());
            engine = started.add(settings.cluster() == null
                ? new StandaloneEngine(settings, failure, metrics, feed, feed, binaryFeed, metrics.observer(),
                    pusher.observer())
                : new ReplicatedEngine(settings, failure, metrics, changeLog, feed, binaryFeed, metrics.observer(),
                    pusher.observer()));
            started.add(pusher);
            // A replay target never pushes: the replay sends the recorded push outcomes in their place, and
            // a throwaway server must not deliver to the recorded (real) channel URLs.
            if (settings.cluster() == null && !settings.replayTarget())
            {
                pusher.start(engine.entrance());
            }
            housekeeping = started.add(housekeeping(settings.cluster() != null, settings.replayTarget()),
                ScheduledExecutorService::shutdownNow);

            // 3. The gateways, once there is an engine to answer.
            context = new HttpContext(settings.keys(), settings.limits(), new RequestDecoder(
                settings.ledger().maxLinesPerOrder(), settings.ledger().maxBatchItems()), metrics, feed, openApi());
            context.clusterStatus(engine.clusterStatus());
            context.engineReady(engine.entrance(), failure);
            final SslContext tls = settings.tls() == null ? null : settings.tls().serverContext();
            http = started.add(new HttpGateway(context, settings.httpThreads(), settings.serverThreads().scheduling()));
            httpAddress = http.start(settings.bind(), settings.httpPort(), tls);
            metrics.bindConnections(http::connections, feed::streams);
            binary = settings.binaryPort() < 0 ? null : started.add(new BinaryServer(engine.entrance(), binaryFeed,
                BinaryServerConfig.defaults(settings.bind(), settings.binaryPort())
                    .withReplayTarget(settings.replayTarget()).withKeys(settings.keys()).withTls(tls))
                .scheduling(settings.serverThreads().scheduling()).failure(failure).start());
        }
        catch (final Exception | Error ex)
        {
            LOG.error("event=server_start_failed error=\"{}\"", ex.toString());
            started.closeAll(ex);
            throw ex;
        }
        LOG.info("event=server_ready http={} binary={} role={} auth={}", httpAddress,
            binary == null ? "off" : binary.localAddress(), engine.clusterStatus().role(), settings.keys().enabled());
    }

    /**
     * @param replicated   follow the cluster's leadership: push only while this member leads.
     * @param replayTarget take no engine sequences of its own (no periodic sizes for the metrics): a replay gives
     *                     every command its recorded sequence, which a channel's push progress names.
     */
    private ScheduledExecutorService housekeeping(final boolean replicated, final boolean replayTarget)
    {
        final ScheduledExecutorService timer = NamedThreads.timer("stockhold-housekeeping");
        final Predicate<Command> entrance = engine.entrance();
        if (!replayTarget)
        {
            // Sizes for the metrics; not the digest, which hashes the whole state on the engine's thread.
            final Command stats = new Command().getStats();
            timer.scheduleAtFixedRate(() -> entrance.test(stats), 0, STATS_INTERVAL_SECONDS, TimeUnit.SECONDS);
        }
        timer.scheduleAtFixedRate(() -> changeLog.purge(LocalDate.now(ZoneOffset.UTC)), 1, 1, TimeUnit.HOURS);
        if (replicated)
        {
            timer.scheduleWithFixedDelay(() -> followLeadership(entrance), 0, LEADERSHIP_POLL_MILLIS,
                TimeUnit.MILLISECONDS);
        }
        return timer;
    }

    /**
     * Only the leader pushes: it starts when this member becomes leader (and first delivers what the channels are
     * owed, from its replica) and stops when it no longer is. A deposed leader may still deliver for a moment; a
     * channel may hear a value twice, never miss one, since what is acknowledged is in the log.
     */
    private void followLeadership(final Predicate<Command> entrance)
    {
        if ("LEADER".equals(engine.clusterStatus().role()))
        {
            pusher.start(entrance);
        }
        else
        {
            pusher.close();
        }
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

    /**
     * @return the running pipeline, for tests and tools that publish directly.
     * @throws IllegalStateException on a member of a cluster, which has no pipeline.
     */
    public EnginePipeline pipeline()
    {
        if (engine instanceof StandaloneEngine standalone)
        {
            return standalone.pipeline();
        }
        throw new IllegalStateException("a cluster member has no pipeline");
    }

    /** @return the server's settings. */
    public ServerSettings settings()
    {
        return settings;
    }

    /** @return the engine's fail-stop switch: the process owner exits when it trips. */
    public EngineFailure failure()
    {
        return failure;
    }

    /** Stops accepting, drains the engine (final snapshot, unless the engine failed), then releases everything. */
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
        if (pusher != null)
        {
            pusher.close();
        }
        engine.close();
        feed.close();
        changeLog.close();
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
