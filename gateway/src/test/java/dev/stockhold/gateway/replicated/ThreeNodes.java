package dev.stockhold.gateway.replicated;

import dev.stockhold.gateway.TestServer;
import dev.stockhold.gateway.crash.ServerProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Three real servers ({@code StockholdServer --cluster-members … --cluster-node i}) in child JVMs on loopback,
 * each on its own data directory, with base ports chosen from a seed the test prints. Node logs are kept in
 * {@code target/server-logs/}.
 */
final class ThreeNodes implements AutoCloseable
{
    static final int SIZE = 3;
    private static final Pattern ROLE = Pattern.compile("\"role\":\"([A-Z]+)\"");
    private static final Pattern LEADER = Pattern.compile("\"leader\":(\\d+|null)");
    private static final Pattern DIGEST = Pattern.compile("\"digest\":\"([0-9a-f]{16})\"");
    private static final Pattern LAST_SEQUENCE = Pattern.compile("\"lastSequence\":(\\d+)");

    private final String name;
    private final Path root;
    private final String members;
    private final int basePort;
    private final List<String> extraArguments;
    private List<String> properties = List.of();
    private final ServerProcess[] nodes = new ServerProcess[SIZE];
    private int starts;

    /**
     * @param name           names the node logs.
     * @param root           the parent of the nodes' data directories.
     * @param seed           chooses the base ports.
     * @param extraArguments more server options for every node.
     */
    ThreeNodes(final String name, final Path root, final long seed, final String... extraArguments)
    {
        this.name = name;
        this.root = root;
        // Below Linux's ephemeral range (32768 and up), where a client socket could take a member's port.
        final int base = 20_000 + new Random(seed).nextInt(120) * 100;
        this.basePort = base;
        this.members = "127.0.0.1:" + base + ",127.0.0.1:" + (base + 10) + ",127.0.0.1:" + (base + 20);
        this.extraArguments = List.of(extraArguments);
        System.out.println(name + ": seed " + seed + ", members " + members);
    }

    /** @return this, its nodes started with these {@code -D} settings (e.g. small log terms). */
    ThreeNodes withProperties(final String... settings)
    {
        this.properties = List.of(settings);
        return this;
    }

    /** Starts every node and waits until each listens and one leads. */
    ThreeNodes start() throws Exception
    {
        for (int i = 0; i < SIZE; i++)
        {
            launch(i);
        }
        for (int i = 0; i < SIZE; i++)
        {
            nodes[i].awaitReady();
        }
        awaitLeader(Duration.ofSeconds(60));
        return this;
    }

    /** Starts node {@code i} (again) on its data directory; wait with {@link ServerProcess#awaitReady()}. */
    ServerProcess launch(final int i) throws Exception
    {
        final List<String> arguments = new ArrayList<>(List.of("--cluster-members", members, "--cluster-node",
            String.valueOf(i), "--aeron-dir", aeronDir(i).toString()));
        arguments.addAll(extraArguments);
        nodes[i] = ServerProcess.start(name + "-node" + i + "-" + (++starts), root.resolve("node" + i), properties,
            arguments.toArray(String[]::new));
        return nodes[i];
    }

    ServerProcess node(final int i)
    {
        return nodes[i];
    }

