package dev.stockhold.cluster.client;

import dev.stockhold.cluster.node.AgentIdle;
import dev.stockhold.cluster.protocol.MessageLimits;
import io.aeron.Aeron;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * An {@link EngineClusterClient}'s session with the cluster's leader: opened in the background and opened again
 * when it is lost, kept alive, and for a client beside a member ({@link ClientSettings#localMemberLeads()}) opened
 * over shared memory (Aeron IPC) while that member leads and over UDP otherwise, so the leader's own writes do
 * not cross its network stack twice. When that member begins or ceases to lead, the session is closed and opened
 * the other way.
 * <p>
 * The client's thread only, except {@link #leaderMemberId()} and {@link #viaIpc()}.
 */
final class LeaderSession implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(LeaderSession.class);
    private static final String IPC_CHANNEL = "aeron:ipc?term-length=" + MessageLimits.COMMAND_TERM_LENGTH;
    private static final long KEEPALIVE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long RECONNECT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** What the client does when the session opens or is lost. */
    interface Events
    {
        /** A session opened: what is in flight must be sent again. */
        void onOpened();

        /** Session {@code sessionId} is gone: requests waiting on it will get no answer. */
        void onLost(long sessionId);
    }

    private final ClientSettings settings;
    private final Aeron aeron;
    private final EgressListener egress;
    private final Events events;
    private AeronCluster cluster;
    private AeronCluster.AsyncConnect connecting;
    private boolean connectingViaIpc;
    private long reconnectAtNanos;
    private long lastKeepAliveNanos;
    private volatile boolean viaIpc;
    private volatile int leaderMemberId = -1;

    LeaderSession(final ClientSettings settings, final Aeron aeron, final EgressListener egress, final Events events)
    {
        this.settings = settings;
        this.aeron = aeron;
        this.egress = egress;
        this.events = events;
    }

    /** @return the open session, or null while there is none. */
    AeronCluster current()
    {
        return cluster;
    }

    /** @return the member id of the leader last heard of, -1 while there is no session. Any thread. */
    int leaderMemberId()
    {
        return leaderMemberId;
    }

    /** @return true while the session reaches the leader over IPC. Any thread. */
    boolean viaIpc()
    {
        return viaIpc;
    }

    /** The cluster named a new leader (on egress). */
    void onNewLeader(final int memberId)
    {
        leaderMemberId = memberId;
    }

    /**
     * Opens a session when there is none, or polls the open one: its egress, its liveness, its path, its keepalive.
     *
     * @return the work done (0 when idle).
     */
    int doWork(final long now)
    {
        if (cluster == null)
        {
            return connect(now);
        }
        int work = cluster.pollEgress();
        if (cluster.isClosed())
        {
            lost(now);
        }
        else if (viaIpc != localMemberLeads())
        {
            LOG.info("event=cluster_client_path_changed session={} path={}", cluster.clusterSessionId(),
                viaIpc ? "udp" : "ipc");
            drop(now);
            work++;
        }
        else if (now - lastKeepAliveNanos >= KEEPALIVE_NANOS)
        {
            lastKeepAliveNanos = now;
            cluster.sendKeepAlive();
        }
        return work;
    }

    /** Closes the session (its state is unknown after an error); another opens on the next turn. */
    void drop(final long now)
    {
        CloseHelper.quietClose(cluster);
        if (cluster != null)
        {
            lost(now);
        }
    }

    private int connect(final long now)
    {
        if (connecting == null)
        {
            if (now - reconnectAtNanos < 0)
            {
                return 0;
            }
            connectingViaIpc = localMemberLeads();
            connecting = AeronCluster.asyncConnect(context(connectingViaIpc));
        }
        try
        {
            final AeronCluster connected = connecting.poll();
            if (connected == null)
            {
                return 0;
            }
            connecting = null;
            cluster = connected;
            viaIpc = connectingViaIpc;
            leaderMemberId = connected.leaderMemberId();
            lastKeepAliveNanos = now;
            LOG.info("event=cluster_connected session={} leader={} path={}", connected.clusterSessionId(),
                leaderMemberId, viaIpc ? "ipc" : "udp");
            events.onOpened();
            return 1;
        }
        catch (final RuntimeException ex)
        {
            LOG.debug("event=cluster_connect_failed cause=\"{}\"", ex.getMessage());
            CloseHelper.quietClose(connecting);
            connecting = null;
            reconnectAtNanos = now + RECONNECT_PAUSE_NANOS;
            return 0;
        }
    }

    /** The leader's consensus module takes ingress over IPC from a client of its own machine's media driver. */
    private AeronCluster.Context context(final boolean ipc)
    {
        final AeronCluster.Context context = new AeronCluster.Context()
            .aeron(aeron)
            .ownsAeronClient(false)
            .messageTimeoutNs(CONNECT_TIMEOUT_NANOS)
            .idleStrategy(AgentIdle.strategy())
            .egressListener(egress);
        if (ipc)
        {
            return context.ingressEndpoints(null).ingressChannel(IPC_CHANNEL).egressChannel(IPC_CHANNEL);
        }
        return context.ingressEndpoints(settings.ingressEndpoints())
            .ingressChannel("aeron:udp?term-length=" + MessageLimits.COMMAND_TERM_LENGTH)
            .egressChannel("aeron:udp?endpoint=" + settings.egressHost() + ":0|term-length="
                + MessageLimits.COMMAND_TERM_LENGTH);
    }

    private boolean localMemberLeads()
    {
        return settings.answeredByReplica() && settings.localMemberLeads().getAsBoolean();
    }

    private void lost(final long now)
    {
        final long sessionId = cluster.clusterSessionId();
        cluster = null;
        viaIpc = false;
        leaderMemberId = -1;
        reconnectAtNanos = now;
        events.onLost(sessionId);
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(connecting);
        CloseHelper.quietClose(cluster);
        connecting = null;
        cluster = null;
    }
}
