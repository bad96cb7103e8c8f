package dev.stockhold.gateway.server;

import dev.stockhold.cluster.client.EngineClusterClient;
import dev.stockhold.cluster.protocol.IngressEncoder;
import dev.stockhold.cluster.service.LocalReplica;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.pipeline.Reply;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A cluster node's way in for its gateways. A write goes through cluster ingress to the leader and is answered
 * once the cluster committed and applied it (the client resends it after an election with the same command id;
 * past the deadline it is answered ERR_OVERLOADED, never a false success). A read is answered from this node's
 * replica once the replica has applied every write this node acknowledged: read-your-writes through one node.
 * <p>
 * Any thread. Each command is copied (the caller's object is the gateway's scratch), so the cluster path
 * allocates per request.
 */
final class ClusterEntrance implements Predicate<Command>
{
    private final EngineClusterClient client;
    private final LocalReplica replica;
    private final long deadlineNanos;
    /** The highest sequence this node has acknowledged to any client. */
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile boolean open = true;

    ClusterEntrance(final EngineClusterClient client, final LocalReplica replica, final long deadlineNanos)
    {
        this.client = client;
        this.replica = replica;
        this.deadlineNanos = deadlineNanos;
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
            return replica.read(command, acknowledged.get(), System.nanoTime() + deadlineNanos);
        }
        if (!IngressEncoder.carries(command))
        {
            final CommandResult refused = new CommandResult();
            refused.fail(ErrorCode.INVALID_REQUEST, "a cluster member does not take " + command.type + " yet");
            answer(command, refused, null);
            return true;
        }
        client.send(command).whenComplete((result, error) -> answer(command, result, error));
        return true;
    }

    /** On the client's thread: the answer goes to the command's reply, after the watermark moves past it. */
    private void answer(final Command command, final CommandResult result, final Throwable error)
    {
        if (error != null || result == null)
        {
            command.result.clear();
            command.result.fail(ErrorCode.INTERNAL, "the cluster client failed: " + error);
        }
        else
        {
            command.result.copyFrom(result);
            command.sequence = result.sequence();
            acknowledged.accumulateAndGet(result.sequence(), Math::max);
        }
        if (command.replyTo instanceof Reply reply)
        {
            reply.complete(command, true);
        }
    }

    /** @return the highest sequence this node has acknowledged to a client. */
    long acknowledged()
    {
        return acknowledged.get();
    }

    /** Takes no new command from now on: they are answered ERR_OVERLOADED by the gateways. */
    void close()
    {
        open = false;
    }
}
