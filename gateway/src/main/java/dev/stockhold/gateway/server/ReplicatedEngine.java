package dev.stockhold.gateway.server;

import dev.stockhold.cluster.client.ClientSettings;
import dev.stockhold.cluster.client.EngineClusterClient;
import dev.stockhold.cluster.node.ClusterNode;
import dev.stockhold.cluster.node.NodeHealth;
import dev.stockhold.cluster.node.NodeSettings;
import dev.stockhold.cluster.service.EngineSettings;
import dev.stockhold.cluster.service.EngineStatus;
import dev.stockhold.cluster.service.LocalReplica;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.pipeline.CommandStage;
import dev.stockhold.engine.pipeline.EngineFailure;
import dev.stockhold.engine.pipeline.ReplyingResponder;
import dev.stockhold.engine.threads.NamedThreads;
import dev.stockhold.gateway.feed.ChangeFeed;
import dev.stockhold.gateway.feed.ChangeLog;
import dev.stockhold.gateway.http.ClusterStatus;
import dev.stockhold.gateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A member of a replicated cluster as a server's engine: the node (Aeron's media driver, archive, consensus
 * module and the clustered engine) and a cluster client on the node's media driver for the writes its gateways
 * take, each answered by the node's own replica when it applies it. Every command the node's replica applies passes the server's observers on the clustered service's
 * thread, so every node logs the same change events with the same ids; the change log's events already logged
 * (the node replaying its log after a restart) are not logged twice.
 * <p>
 * A clean stop asks the cluster for a snapshot and waits (up to the request deadline) until this node has
 * taken it, so a restart replays little.
 */
