package dev.stockhold.cluster.node;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of a cluster as {@code --cluster-members} lists them: {@code host:basePort,...} in member-id
 * order (member i is the i-th). Member i listens on its base port and the next four: client ingress, consensus,
 * log, catch-up and archive control, in that order. Immutable; any thread.
 */
public final class ClusterMembers
{
    /** Offset of the client ingress port from a member's base port. */
    public static final int INGRESS = 0;
    /** Offset of the consensus (member to member) port. */
    public static final int CONSENSUS = 1;
    /** Offset of the log port: the leader's log reaches the followers here. */
    public static final int LOG = 2;
    /** Offset of the catch-up port: a lagging follower is sent the log here. */
    public static final int CATCHUP = 3;
    /** Offset of the archive's control port: members replicate logs and snapshots through it. */
    public static final int ARCHIVE = 4;
    /** Ports each member uses from its base port. */
    public static final int PORTS_PER_MEMBER = 5;

    /** One member: where it runs and its base port. */
    public record Member(int id, String host, int basePort)
    {
        /** @return {@code host:port} of the port at {@code offset} from the base port. */
        public String endpoint(final int offset)
        {
            return host + ":" + (basePort + offset);
        }
    }

    private final List<Member> members;

    private ClusterMembers(final List<Member> members)
    {
        this.members = List.copyOf(members);
    }

    /**
     * Parses {@code host:basePort,host:basePort,...}.
     *
     * @throws IllegalArgumentException for an empty list, a malformed entry, a port out of range, or two members
     *                                  whose ports overlap on one host.
     */
    public static ClusterMembers parse(final String list)
    {
        final List<Member> members = new ArrayList<>();
        for (final String entry : list.split(","))
        {
            final String trimmed = entry.trim();
            final int colon = trimmed.lastIndexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1)
            {
                throw new IllegalArgumentException("a cluster member is host:basePort, not '" + trimmed + "'");
            }
            final int port;
            try
            {
                port = Integer.parseInt(trimmed.substring(colon + 1));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("bad base port in '" + trimmed + "'", ex);
            }
            if (port < 1 || port + PORTS_PER_MEMBER - 1 > 65535)
            {
                throw new IllegalArgumentException("base port out of range in '" + trimmed + "'");
            }
            members.add(new Member(members.size(), trimmed.substring(0, colon), port));
        }
        for (final Member a : members)
        {
            for (final Member b : members)
            {
                if (a.id() < b.id() && a.host().equals(b.host())
                    && Math.abs(a.basePort() - b.basePort()) < PORTS_PER_MEMBER)
                {
                    throw new IllegalArgumentException("members " + a.id() + " and " + b.id()
                        + " share ports: base ports on one host must be at least 5 apart");
                }
            }
        }
        return new ClusterMembers(members);
    }

    /** @return the members, in member-id order. */
    public List<Member> members()
    {
        return members;
    }

    /** @return the member with id {@code id}. */
    public Member member(final int id)
    {
        if (id < 0 || id >= members.size())
        {
            throw new IllegalArgumentException("no member " + id + " among " + members.size());
        }
        return members.get(id);
    }

    /** @return the number of members. */
    public int size()
    {
        return members.size();
    }

    /** @return the members in Aeron's consensus module format: {@code id,ingress,consensus,log,catchup,archive|...}. */
    public String consensusMembers()
    {
        final StringBuilder out = new StringBuilder();
        for (final Member member : members)
        {
            out.append(member.id())
                .append(',').append(member.endpoint(INGRESS))
                .append(',').append(member.endpoint(CONSENSUS))
                .append(',').append(member.endpoint(LOG))
                .append(',').append(member.endpoint(CATCHUP))
                .append(',').append(member.endpoint(ARCHIVE))
                .append('|');
        }
        return out.substring(0, out.length() - 1);
    }

    /** @return the client ingress endpoints in Aeron's client format: {@code 0=host:port,1=host:port,...}. */
    public String ingressEndpoints()
    {
        final StringBuilder out = new StringBuilder();
        for (final Member member : members)
        {
            out.append(out.length() == 0 ? "" : ",").append(member.id()).append('=').append(member.endpoint(INGRESS));
        }
        return out.toString();
    }

    @Override
    public String toString()
    {
        final StringBuilder out = new StringBuilder();
        for (final Member member : members)
        {
            out.append(out.length() == 0 ? "" : ",").append(member.host()).append(':').append(member.basePort());
        }
        return out.toString();
    }
}
