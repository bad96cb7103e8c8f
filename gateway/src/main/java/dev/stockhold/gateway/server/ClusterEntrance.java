package dev.stockhold.gateway.server;

import dev.stockhold.cluster.client.CommandAnswer;
import dev.stockhold.cluster.client.EngineClusterClient;
import dev.stockhold.cluster.protocol.IngressEncoder;
import dev.stockhold.cluster.service.LocalReplica;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.pipeline.Reply;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;

import java.util.function.Predicate;

/**
 * A cluster node's way in for its gateways. A write, of any type, goes through cluster ingress to the leader
 * and is answered once the cluster committed it and this node's own replica applied it, with the result that
 * replica computed (the client resends it after an election with the same command id; past the deadline it is
 * answered ERR_OVERLOADED, never a false success). A read is answered from this node's replica, which has
 * applied every write this node acknowledged: read-your-writes through one node.
 * <p>
 * Any thread. The caller's command is the gateway's scratch, so each is copied into a {@link Slot} that lives
 * until its answer has gone to the gateway's reply; slots are pooled, so a warm node allocates no commands.
 */
final class ClusterEntrance implements Predicate<Command>
{
    private final EngineClusterClient client;
    private final LocalReplica replica;
    /** Slots free for the next command: any thread takes one, whoever answered gives it back. */
    private final ManyToManyConcurrentArrayQueue<Slot> free;
    private volatile boolean open = true;

    /**
     * @param client   a client whose commands {@code replica} answers ({@code besideMember}).
     * @param maxSlots the most slots kept for reuse: about the commands that can wait at once (in flight and
     *                 queued reads); a burst beyond it allocates slots that are then dropped.
     */
    ClusterEntrance(final EngineClusterClient client, final LocalReplica replica, final int maxSlots)
    {
        this.client = client;
        this.replica = replica;
        this.free = new ManyToManyConcurrentArrayQueue<>(maxSlots);
    }

    @Override
    public boolean test(final Command request)
    {
        if (!open)
        {
            return false;
        }
        final Slot slot = take();
        final Command command = slot.command;
        command.copyFrom(request);
        slot.reply = command.replyTo;
        command.replyTo = slot;
        if (!command.type.isMutating())
        {
            if (!replica.read(command))
            {
                release(slot);
                return false;
            }
            return true;
        }
        if (!IngressEncoder.carries(command))
        {
            command.result.clear();
            command.result.fail(ErrorCode.INVALID_REQUEST, "a client does not send " + command.type);
            slot.answered(command.result);
            return true;
        }
        // The replica copies its result straight into the command the answer is encoded from.
        client.send(command, command.result, slot);
        return true;
    }

    /** Takes no new command from now on: they are answered ERR_OVERLOADED by the gateways. */
    void close()
    {
        open = false;
    }

    private Slot take()
    {
        final Slot slot = free.poll();
        return slot != null ? slot : new Slot();
    }

    private void release(final Slot slot)
    {
        slot.reply = null;
        free.offer(slot); // a full pool drops the slot: the garbage collector takes it
    }

    /**
     * One command on its way through the cluster: the copy of the gateway's command, where its result is
     * answered and, for a read, the reply the replica's responder calls.
     */
    private final class Slot implements CommandAnswer, Reply
    {
        final Command command = new Command();
        /** The gateway's reply for this command. */
        Object reply;

        /**
         * A write's answer, on the thread that decided it (this node's service thread for a result, the client's
         * for a deadline, the gateway's for a command refused at once).
         */
        @Override
        public void answered(final CommandResult result)
        {
            if (result != command.result)
            {
                command.result.copyFrom(result);
            }
            command.sequence = result.sequence();
            complete(command, true);
        }

        /** A read's answer, from the replica's responder; and where every answer ends. */
        @Override
        public void complete(final Command answered, final boolean endOfBatch)
        {
            final Object gatewayReply = reply;
            answered.replyTo = gatewayReply;
            try
            {
                if (gatewayReply instanceof Reply out)
                {
                    out.complete(answered, endOfBatch);
                }
            }
            finally
            {
                // The reply copied or encoded what it needs before returning (Reply's contract).
                release(this);
            }
        }
    }
}
