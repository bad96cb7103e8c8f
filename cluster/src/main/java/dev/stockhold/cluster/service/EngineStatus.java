package dev.stockhold.cluster.service;

import io.aeron.cluster.service.Cluster;

/**
 * What a node's clustered engine last reported about itself: its role, the leader it knows, the term and the
 * last sequence it applied. Written by the clustered service's thread, read from any thread (the node's
 * launcher, later the gateway's status endpoint); each field is read on its own, so two fields may come from
 * slightly different moments.
 */
public final class EngineStatus
{
    /** The leader field's value while no leader is known. */
    public static final int NO_LEADER = -1;

    private volatile Cluster.Role role = Cluster.Role.FOLLOWER;
    private volatile int leaderMemberId = NO_LEADER;
    private volatile long leadershipTermId = -1;
    private volatile long appliedSequence;
    private volatile long appliedPosition;
    private volatile long lastDigest;
    private volatile long lastSnapshotPosition;
    private volatile long[] memberSnapshots = new long[0];

    /** @return the node's role in the cluster. */
    public Cluster.Role role()
    {
        return role;
    }

    /** @return the member id of the leader of the current term, or {@link #NO_LEADER}. */
    public int leaderMemberId()
    {
        return leaderMemberId;
    }

    /** @return the current leadership term, -1 before the first. */
    public long leadershipTermId()
    {
        return leadershipTermId;
    }

    /** @return the sequence of the last mutating command this node applied. */
    public long appliedSequence()
    {
        return appliedSequence;
    }

    /** @return the log position up to which this node's engine has applied the log. */
    public long appliedPosition()
    {
        return appliedPosition;
    }

    /** @return the digest the last digest query computed on this node, 0 before any. */
    public long lastDigest()
    {
        return lastDigest;
    }

    void role(final Cluster.Role role)
    {
        this.role = role;
    }

    void leader(final int leaderMemberId, final long leadershipTermId)
    {
        this.leaderMemberId = leaderMemberId;
        this.leadershipTermId = leadershipTermId;
    }

    void applied(final long sequence)
    {
        this.appliedSequence = sequence;
    }

    void appliedPosition(final long position)
    {
        this.appliedPosition = position;
    }

    /** @return the log position of the last snapshot this node took since it started, 0 before any. */
    public long lastSnapshotPosition()
    {
        return lastSnapshotPosition;
    }

    /**
     * @return per member, the log position of the last snapshot it reported, as the replicated state holds it;
     * 0 for a member that reported none. A copy.
     */
    public long[] memberSnapshots()
    {
        return memberSnapshots.clone();
    }

    void snapshotTaken(final long logPosition)
    {
        this.lastSnapshotPosition = logPosition;
    }

    void memberSnapshots(final long[] positions)
    {
        if (!java.util.Arrays.equals(positions, memberSnapshots))
        {
            memberSnapshots = positions.clone();
        }
    }

    void digest(final long digest)
    {
        this.lastDigest = digest;
    }
}