final class ReplicatedEngine implements ServerEngine
{
    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedEngine.class);
    private static final int MAX_QUEUED_READS = 16_384;
    private static final int MAX_IN_FLIGHT = 16_384;

    private final ClusterSettings cluster;
    private final EngineFailure failure;
    private final ClusterNode node;
    private final EngineClusterClient client;
    private final ClusterEntrance entrance;
    private final NodeClusterStatus status;
    private final ScheduledExecutorService reporter;
    private volatile boolean closing;

    ReplicatedEngine(final ServerSettings settings, final EngineFailure failure, final GatewayMetrics metrics,
        final ChangeLog changeLog, final ChangeFeed feed, final CommandStage... observers) throws Exception
    {
        this.cluster = settings.cluster();
        this.failure = failure;
        final long loggedThrough = changeLog.lastSequence();
        feed.start(1);
        final CommandStage[] all = new CommandStage[observers.length + 1];
        all[0] = notLoggedYet(feed, loggedThrough);
        System.arraycopy(observers, 0, all, 1, observers.length);
        final LocalReplica replica = new LocalReplica(
            new ReplyingResponder(new ResponderObservers(failure, new AtomicLong(), all)), MAX_QUEUED_READS);
        final Startup started = new Startup();
        try
        {
            node = started.add(ClusterNode.launch(nodeSettings(settings), replica,
                cause -> failure.fail("cluster node", EngineFailure.NO_SEQUENCE, cause)));
            final ClusterNode member = node;
            client = started.add(EngineClusterClient.start(ClientSettings.defaults(cluster.members().ingressEndpoints())
                .withAeronDir(node.settings().aeronDir().toString())
                .withDeadline(cluster.requestDeadline())
                .withMaxInFlight(MAX_IN_FLIGHT)
                .besideMember(member::leads)));
        }
        catch (final Exception | Error ex)
        {
            started.closeAll(ex);
            throw ex;
        }
        replica.answerTo(client::onReplicaAnswer);
        entrance = new ClusterEntrance(client, replica, MAX_IN_FLIGHT + MAX_QUEUED_READS);
        status = new NodeClusterStatus(cluster.members(), cluster.node(), node.health());
        watchTermination();
        bindMetrics(metrics, node.health());
        reporter = NamedThreads.timer("stockhold-snapshot-report");
        reporter.scheduleWithFixedDelay(this::reportSnapshot, 1, 1, TimeUnit.SECONDS);
        LOG.info("event=cluster_member_started node={} members={} dataDir={} changeLogThrough={}", cluster.node(),
            cluster.members(), settings.dataDir(), loggedThrough);
    }

    /** The change feed, for commands beyond what the change log already holds (a restarted node replays). */
    private static CommandStage notLoggedYet(final ChangeFeed feed, final long loggedThrough)
    {
        return new CommandStage()
        {
            @Override
            public void onCommand(final Command command, final boolean endOfBatch)
            {
                if (!command.type.isMutating() || command.sequence > loggedThrough)
                {
                    feed.onCommand(command, endOfBatch);
                }
            }

            @Override
            public void onShutdown()
            {
                feed.onShutdown();
            }
        };
    }

    private NodeSettings nodeSettings(final ServerSettings settings)
    {
        NodeSettings node = NodeSettings.defaults(cluster.members(), cluster.node(), settings.dataDir())
            .withTimeouts(cluster.timeouts())
            .withSnapshotInterval(settings.snapshots().interval())
            .withSnapshotEveryCommands(settings.snapshots().everyCommands())
            .withEngine(new EngineSettings(Math.max(EngineSettings.DEFAULT_WINDOW_RETENTION_MILLIS,
                3 * cluster.requestDeadline().toMillis()), cluster.windowCapacity(),
                EngineSettings.DEFAULT_TICK_INTERVAL_MILLIS))
            .withLedger(settings.ledger());
        if (cluster.aeronDir() != null)
        {
            node = node.withAeronDir(cluster.aeronDir());
        }
        return node;
    }

    /**
     * Tells the cluster where this member's last snapshot is, until the replicated state shows it: every member
     * purges its log only below the lowest member's (see the node's log purger).
     */
    private void reportSnapshot()
    {
        final EngineStatus engine = node.status();
        final long taken = engine.lastSnapshotPosition();
        final long[] known = engine.memberSnapshots();
        if (taken > 0 && (known.length <= cluster.node() || known[cluster.node()] < taken))
        {
            client.reportSnapshot(cluster.node(), taken);
        }
    }

    /** A node that stops by itself (a cluster-wide shutdown, a component that died) fails the server. */
    private void watchTermination()
    {
        final Thread watcher = new Thread(() ->
        {
            try
            {
                final Throwable fatal = node.awaitTermination();
                if (!closing)
                {
                    failure.fail("cluster node", EngineFailure.NO_SEQUENCE, fatal != null ? fatal
                        : new IllegalStateException("the cluster node stopped"));
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "stockhold-node-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void bindMetrics(final GatewayMetrics metrics, final NodeHealth health)
    {
        metrics.gauge("stockhold_cluster_role", "This node's role: 0 follower, 1 candidate, 2 leader",
            () -> health.role().code());
        metrics.gauge("stockhold_cluster_term", "The current leadership term", health::term);
        metrics.gauge("stockhold_cluster_elections", "Elections since this node started", health::elections);
        metrics.gauge("stockhold_cluster_commit_position", "The log position the cluster committed, as heard here",
            health::commitPosition);
        metrics.gauge("stockhold_cluster_applied_position", "The log position this node's engine applied",
            health::appliedPosition);
        metrics.gauge("stockhold_engine_applied_sequence", "The last engine sequence this node applied",
            health::appliedSequence);
        metrics.gauge("stockhold_cluster_ingress_resends", "Writes sent to the cluster again (new leader, lost answer)",
            client::resends);
        metrics.gauge("stockhold_cluster_ingress_messages", "Messages this node sent to the cluster: a write alone or"
            + " a batch of writes", client::messagesOffered);
        metrics.gauge("stockhold_cluster_ingress_ipc", "1 while this node's writes reach the leader over shared memory"
            + " (this node leads), 0 over UDP", () -> client.viaIpc() ? 1 : 0);
        metrics.gauge("stockhold_cluster_snapshots", "Snapshots this node has taken since it started",
            health::snapshots);
    }

    @Override
    public Predicate<Command> entrance()
    {
        return entrance;
    }

    @Override
    public ClusterStatus clusterStatus()
    {
        return status;
    }

    /** Asks for a snapshot and waits for this node's, then stops the client and the node. */
    @Override
    public void close()
    {
        closing = true;
        reporter.shutdownNow();
        entrance.close();
        if (!failure.isFailed())
        {
            snapshotBeforeStop();
        }
        client.close();
        node.close();
    }

    private void snapshotBeforeStop()
    {
        final NodeHealth health = node.health();
        final long before = health.snapshots();
        final long deadline = System.nanoTime() + cluster.requestDeadline().toNanos();
        try
        {
            final Boolean asked = client.requestSnapshot().get(cluster.requestDeadline().toMillis(),
                TimeUnit.MILLISECONDS);
            while (Boolean.TRUE.equals(asked) && health.snapshots() == before && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
        }
        catch (final Exception ex)
        {
            LOG.warn("event=stop_snapshot_failed error=\"{}\"", ex.toString());
        }
        LOG.info("event=stop_snapshot taken={} sequence={}", health.snapshots() != before, health.appliedSequence());
    }
}
