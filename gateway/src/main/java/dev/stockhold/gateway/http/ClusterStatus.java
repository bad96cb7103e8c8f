package dev.stockhold.gateway.http;

import java.util.List;

/**
 * The engine's place in a cluster, as {@code GET /v1/cluster} and the metrics show it: a member of a replicated
 * cluster, or a single-process server ({@link #STANDALONE}). Any thread; each value is read on its own.
 */
public interface ClusterStatus
{
    /** A single-process server: no node id, no leader, no term, no members. */
    ClusterStatus STANDALONE = new ClusterStatus()
    {
    };

    /** One member of the cluster: its id and its base endpoint ({@code host:port}). */
    record Member(int node, String endpoint)
    {
    }

    /** @return this node's member id, or null for a single-process server. */
    default Integer node()
    {
        return null;
    }

    /** @return LEADER, FOLLOWER, CANDIDATE, or STANDALONE. */
    default String role()
    {
        return "STANDALONE";
    }

    /** @return the leader's member id, or null during an election and for a single-process server. */
    default Integer leader()
    {
        return null;
    }

    /** @return the leadership term, or null for a single-process server. */
    default Long term()
    {
        return null;
    }

    /** @return every member in member-id order; empty for a single-process server. */
    default List<Member> members()
    {
        return List.of();
    }

    /** @return the log position the cluster has committed as this node heard it, or null. */
    default Long commitPosition()
    {
        return null;
    }

    /** @return true while the node can serve: it knows a leader and has applied what was committed. */
    default boolean isReady()
    {
        return true;
    }
}
