package dev.stockhold.cluster.client;

import dev.stockhold.cluster.node.ClusterMembers;
import dev.stockhold.engine.command.CommandResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Operator requests to a running cluster through an {@link EngineClusterClient}: {@code digest} (the state digest
 * and last sequence, which every node also logs at the same point of the log) and {@code snapshot}. Exit status:
 * 0 answered, 1 no answer within the deadline or refused.
 */
public final class RequestCommands
{
    private RequestCommands()
    {
    }

    /** The options both requests take. */
    abstract static class Request implements Callable<Integer>
    {
        @Option(names = "--cluster-members", required = true, paramLabel = "HOST:PORT,...",
            description = "Every member's host and base port, in member-id order.")
        String members;

        @Option(names = "--deadline-seconds", paramLabel = "S", defaultValue = "10",
            description = "How long to wait for an answer (default: ${DEFAULT-VALUE}).")
        long deadlineSeconds;

        @Spec
        CommandSpec spec;

        EngineClusterClient client()
        {
            return EngineClusterClient.start(ClientSettings.defaults(ClusterMembers.parse(members).ingressEndpoints())
                .withDeadline(Duration.ofSeconds(deadlineSeconds)));
        }

        PrintWriter out()
        {
            return spec.commandLine().getOut();
        }
    }

    /** {@code digest}: prints the cluster's last sequence and state digest. */
    @Command(name = "digest", mixinStandardHelpOptions = true,
        description = "Prints the cluster's last sequence and state digest; each node logs event=digest with the"
            + " same sequence and, if it is in step, the same digest.")
    public static final class Digest extends Request
    {
        @Override
        public Integer call() throws Exception
        {
            try (EngineClusterClient client = client())
            {
                final CommandResult result = client.send(new dev.stockhold.engine.command.Command().getDigest())
                    .get(deadlineSeconds + 5, TimeUnit.SECONDS);
                if (!result.isOk())
                {
                    out().println(result.code().code() + " " + result.detail());
                    return 1;
                }
                out().printf("sequence=%d digest=%016x cells=%d openReservations=%d closedReservations=%d leader=%d%n",
                    result.sequence(), result.digest(), result.cellCount(), result.openReservations(),
                    result.closedReservations(), client.leaderMemberId());
                return 0;
            }
        }
    }

    /** {@code snapshot}: has the cluster take a snapshot now. */
    @Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Has every node take a snapshot now (the leader starts it); each node logs event=snapshot_taken.")
    public static final class Snapshot extends Request
    {
        @Override
        public Integer call() throws Exception
        {
            try (EngineClusterClient client = client())
            {
                // A request needs a session: a digest query opens one and waits for the leader.
                final CommandResult first = client.send(new dev.stockhold.engine.command.Command().getDigest())
                    .get(deadlineSeconds + 5, TimeUnit.SECONDS);
                final boolean accepted = first.isOk()
                    && client.requestSnapshot().get(deadlineSeconds, TimeUnit.SECONDS);
                out().println(accepted ? "snapshot requested from leader " + client.leaderMemberId()
                    : "no leader took the request");
                return accepted ? 0 : 1;
            }
        }
    }
}
