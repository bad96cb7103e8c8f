package dev.stockhold.gateway.server;

import dev.stockhold.cluster.node.ClusterMembers;
import dev.stockhold.cluster.node.NodeHealth;
import dev.stockhold.gateway.http.ClusterStatus;

import java.util.List;

/** A cluster member's place in its cluster, read from its node's {@link NodeHealth}. Any thread. */
final class NodeClusterStatus implements ClusterStatus
{
    private final int node;
    private final NodeHealth health;
    private final List<Member> members;

    NodeClusterStatus(final ClusterMembers members, final int node, final NodeHealth health)
    {
        this.node = node;
        this.health = health;
        this.members = members.members().stream()
            .map(member -> new Member(member.id(), member.host() + ":" + member.basePort()))
            .toList();
    }

    @Override
    public Integer node()
    {
        return node;
    }

    @Override
    public String role()
    {
        return health.role().name();
    }

    @Override
    public Integer leader()
    {
        final int leader = health.leaderMemberId();
        return leader == NodeHealth.NO_LEADER ? null : leader;
    }

    @Override
    public Long term()
    {
        return health.term();
    }

    @Override
    public List<Member> members()
    {
        return members;
    }

    @Override
    public Long commitPosition()
    {
        return health.commitPosition();
    }

    @Override
    public boolean isReady()
    {
        return health.isReady();
    }
}
