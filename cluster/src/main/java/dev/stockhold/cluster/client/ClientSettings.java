package dev.stockhold.cluster.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * How an {@link EngineClusterClient} reaches the cluster and how long it tries.
 *
 * @param ingressEndpoints every member's client ingress, {@code 0=host:port,1=host:port,...}
 *                         ({@code ClusterMembers.ingressEndpoints()}).
 * @param aeronDir         the directory of a running media driver to use (a node's), or null to run one of the
 *                         client's own.
 * @param egressHost       the address the cluster sends answers to: this machine's address as the members
 *                         reach it.
 * @param deadline         how long a command may wait for its answer, through elections and reconnects, before
 *                         it is answered ERR_OVERLOADED.
 * @param resendAfter      how long an answer may be missing before the command is sent again with the same id
 *                         (the cluster answers a repeat from its window); a new leader causes a resend at once.
 * @param maxInFlight      the most commands waiting for answers; beyond it a command is answered ERR_OVERLOADED
 *                         at once.
 * @param localMemberLeads for a client that runs beside a member: tells whether that member leads now; while it
 *                         does, the client reaches it over shared memory (Aeron IPC) instead of UDP, and the
 *                         member's replica answers its commands ({@link #answeredByReplica()}). Null for a client
 *                         on its own, answered on egress.
 */
public record ClientSettings(
    String ingressEndpoints,
    String aeronDir,
    String egressHost,
    Duration deadline,
    Duration resendAfter,
    int maxInFlight,
    BooleanSupplier localMemberLeads)
{
    /** Default deadline, as the gateway's request deadline. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

    public ClientSettings
    {
        Objects.requireNonNull(ingressEndpoints, "ingressEndpoints");
        Objects.requireNonNull(egressHost, "egressHost");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(resendAfter, "resendAfter");
        if (deadline.isNegative() || deadline.isZero() || resendAfter.isNegative() || resendAfter.isZero()
            || maxInFlight <= 0)
        {
            throw new IllegalArgumentException("deadline, resendAfter and maxInFlight must be positive");
        }
    }

    /** @return settings with their own media driver, answers to 127.0.0.1, a 5 s deadline, resends after 1 s. */
    public static ClientSettings defaults(final String ingressEndpoints)
    {
        return new ClientSettings(ingressEndpoints, null, "127.0.0.1", DEFAULT_DEADLINE, Duration.ofSeconds(1), 4096,
            null);
    }

    /** @return a copy with another deadline. */
    public ClientSettings withDeadline(final Duration value)
    {
        return new ClientSettings(ingressEndpoints, aeronDir, egressHost, value, resendAfter, maxInFlight,
            localMemberLeads);
    }

    /** @return a copy that uses the media driver in {@code dir}. */
    public ClientSettings withAeronDir(final String dir)
    {
        return new ClientSettings(ingressEndpoints, dir, egressHost, deadline, resendAfter, maxInFlight,
            localMemberLeads);
    }

    /** @return a copy with another limit on commands in flight. */
    public ClientSettings withMaxInFlight(final int value)
    {
        return new ClientSettings(ingressEndpoints, aeronDir, egressHost, deadline, resendAfter, value,
            localMemberLeads);
    }

    /**
     * @param leads tells whether the member this client runs beside leads now (read on the client's thread).
     * @return a copy for a client that runs beside a member, whose replica answers its commands, and which sends
     * them over IPC while that member leads.
     */
    public ClientSettings besideMember(final BooleanSupplier leads)
    {
        return new ClientSettings(ingressEndpoints, aeronDir, egressHost, deadline, resendAfter, maxInFlight,
            Objects.requireNonNull(leads, "leads"));
    }

    /**
     * @return true for a client that runs beside a member: the member's replica answers its commands as it applies
     * them ({@link EngineClusterClient#onReplicaAnswer}), and the leader sends nothing on egress; false for answers
     * on egress.
     */
    public boolean answeredByReplica()
    {
        return localMemberLeads != null;
    }
}
