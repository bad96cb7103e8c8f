package dev.stockhold.cluster.service;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.pipeline.CommandStage;
import dev.stockhold.engine.pipeline.Reply;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * What the node's own gateway has of the replica it runs beside: it sees every command the replica applies
 * (the change feeds, metrics), and it reads from the replica without going through the cluster's log.
 * <p>
 * A read names the sequence it must see applied: the gateway passes the highest sequence it has acknowledged
 * to any client, so a read through one node reflects every write that node acknowledged (read-your-writes).
 * Reads wait on the service thread until the replica has applied that sequence, or until their deadline, when
 * they are answered {@link ErrorCode#OVERLOADED}.
 * <p>
 * Threads: {@link #read} from any thread; everything else on the clustered service's thread.
 */
public final class LocalReplica
{
    private final CommandStage responder;
    private final ManyToOneConcurrentArrayQueue<PendingRead> submitted;
    private final ArrayDeque<PendingRead> waiting = new ArrayDeque<>();

    /** A read waiting for its sequence. */
    private record PendingRead(Command command, long minSequence, long deadlineNanos)
    {
    }

    /**
     * @param responder    sees every command the replica applies and every local read, then answers a command
     *                     that has a {@link Reply} (e.g. {@code ReplyingResponder}); null for none.
     * @param maxQueued    the most reads submitted and not yet taken by the service thread.
     */
    public LocalReplica(final CommandStage responder, final int maxQueued)
    {
        this.responder = responder;
        this.submitted = new ManyToOneConcurrentArrayQueue<>(maxQueued);
    }

    /** @return a replica access with no responder that takes no reads: a node without a gateway. */
    public static LocalReplica none()
    {
        return new LocalReplica(null, 1);
    }

    /**
     * Submits a read (any non-mutating command, its {@link Command#replyTo} a {@link Reply}). The replica owns
     * {@code command} from now on.
     *
     * @param minSequence   the sequence the replica must have applied before the read is answered.
     * @param deadlineNanos the {@link System#nanoTime()} after which the read is answered ERR_OVERLOADED.
     * @return false when too many reads are queued: answer ERR_OVERLOADED.
     */
    public boolean read(final Command command, final long minSequence, final long deadlineNanos)
    {
        if (command.type.isMutating())
        {
            throw new IllegalArgumentException("a local read cannot be " + command.type);
        }
        return submitted.offer(new PendingRead(command, minSequence, deadlineNanos));
    }

    void onStart()
    {
        if (responder != null)
        {
            responder.onStart();
        }
    }

    /** A command the replica applied from the log (a client's or a tick). */
    void onApplied(final Command command) throws Exception
    {
        if (responder != null)
        {
            final Object replyTo = command.replyTo;
            command.replyTo = null;
            responder.onCommand(command, true);
            command.replyTo = replyTo;
        }
    }

    /**
     * Answers the reads whose sequence the replica has reached, and those past their deadline.
     *
     * @return how many reads were answered.
     */
    int answerReads(final EngineState state, final long nowNanos) throws Exception
    {
        submitted.drain(waiting::addLast);
        if (waiting.isEmpty())
        {
            return 0;
        }
        int answered = 0;
        for (final Iterator<PendingRead> it = waiting.iterator(); it.hasNext(); )
        {
            final PendingRead read = it.next();
            final Command command = read.command();
            if (read.minSequence() <= state.sequence)
            {
                command.sequence = state.sequence;
                command.timestampMillis = state.engineTimeMillis;
                state.ledger.apply(command);
            }
            else if (nowNanos - read.deadlineNanos() >= 0)
            {
                command.result.clear();
                command.result.sequence(state.sequence);
                command.result.fail(ErrorCode.OVERLOADED, "this node has not yet applied the writes it acknowledged;"
                    + " retry shortly");
            }
            else
            {
                continue;
            }
            it.remove();
            answer(command);
            answered++;
        }
        return answered;
    }

    private void answer(final Command command) throws Exception
    {
        if (responder != null)
        {
            responder.onCommand(command, true);
        }
        else if (command.replyTo instanceof Reply reply)
        {
            reply.complete(command, true);
        }
    }

    /** The node stops: reads still waiting are answered ERR_OVERLOADED, then the responder stops. */
    void onStop(final long sequence) throws Exception
    {
        submitted.drain(waiting::addLast);
        for (final PendingRead read : waiting)
        {
            read.command().result.clear();
            read.command().result.sequence(sequence);
            read.command().result.fail(ErrorCode.OVERLOADED, "this node is stopping; retry on another");
            answer(read.command());
        }
        waiting.clear();
        if (responder != null)
        {
            responder.onShutdown();
        }
    }
}
