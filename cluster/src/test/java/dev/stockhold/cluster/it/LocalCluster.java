package dev.stockhold.cluster.it;

import dev.stockhold.cluster.client.ClientSettings;
import dev.stockhold.cluster.client.EngineClusterClient;
import dev.stockhold.cluster.node.ClusterMembers;
import dev.stockhold.cluster.node.TestPorts;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three (or more) nodes in child JVMs on loopback, each on its own data directory, with a client in the test's
 * JVM. Nodes are numbered by member id; a node's log files are named {@code <test>-node<id>-<start>.log}.
 */
final class LocalCluster implements AutoCloseable
{
    /** How long a test waits for anything the cluster does: generous, the machine is shared and small. */
    static final long WAIT_MILLIS = 90_000;

    private final String name;
    private final Path root;
    private final ClusterMembers members;
    private final NodeProcess[] nodes;
    private final int[] starts;
    private final List<NodeProcess> all = new ArrayList<>();
    private final String[] nodeOptions;
    private long startAllNanos;

    LocalCluster(final String name, final Path root, final int size, final String... nodeOptions)
    {
        this.name = name;
        this.root = root;
        this.members = TestPorts.members(size);
        this.nodes = new NodeProcess[size];
        this.starts = new int[size];
        this.nodeOptions = nodeOptions;
    }

    ClusterMembers members()
    {
        return members;
    }

    int size()
    {
        return nodes.length;
    }

    Path dataDir(final int memberId)
    {
        return root.resolve("node" + memberId);
    }

    /** Starts every node. */
    void startAll() throws Exception
    {
        startAllNanos = System.nanoTime();
        for (int i = 0; i < nodes.length; i++)
        {
            start(i);
        }
    }

    /** Starts (or restarts) member {@code memberId}. */
    NodeProcess start(final int memberId) throws Exception
    {
        if (nodes[memberId] != null && nodes[memberId].isAlive())
        {
            throw new IllegalStateException("node " + memberId + " runs");
        }
        final List<String> options = new ArrayList<>(List.of("--snapshot-interval-seconds", "0",
            "--window-capacity", "200000"));
        options.addAll(List.of(nodeOptions));
        // For measurements: e.g. -Dstockhold.cluster.nodeArgs="--leader-heartbeat-timeout-ms 300" (later options win).
        final String extra = System.getProperty("stockhold.cluster.nodeArgs", "").trim();
        if (!extra.isEmpty())
        {
            options.addAll(List.of(extra.split("\\s+")));
        }
        final NodeProcess node = NodeProcess.start(name + "-node" + memberId + "-" + starts[memberId]++, members,
            memberId, dataDir(memberId), options.toArray(String[]::new));
        nodes[memberId] = node;
        all.add(node);
        return node;
    }

    /** @return milliseconds since {@link #startAll()} was last called. */
    long millisSinceStartAll()
    {
        return java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startAllNanos);
    }

    NodeProcess node(final int memberId)
    {
        return nodes[memberId];
    }

    /** SIGKILLs member {@code memberId}. */
    void kill(final int memberId) throws InterruptedException
    {
        nodes[memberId].kill();
    }

    /** @return a client of this cluster with its own media driver and a deadline of {@code deadline}. */
    EngineClusterClient client(final Duration deadline)
    {
        return EngineClusterClient.start(ClientSettings.defaults(members.ingressEndpoints()).withDeadline(deadline));
    }

    /**
     * Waits until a live node's latest role is LEADER and the client has a session with it.
     *
     * @return its member id.
     */
    int awaitLeader(final EngineClusterClient client) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline)
        {
            if (java.util.Arrays.stream(nodes).noneMatch(node -> node != null && node.isAlive()))
            {
                throw new AssertionError("every node has exited:\n" + tails());
            }
            final int leader = client.leaderMemberId();
            if (leader >= 0 && nodes[leader] != null && nodes[leader].isAlive() && isLeader(nodes[leader]))
            {
                return leader;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no leader within " + WAIT_MILLIS + " ms:\n" + tails());
    }

    private static boolean isLeader(final NodeProcess node)
    {
        return node.lastRole().equals("LEADER");
    }

    /**
     * Asks the cluster for its digest and waits until every live node has applied that query and computed the
     * same digest at the same sequence.
     *
     * @return the answer: the sequence and the digest.
     */
    CommandResult checkDigests(final EngineClusterClient client) throws Exception
    {
        final CommandResult answer = client.send(new Command().getDigest()).get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertTrue(answer.isOk(), "digest query: " + answer.code() + " " + answer.detail());
        final String expected = String.format("%016x", answer.digest());
        for (final NodeProcess node : nodes)
        {
            if (node != null && node.isAlive())
            {
                assertEquals(expected, node.awaitDigestAt(answer.sequence(), WAIT_MILLIS),
                    "node " + node.memberId() + " at sequence " + answer.sequence());
            }
        }
        return answer;
    }

    /** Stops every live node with SIGTERM, all at once; @return once they have exited. */
    void stopAll() throws Exception
    {
        for (final NodeProcess node : nodes)
        {
            if (node != null && node.isAlive())
            {
                node.requestStop();
            }
        }
        for (final NodeProcess node : nodes)
        {
            if (node != null)
            {
                node.stop();
            }
        }
    }

    /** @return the last lines of every node's log. */
    String tails()
    {
        final StringBuilder out = new StringBuilder();
        for (final NodeProcess node : nodes)
        {
            if (node != null)
            {
                out.append("---- node ").append(node.memberId()).append(node.isAlive() ? "" : " (dead)").append('\n')
                    .append(node.tail()).append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public void close()
    {
        for (final NodeProcess node : all)
        {
            if (node.isAlive())
            {
                node.requestStop();
            }
        }
        for (final NodeProcess node : all)
        {
            node.close();
        }
    }
}