    /** @return the member id of the node every running node agrees leads, waiting up to {@code timeout}. */
    int awaitLeader(final Duration timeout) throws Exception
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline)
        {
            int agreed = -1;
            boolean all = true;
            for (final ServerProcess node : nodes)
            {
                if (node == null || !node.isAlive())
                {
                    continue;
                }
                final String status = status(node);
                last = status;
                final Matcher leader = LEADER.matcher(status);
                if (!leader.find() || "null".equals(leader.group(1))
                    || (agreed >= 0 && agreed != Integer.parseInt(leader.group(1))))
                {
                    all = false;
                    break;
                }
                agreed = Integer.parseInt(leader.group(1));
            }
            if (all && agreed >= 0 && nodes[agreed] != null && nodes[agreed].isAlive()
                && "LEADER".equals(field(ROLE, status(nodes[agreed]))))
            {
                return agreed;
            }
            Thread.sleep(100);
        }
        fail("no leader within " + timeout + "; last status " + last);
        return -1;
    }

    /**
     * Waits until the leader's writes reach its consensus module over shared memory and every running follower's
     * over UDP ({@code stockhold_cluster_ingress_ipc} 1 on the leader, 0 elsewhere).
     */
    void awaitIngressPaths(final int leader, final Duration timeout) throws Exception
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        String seen = "";
        while (System.nanoTime() < deadline)
        {
            final StringBuilder paths = new StringBuilder();
            boolean expected = true;
            for (int i = 0; i < SIZE; i++)
            {
                if (nodes[i] == null || !nodes[i].isAlive())
                {
                    continue;
                }
                final String ipc = metric(nodes[i], "stockhold_cluster_ingress_ipc");
                paths.append(" node ").append(i).append('=').append(ipc);
                expected &= (i == leader ? "1" : "0").equals(ipc);
            }
            seen = paths.toString();
            if (expected)
            {
                return;
            }
            Thread.sleep(100);
        }
        fail("leader " + leader + ": expected ingress over IPC on the leader only, saw" + seen);
    }

    /** @return the value of an unlabelled metric on {@code node} as Prometheus prints it, or null. */
    static String metric(final ServerProcess node, final String name) throws Exception
    {
        final Matcher value = Pattern.compile("(?m)^" + name + " ([0-9.eE+-]+)$")
            .matcher(node.send("GET", "/metrics", null).body());
        return value.find() ? value.group(1).replaceAll("\\.0$", "") : null;
    }

    /** @return the body of {@code GET /v1/cluster} on {@code node}, or "" when it does not answer 200. */
    static String status(final ServerProcess node)
    {
        try
        {
            final HttpResponse<String> response = node.send("GET", "/v1/cluster", null, Duration.ofSeconds(5));
            return response.statusCode() == 200 ? response.body() : "";
        }
        catch (final Exception ex)
        {
            return "";
        }
    }

    static String digest(final ServerProcess node)
    {
        return field(DIGEST, status(node));
    }

    static long lastSequence(final ServerProcess node)
    {
        final String value = field(LAST_SEQUENCE, status(node));
        return value == null ? -1 : Long.parseLong(value);
    }

    private static String field(final Pattern pattern, final String text)
    {
        final Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** Waits until every running node shows the same digest; @return it. */
    String awaitSameDigest(final Duration timeout) throws Exception
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final List<String> digests = new ArrayList<>();
        while (System.nanoTime() < deadline)
        {
            digests.clear();
            for (final ServerProcess node : nodes)
            {
                if (node != null && node.isAlive())
                {
                    digests.add(digest(node));
                }
            }
            if (!digests.isEmpty() && digests.get(0) != null && digests.stream().distinct().count() == 1)
            {
                return digests.get(0);
            }
            Thread.sleep(100);
        }
        fail("the nodes' digests differ: " + digests);
        return null;
    }

    /** Stops every node with SIGTERM (killing what does not stop); {@link #start()} starts them again. */
    void stopAll()
    {
        for (final ServerProcess node : nodes)
        {
            node.close();
        }
    }

    /** The media driver's directory of node {@code i}: on /dev/shm, removed by {@link #close()}. */
    private Path aeronDir(final int i)
    {
        final Path shm = Path.of("/dev/shm");
        return (Files.isDirectory(shm) ? shm : root).resolve("stockhold-test-" + basePort + "-node" + i);
    }

    /** Stops every node with SIGTERM (killing what does not stop), and removes what a killed node left. */
    @Override
    public void close()
    {
        for (int i = 0; i < SIZE; i++)
        {
            if (nodes[i] != null)
            {
                nodes[i].close();
            }
            try
            {
                TestServer.deleteTree(aeronDir(i));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
