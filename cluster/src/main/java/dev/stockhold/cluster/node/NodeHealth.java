package dev.stockhold.cluster.node;

import dev.stockhold.cluster.service.EngineStatus;
import io.aeron.Counter;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;

/**
 * What a node knows about itself and its cluster, read from the consensus module's counters and from its
 * engine: role, leader, term, elections, commit position, how far its engine has applied the log, and whether
 * it is ready to serve (it knows a leader and has applied what was committed a moment ago).
 * <p>
 * Any thread. Each value is read on its own, so two may come from slightly different moments.
 */
public final class NodeHealth
{
    /** Value of {@link #leaderMemberId()} while no leader is known (an election runs). */
    public static final int NO_LEADER = EngineStatus.NO_LEADER;

    private final EngineStatus status;
    private final Counter role;
    private final Counter electionState;
    private final Counter elections;
    private final Counter commitPosition;
    private final Counter termId;
    private final Counter snapshots;
    private volatile long commitHeard;
    private volatile long commitHeardBefore;

    NodeHealth(final EngineStatus status, final ConsensusModule.Context context)
    {
        this.status = status;
        this.role = context.clusterNodeRoleCounter();
        this.electionState = context.electionStateCounter();
        this.elections = context.electionCounter();
        this.commitPosition = context.commitPositionCounter();
        this.termId = context.leadershipTermIdCounter();
        this.snapshots = context.snapshotCounter();
    }

    /** @return the node's role: LEADER, FOLLOWER or CANDIDATE. */
    public Cluster.Role role()
    {
        return role.isClosed() ? Cluster.Role.FOLLOWER : Cluster.Role.get(role.get());
    }

    /** @return true while an election runs: then there is no leader to write to. */
    public boolean inElection()
    {
        return electionState.isClosed() || ElectionState.get(electionState.get()) != ElectionState.CLOSED;
    }

    /** @return the member id of the leader, or {@link #NO_LEADER} during an election. */
    public int leaderMemberId()
    {
        return inElection() ? NO_LEADER : status.leaderMemberId();
    }

    /** @return the current leadership term id, -1 before the first. */
    public long term()
    {
        return termId.isClosed() ? status.leadershipTermId() : termId.get();
    }

    /** @return how many elections this node has taken part in since it started. */
    public long elections()
    {
        return elections.isClosed() ? 0 : elections.get();
    }

    /** @return the log position the cluster has committed, as this node last heard it. */
    public long commitPosition()
    {
        return commitPosition.isClosed() ? 0 : commitPosition.get();
    }

    /** @return the log position up to which this node's engine has applied the log. */
    public long appliedPosition()
    {
        return status.appliedPosition();
    }

    /** @return the sequence of the last command this node's engine applied. */
    public long appliedSequence()
    {
        return status.appliedSequence();
    }

    /** @return how many snapshots this node has taken since it started. */
    public long snapshots()
    {
        return snapshots.isClosed() ? 0 : snapshots.get();
    }

    /**
     * @return true while the node knows a leader and its engine has applied the log up to the commit position
     * it heard one sampling period ago (commands committed since then may still be on their way to it).
     */
    public boolean isReady()
    {
        return !inElection() && (role() == Cluster.Role.LEADER || role() == Cluster.Role.FOLLOWER)
            && appliedPosition() >= commitHeardBefore;
    }

    /** Samples the commit position: called every sampling period (100 ms) by the node's timer. */
    void sample()
    {
        commitHeardBefore = commitHeard;
        commitHeard = commitPosition();
    }
}
