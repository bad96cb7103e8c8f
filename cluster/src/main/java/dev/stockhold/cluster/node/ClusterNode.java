package dev.stockhold.cluster.node;

import dev.stockhold.cluster.protocol.MessageLimits;
import dev.stockhold.cluster.service.ClusteredEngine;
import dev.stockhold.cluster.service.EngineStatus;
import dev.stockhold.cluster.service.LocalReplica;
import dev.stockhold.logging.Logging;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.MillisecondClusterClock;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusterTerminationException;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.AeronException;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.NoOpLock;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One member of a stockhold cluster in this process: Aeron's media driver, archive and consensus module, and
 * the service container running the {@link ClusteredEngine}.
 * <p>
 * Sized for a small machine: the driver and the archive each run their agents on one shared thread, and every
 * Aeron thread idles as {@link AgentIdle} (backing off to 4 ms parks), so three nodes and their load fit on two
 * cores; term buffers are sparse, and small (64 KiB) but for the channels that carry commands and snapshots
 * ({@link MessageLimits}). Threads: driver, archive, consensus module, the engine's
 * service thread, and the snapshot timer. {@link #launch} and {@link #close} may be called from any thread;
 * {@link #awaitTermination} blocks until the node stops (closed, a cluster-wide shutdown, or a fatal error).
 */
public final class ClusterNode implements AutoCloseable
{
    /** Term length of UDP and IPC publications without their own (archive control, the driver's default). */
    static final int TERM_LENGTH = 64 * 1024;
    private static final int MAX_CLIENT_SESSIONS = 64;
    private static final long SAMPLE_MILLIS = 100;
    private static final long PURGE_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private final NodeSettings settings;
    private final EngineStatus status = new EngineStatus();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final DataDirLock lock;
    private ClusteredMediaDriver driver;
    private ClusteredServiceContainer container;
    private ScheduledExecutorService timer;
    private NodeHealth health;
    private LogPurger purger;
    private volatile Throwable fatal;
    private boolean closed;

    /**
     * Runs one node in the foreground ({@code --help} lists the options) and exits with its status: 0 after an
     * orderly stop, 70 after a fatal error, 2 when it could not start.
     */
    public static void main(final String[] args)
    {
        Logging.start();
        System.exit(NodeCommand.run(args));
    }

    private ClusterNode(final NodeSettings settings, final DataDirLock lock)
    {
        this.settings = settings;
        this.lock = lock;
    }

    /**
     * Starts the node and returns once its components run (the election follows in the background).
     *
     * @param onFatal called (on the engine's thread) when the node cannot go on; the node is already stopping.
     *                {@code main} exits the process.
     * @throws IllegalStateException when another process runs a node on the data directory.
     */
    public static ClusterNode launch(final NodeSettings settings, final Consumer<Throwable> onFatal) throws IOException
    {
        return launch(settings, LocalReplica.none(), onFatal);
    }

    /**
     * Starts the node with a gateway beside it, as {@link #launch(NodeSettings, Consumer)}.
     *
     * @param replica the gateway's access to this node's replica: it sees what the engine applies, reads locally.
     */
    public static ClusterNode launch(final NodeSettings settings, final LocalReplica replica,
        final Consumer<Throwable> onFatal) throws IOException
    {
        final DataDirLock lock = DataDirLock.acquire(settings.dataDir());
        final ClusterNode node = new ClusterNode(settings, lock);
        try
        {
            node.start(replica, onFatal);
        }
        catch (final RuntimeException | Error ex)
        {
            node.close();
            throw ex;
        }
        return node;
    }

    private void start(final LocalReplica replica, final Consumer<Throwable> onFatal)
    {
        final File clusterDir = settings.dataDir().resolve("cluster").toFile();
        final File archiveDir = settings.dataDir().resolve("archive").toFile();
        StaleMarkFiles.release(clusterDir, archiveDir);
        final ClusterMembers.Member member = settings.member();
        final String aeronDir = settings.aeronDir().toString();

        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(AgentIdle.strategy())
            .termBufferSparseFile(true)
            .publicationTermBufferLength(TERM_LENGTH)
            .ipcTermBufferLength(TERM_LENGTH)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .errorHandler(errors("driver"))
            .terminationHook(this::onTerminated);

        final String localControl = "aeron:ipc?term-length=" + TERM_LENGTH;
        final String snapshotChannel = MessageLimits.bulkChannel("snapshot");
        final String replayChannel = MessageLimits.bulkChannel("replay");
        final Archive.Context archiveContext = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(archiveDir)
            .controlChannel("aeron:udp?term-length=" + TERM_LENGTH + "|endpoint="
                + member.endpoint(ClusterMembers.ARCHIVE))
            .localControlChannel(localControl)
            .replicationChannel("aeron:udp?endpoint=" + member.host() + ":0")
            .archiveClientContext(new AeronArchive.Context()
                .controlResponseChannel("aeron:udp?endpoint=" + member.host() + ":0"))
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(AgentIdle::strategy)
            .segmentFileLength(MessageLimits.SEGMENT_LENGTH)
            .errorHandler(errors("archive"));

        final AeronArchive.Context archiveClient = new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel(localControl)
            .controlResponseChannel(localControl)
            .aeronDirectoryName(aeronDir);

        final NodeSettings.Timeouts timeouts = settings.timeouts();
        final ConsensusModule.Context consensusContext = new ConsensusModule.Context()
            .clusterMemberId(settings.memberId())
            .clusterMembers(settings.members().consensusMembers())
            .clusterDir(clusterDir)
            .ingressChannel("aeron:udp?term-length=" + MessageLimits.COMMAND_TERM_LENGTH)
            .isIpcIngressAllowed(true) // the client beside the leader sends over shared memory
            .logChannel("aeron:udp?term-length=" + MessageLimits.COMMAND_TERM_LENGTH)
            .replicationChannel("aeron:udp?endpoint=" + member.host() + ":0")
            .archiveContext(archiveClient.clone())
            .snapshotChannel(snapshotChannel)
            .replayChannel(replayChannel)
            .leaderHeartbeatTimeoutNs(timeouts.leaderHeartbeatTimeout().toNanos())
            .leaderHeartbeatIntervalNs(timeouts.leaderHeartbeatInterval().toNanos())
            .electionTimeoutNs(timeouts.electionTimeout().toNanos())
            .startupCanvassTimeoutNs(timeouts.startupCanvass().toNanos())
            .sessionTimeoutNs(timeouts.session().toNanos())
            .maxConcurrentSessions(MAX_CLIENT_SESSIONS)
            .clusterClock(new MillisecondClusterClock())
            .idleStrategySupplier(AgentIdle::strategy)
            .authorisationServiceSupplier(() -> NodeAuthorisation.INSTANCE)
            .errorHandler(errors("consensus"))
            .terminationHook(this::onTerminated);

        final ClusteredEngine engine = new ClusteredEngine(settings.ledger(), settings.engine(), settings.dataDir(),
            status, replica, cause ->
            {
                fail(cause);
                onFatal.accept(cause);
            });
        final ClusteredServiceContainer.Context serviceContext = new ClusteredServiceContainer.Context()
            .aeronDirectoryName(aeronDir)
            .archiveContext(archiveClient.clone())
            .clusterDir(clusterDir)
            .snapshotChannel(snapshotChannel)
            .replayChannel(replayChannel)
            .clusteredService(engine)
            .idleStrategySupplier(AgentIdle::strategy)
            .errorHandler(errors("service"))
            .terminationHook(this::onTerminated);

        driver = ClusteredMediaDriver.launch(driverContext, archiveContext, consensusContext);
        container = ClusteredServiceContainer.launch(serviceContext);
        health = new NodeHealth(status, driver.consensusModule().context());
        purger = new LogPurger(clusterDir, archiveClient.clone(), settings.members().size(), status);
        startTimer();
        LOG.info("event=node_started member={} members={} ingress={} dataDir={} aeronDir={}", settings.memberId(),
            settings.members(), member.endpoint(ClusterMembers.INGRESS), settings.dataDir(), aeronDir);
    }

    /**
     * The node's timer: samples the commit position for {@link NodeHealth#isReady()} every 100 ms and, on the
     * leader, asks the cluster for a snapshot every {@link NodeSettings#snapshotInterval()} and once
     * {@link NodeSettings#snapshotEveryCommands()} sequences were given out since the last one.
     */
    private void startTimer()
    {
        timer = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "stockhold-node-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(health::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::purgeLog, PURGE_MILLIS, PURGE_MILLIS, TimeUnit.MILLISECONDS);
        final long intervalMillis = settings.snapshotInterval().toMillis();
        if (intervalMillis > 0)
        {
            timer.scheduleAtFixedRate(() -> requestSnapshot("timer"), intervalMillis, intervalMillis,
                TimeUnit.MILLISECONDS);
        }
        final long everyCommands = settings.snapshotEveryCommands();
        if (everyCommands > 0)
        {
            final long[] lastSnapshot = {health.snapshots(), status.appliedSequence()};
            timer.scheduleAtFixedRate(() ->
            {
                if (health.snapshots() != lastSnapshot[0])
                {
                    lastSnapshot[0] = health.snapshots();
                    lastSnapshot[1] = status.appliedSequence();
                }
                else if (status.appliedSequence() - lastSnapshot[1] >= everyCommands && requestSnapshot("count"))
                {
                    lastSnapshot[1] = status.appliedSequence();
                }
            }, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void purgeLog()
    {
        try
        {
            purger.purgeIfDue();
        }
        catch (final RuntimeException ex)
        {
            // The next round tries again; the log only grows meanwhile.
            LOG.warn("event=log_purge_failed error=\"{}\"", ex.toString());
            purger.close();
        }
    }

    /** On the leader, asks the cluster to take a snapshot; @return true when asked. */
    private boolean requestSnapshot(final String by)
    {
        final ConsensusModule.Context context = driver.consensusModule().context();
        final AtomicCounter role = context.clusterNodeRoleCounter();
        final AtomicCounter toggle = context.controlToggleCounter();
        if (!role.isClosed() && Cluster.Role.get(role) == Cluster.Role.LEADER
            && ClusterControl.ToggleState.SNAPSHOT.toggle(toggle))
        {
            LOG.info("event=snapshot_requested by={} sequence={}", by, status.appliedSequence());
            return true;
        }
        return false;
    }

    /**
     * Aeron's errors to the log: its warnings (an election began, a follower lags) as one line each. A component
     * that stops unexpectedly (its agent terminates) stops the node: a member missing a component must not go on
     * looking alive.
     */
    private ErrorHandler errors(final String component)
    {
        final Logger log = LoggerFactory.getLogger("dev.stockhold.cluster.aeron." + component);
        return throwable ->
        {
            if (throwable instanceof ClusterTerminationException termination && termination.isExpected())
            {
                log.info("event=cluster_terminated component={}", component);
            }
            else if (throwable instanceof AeronException aeron && aeron.category() != AeronException.Category.ERROR)
            {
                log.warn("event=aeron_warning component={} message=\"{}\"", component, throwable.getMessage());
            }
            else
            {
                log.error("event=aeron_error component={} error=\"{}\"", component, throwable, throwable);
                if (throwable instanceof AgentTerminationException)
                {
                    fail(throwable);
                }
            }
        };
    }

    private void fail(final Throwable cause)
    {
        if (fatal == null)
        {
            fatal = cause;
        }
        onTerminated();
    }

    private void onTerminated()
    {
        terminated.countDown();
    }

    /** @return the fatal error that stopped the node, or null. */
    public Throwable fatal()
    {
        return fatal;
    }

    /** @return what the engine last reported: role, leader, term, applied sequence. */
    public EngineStatus status()
    {
        return status;
    }

    /** @return true while this node's engine knows itself the leader. Any thread. */
    public boolean leads()
    {
        return status.role() == Cluster.Role.LEADER;
    }

    /** @return the node's view of itself and its cluster: role, leader, term, positions, readiness. */
    public NodeHealth health()
    {
        return health;
    }

    /** @return the settings the node runs with. */
    public NodeSettings settings()
    {
        return settings;
    }

    /**
     * Blocks until the node stops: a cluster-wide shutdown, a fatal error, or {@link #close()}.
     *
     * @return the fatal error that stopped it, or null.
     */
    public Throwable awaitTermination() throws InterruptedException
    {
        terminated.await();
        return fatal;
    }

    /** Stops the service, then the consensus module, archive and driver, and releases the data directory. */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (timer != null)
        {
            timer.shutdownNow();
            try
            {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        CloseHelper.quietClose(purger);
        CloseHelper.closeAll(container, driver);
        try
        {
            lock.close();
        }
        catch (final IOException ex)
        {
            LOG.warn("event=data_dir_unlock_failed dataDir={}", settings.dataDir(), ex);
        }
        onTerminated();
        LOG.info("event=node_stopped member={}", settings.memberId());
    }
}
