package dev.stockhold.cluster.service;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.pipeline.CommandStage;
import dev.stockhold.engine.pipeline.Reply;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the node's own gateway has of the replica it runs beside: it sees every command the replica applies
 * (the change feeds, metrics), it reads from the replica without going through the cluster's log, and the
 * node's own cluster client learns from it the results of the commands it sent.
 * <p>
 * A write the node's client sends is answered here, when this replica applies it ({@link Answers}): the
 * replica applies the same log as the leader, deterministically, so its result is the leader's. So a write is
 * acknowledged only once this replica holds it, and a read answered here afterwards reflects it:
 * read-your-writes through one node, with no wait. Reads are answered between two log entries.
 * <p>
 * Threads: {@link #read} and {@link #answerTo} from any thread; everything else on the clustered service's
 * thread.
 */
public final class LocalReplica
{
    private static final Logger LOG = LoggerFactory.getLogger(LocalReplica.class);

    private final CommandStage responder;
    private final ManyToOneConcurrentArrayQueue<Command> submitted;
    private volatile Answers answers;

    /** Who waits for the results of the commands a client sent to be answered by this replica. */
    @FunctionalInterface
    public interface Answers
    {
        /**
         * This replica decided the result of command ({@code origin}, {@code number}), on the clustered
         * service's thread: applied, or refused before the ledger saw it. {@code result} is valid only during
         * the call; a command id the receiver does not wait for is ignored.
         */
        void answer(long origin, long number, CommandResult result);
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

    /** Sends the results of the commands sent to be answered by this replica to {@code answers}. */
    public void answerTo(final Answers answers)
    {
        this.answers = answers;
    }

    /**
     * Submits a read (any non-mutating command, its {@link Command#replyTo} a {@link Reply}), answered from
     * this replica between two log entries. The replica owns {@code command} from now on.
     *
     * @return false when too many reads are queued: answer ERR_OVERLOADED.
     */
    public boolean read(final Command command)
    {
        if (command.type.isMutating())
        {
            throw new IllegalArgumentException("a local read cannot be " + command.type);
        }
        return submitted.offer(command);
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

    /** A command this replica answered (see {@link Answers}); a receiver that fails is logged, never fatal. */
    void onAnswered(final long origin, final long number, final CommandResult result)
    {
        final Answers receiver = answers;
        if (receiver == null)
        {
            return;
        }
        try
        {
            receiver.answer(origin, number, result);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("event=local_answer_failed number={}", number, ex);
        }
    }

    /**
     * Answers the reads submitted so far.
     *
     * @return how many reads were answered.
     */
    int answerReads(final EngineState state) throws Exception
    {
        int answered = 0;
        Command command;
        while ((command = submitted.poll()) != null)
        {
            command.sequence = state.sequence;
            command.timestampMillis = state.engineTimeMillis;
            state.ledger.apply(command);
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
        Command command;
        while ((command = submitted.poll()) != null)
        {
            command.result.clear();
            command.result.sequence(sequence);
            command.result.fail(ErrorCode.OVERLOADED, "this node is stopping; retry on another");
            answer(command);
        }
        if (responder != null)
        {
            responder.onShutdown();
        }
    }
}
