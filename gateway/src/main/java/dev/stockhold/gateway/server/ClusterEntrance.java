package dev.stockhold.gateway.server;

import dev.stockhold.cluster.client.EngineClusterClient;
import dev.stockhold.cluster.protocol.IngressEncoder;
import dev.stockhold.cluster.service.LocalReplica;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.pipeline.Reply;

import java.util.function.Predicate;

/**
 * A cluster node's way in for its gateways. A write, of any type, goes through cluster ingress to the leader
 * and is answered once the cluster committed it and this node's own replica applied it, with the result that
 * replica computed (the client resends it after an election with the same command id; past the deadline it is
 * answered ERR_OVERLOADED, never a false success). A read is answered from this node's replica, which has
 * applied every write this node acknowledged: read-your-writes through one node.
 * <p>
 * Any thread. Each command is copied (the caller's object is the gateway's scratch), so the cluster path
 * allocates per request.
 */
final class ClusterEntrance implements Predicate<Command>
{
    private final EngineClusterClient client;
    private final LocalReplica replica;
    private volatile boolean open = true;

    /** @param client a client whose commands {@code replica} answers ({@code besideMember}). */
    ClusterEntrance(final EngineClusterClient client, final LocalReplica replica)
    {
        this.client = client;
        this.replica = replica;
    }

    @Override
    public boolean test(final Command request)
    {
        if (!open)
        {
            return false;
        }
        final Command command = new Command();
        command.copyFrom(request);
        if (!command.type.isMutating())
        {
            return replica.read(command);
        }
        if (!IngressEncoder.carries(command))
        {
            final CommandResult refused = new CommandResult();
            refused.fail(ErrorCode.INVALID_REQUEST, "a client does not send " + command.type);
            answer(command, refused, null);
            return true;
        }
        // The replica copies its result straight into the command the answer is encoded from.
        client.send(command, command.result).whenComplete((result, error) -> answer(command, result, error));
        return true;
    }

    /**
     * On the thread that answered (this node's service thread for a result, the client's for a deadline): the
     * answer goes to the command's reply.
     */
    private static void answer(final Command command, final CommandResult result, final Throwable error)
    {
        if (error != null || result == null)
        {
            command.result.clear();
            command.result.fail(ErrorCode.INTERNAL, "the cluster client failed: " + error);
        }
        else
        {
            if (result != command.result)
            {
                command.result.copyFrom(result);
            }
            command.sequence = result.sequence();
        }
        if (command.replyTo instanceof Reply reply)
        {
            reply.complete(command, true);
        }
    }

    /** Takes no new command from now on: they are answered ERR_OVERLOADED by the gateways. */
    void close()
    {
        open = false;
    }
}
