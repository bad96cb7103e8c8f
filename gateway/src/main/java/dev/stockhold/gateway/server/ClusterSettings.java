package dev.stockhold.gateway.server;

import dev.stockhold.cluster.node.ClusterMembers;
import dev.stockhold.cluster.node.NodeSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a server runs as a member of a replicated cluster (absent: a single-process server).
 *
 * @param members         every member's host and base port, in member-id order.
 * @param node            this server's member id.
 * @param timeouts        the consensus timeouts: the same on every member.
 * @param requestDeadline how long a write may wait for the cluster's answer, through elections, before it is
 *                        answered ERR_OVERLOADED (503, Retry-After); also bounds how long a read waits for this
 *                        node to apply what it acknowledged.
 * @param windowCapacity  the most write ids the engine remembers for exactly-once retries.
 * @param aeronDir        the media driver's directory, or null for the default (/dev/shm, named after the member).
 */
public record ClusterSettings(
    ClusterMembers members,
    int node,
    NodeSettings.Timeouts timeouts,
    Duration requestDeadline,
    int windowCapacity,
    Path aeronDir)
{
    /** The default request deadline. */
    public static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofSeconds(5);

    public ClusterSettings
    {
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(requestDeadline, "requestDeadline");
        members.member(node);
        if (requestDeadline.isNegative() || requestDeadline.isZero())
        {
            throw new IllegalArgumentException("the request deadline must be positive");
        }
        if (windowCapacity <= 0)
        {
            throw new IllegalArgumentException("the window capacity must be positive");
        }
    }
}
