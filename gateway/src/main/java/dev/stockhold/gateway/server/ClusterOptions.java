package dev.stockhold.gateway.server;

import dev.stockhold.cluster.node.ClusterMembers;
import dev.stockhold.cluster.node.NodeSettings;
import dev.stockhold.cluster.service.EngineSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/** The options of {@code stockhold server} that make it a member of a replicated cluster (docs/cluster.md). */
final class ClusterOptions
{
    @Option(names = "--cluster-members", paramLabel = "HOST:PORT,...", descriptionKey = "cluster.members",
        converter = ConfigValues.NotBlank.class,
        description = "[cluster.members] Run as a member of a replicated cluster: every member's host and base port, "
            + "in member-id order (member i is the i-th; it uses its base port and the next four). The same list on "
            + "every member. Default: none, a single-process server.")
    private String clusterMembers;

    @Option(names = "--cluster-node", paramLabel = "ID", descriptionKey = "cluster.node",
        converter = ConfigValues.NonNegativeInt.class,
        description = "[cluster.node] This server's member id: its position in --cluster-members, from 0.")
    private Integer clusterNode;

    @Option(names = "--cluster-heartbeat-timeout", paramLabel = "DURATION",
        descriptionKey = "cluster.leaderHeartbeatTimeout", converter = ConfigValues.Span.class,
        description = "[cluster.leaderHeartbeatTimeout] Silence from the leader after which the followers elect "
            + "another (default: 1s; the same on every member).")
    private Duration leaderHeartbeatTimeout = NodeSettings.Timeouts.defaults().leaderHeartbeatTimeout();

    @Option(names = "--cluster-heartbeat-interval", paramLabel = "DURATION",
        descriptionKey = "cluster.leaderHeartbeatInterval", converter = ConfigValues.Span.class,
        description = "[cluster.leaderHeartbeatInterval] How often an idle leader tells the followers it is alive "
            + "(default: 100ms).")
    private Duration leaderHeartbeatInterval = NodeSettings.Timeouts.defaults().leaderHeartbeatInterval();

    @Option(names = "--cluster-election-timeout", paramLabel = "DURATION",
        descriptionKey = "cluster.electionTimeout", converter = ConfigValues.Span.class,
        description = "[cluster.electionTimeout] How long a candidate waits for votes (default: 500ms).")
    private Duration electionTimeout = NodeSettings.Timeouts.defaults().electionTimeout();

    @Option(names = "--cluster-request-deadline", paramLabel = "DURATION",
        descriptionKey = "cluster.requestDeadline", converter = ConfigValues.Span.class,
        description = "[cluster.requestDeadline] How long a request may wait for the cluster, through an election, "
            + "before it is answered ERR_OVERLOADED (503, Retry-After) (default: 5s).")
    private Duration requestDeadline = ClusterSettings.DEFAULT_REQUEST_DEADLINE;

    @Option(names = "--cluster-window-capacity", paramLabel = "N", descriptionKey = "cluster.windowCapacity",
        converter = ConfigValues.PositiveInt.class,
        description = "[cluster.windowCapacity] The most write ids the engine remembers for exactly-once retries "
            + "(kept for 3 request deadlines, at least 15s); when full, writes are refused ERR_OVERLOADED until ids "
            + "age out. Keep it above writes per second times the retention (default: 1048576, about 100 MiB of "
            + "heap when full; the same on every member).")
    private int windowCapacity = EngineSettings.DEFAULT_WINDOW_CAPACITY;

    @Option(names = "--aeron-dir", paramLabel = "DIR", descriptionKey = "cluster.aeronDir",
        converter = ConfigValues.NotBlank.class,
        description = "[cluster.aeronDir] The Aeron media driver's directory of a cluster member (default: "
            + "/dev/shm/stockhold-<basePort>-node<id>).")
    private String aeronDir;

    /** @return the cluster settings, or null for a single-process server. */
    ClusterSettings settings(final UnaryOperator<String> describe)
    {
        if (clusterMembers == null && clusterNode == null)
        {
            return null;
        }
        if (clusterMembers == null || clusterNode == null)
        {
            throw new ConfigException("--cluster-members and --cluster-node go together: a member needs both");
        }
        for (final String option : List.of("--cluster-heartbeat-timeout", "--cluster-heartbeat-interval",
            "--cluster-election-timeout", "--cluster-request-deadline"))
        {
            if (value(option).isZero())
            {
                throw new ConfigException(describe.apply(option) + ": must be more than 0");
            }
        }
        try
        {
            final ClusterMembers members = ClusterMembers.parse(clusterMembers);
            final NodeSettings.Timeouts defaults = NodeSettings.Timeouts.defaults();
            return new ClusterSettings(members, clusterNode, new NodeSettings.Timeouts(leaderHeartbeatTimeout,
                leaderHeartbeatInterval, electionTimeout, defaults.startupCanvass(), defaults.session()),
                requestDeadline, windowCapacity, aeronDir == null ? null : Path.of(aeronDir));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(describe.apply("--cluster-members") + " with " + describe.apply("--cluster-node") + ": "
                + ex.getMessage());
        }
    }

    private Duration value(final String option)
    {
        return switch (option)
        {
            case "--cluster-heartbeat-timeout" -> leaderHeartbeatTimeout;
            case "--cluster-heartbeat-interval" -> leaderHeartbeatInterval;
            case "--cluster-election-timeout" -> electionTimeout;
            default -> requestDeadline;
        };
    }
}
