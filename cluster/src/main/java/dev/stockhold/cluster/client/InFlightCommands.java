package dev.stockhold.cluster.client;

import dev.stockhold.cluster.protocol.RequestBatch;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import io.aeron.cluster.client.AeronCluster;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The commands an {@link EngineClusterClient} has taken and not yet answered: by number (to match answers), in
 * the order sent (which is deadline order, one deadline for all), and those waiting to be offered to the
 * cluster; for a client whose member's replica answers its commands, also by number for that replica. A
 * command is answered once: by the cluster, or {@link ErrorCode#OVERLOADED} at its deadline or when the
 * client closes. An answered command is no longer offered, and is forgotten once it reaches the head.
 * <p>
 * The client's thread only, except {@link #expectFromReplica}, {@link #answerFromReplica} and
 * {@link #resends()}.
 */
final class InFlightCommands
{
    private final long resendAfterNanos;
    private final AtomicLong resends = new AtomicLong();
    private final Long2ObjectHashMap<Pending> byNumber = new Long2ObjectHashMap<>();
    /** The commands the member's replica answers, by number: any thread. */
    private final ReplicaWaits fromReplica;
    private final ArrayDeque<Pending> sendQueue = new ArrayDeque<>();
    private final ArrayDeque<Pending> byDeadline = new ArrayDeque<>();
    private final UnsafeBuffer sendView = new UnsafeBuffer(0, 0);
    private final RequestBatch batch = new RequestBatch();
    private final ArrayList<Pending> batchMembers = new ArrayList<>();
    /** Written by the client's thread only. */
    private volatile long messagesOffered;

    /**
     * @param resendAfterNanos how long an answer may be missing before the command is offered again.
     * @param maxInFlight      the most commands waiting for answers at once.
     */
    InFlightCommands(final long resendAfterNanos, final int maxInFlight)
    {
        this.resendAfterNanos = resendAfterNanos;
        this.fromReplica = new ReplicaWaits(maxInFlight);
    }

    /** Any thread, before the command is submitted: the member's replica answers it. */
    void expectFromReplica(final Pending pending)
    {
        fromReplica.add(pending);
    }

    /** Any thread: a command that was expected from the replica is not sent after all. */
    void forgetReplicaWait(final Pending pending)
    {
        fromReplica.remove(pending);
    }

    /**
     * Any thread (the member's service thread): the replica decided command {@code number}.
     *
     * @param result valid only during the call: copied when it is the answer.
     */
    void answerFromReplica(final long number, final CommandResult result)
    {
        final Pending pending = fromReplica.take(number);
        if (pending != null)
        {
            pending.completeWithCopy(result);
        }
    }

    /** Takes every command {@code submitted} holds; @return how many. */
    int takeAll(final Queue<Pending> submitted)
    {
        int taken = 0;
        Pending pending;
        while ((pending = submitted.poll()) != null)
        {
            add(pending);
            taken++;
        }
        return taken;
    }

    /** Takes a new command and queues it to be sent. */
    private void add(final Pending pending)
    {
        byNumber.put(pending.number, pending);
        byDeadline.addLast(pending);
        queue(pending);
    }

    private void queue(final Pending pending)
    {
        if (!pending.queued)
        {
            pending.queued = true;
            sendQueue.addLast(pending);
        }
    }

    /**
     * Offers the queued commands in order until the cluster pushes back, several to a message ({@link RequestBatch})
     * when more than one waits; @return how many were offered.
     */
    int sendQueued(final AeronCluster cluster, final long now)
    {
        int sent = 0;
        while (true)
        {
            batchMembers.clear();
            Pending pending;
            while ((pending = sendQueue.peekFirst()) != null)
            {
                if (pending.isDone())
                {
                    sendQueue.pollFirst();
                    pending.queued = false;
                    continue;
                }
                if (batchMembers.isEmpty())
                {
                    batch.begin();
                }
                if (!batch.add(pending.message))
                {
                    if (batchMembers.isEmpty())
                    {
                        batchMembers.add(sendQueue.pollFirst()); // too large for a batch: it travels alone
                    }
                    break;
                }
                batchMembers.add(sendQueue.pollFirst());
            }
            if (batchMembers.isEmpty())
            {
                return sent;
            }
            if (!offer(cluster))
            {
                for (int i = batchMembers.size() - 1; i >= 0; i--)
                {
                    sendQueue.addFirst(batchMembers.get(i));
                }
                return sent;
            }
            for (int i = 0; i < batchMembers.size(); i++)
            {
                final Pending offered = batchMembers.get(i);
                offered.queued = false;
                offered.sentAtNanos = now;
            }
            sent += batchMembers.size();
            messagesOffered++;
        }
    }

    /** Offers {@link #batchMembers}: one alone (also one too large for a batch) as it is, several as a batch. */
    private boolean offer(final AeronCluster cluster)
    {
        if (batchMembers.size() == 1)
        {
            final byte[] message = batchMembers.get(0).message;
            sendView.wrap(message);
            return cluster.offer(sendView, 0, message.length) > 0;
        }
        final int length = batch.finish();
        return cluster.offer(batch.buffer(), 0, length) > 0;
    }

    /** Answers what passed its deadline; queues again what was sent too long ago without an answer. */
    void scan(final long now)
    {
        Pending pending;
        while ((pending = byDeadline.peekFirst()) != null
            && (pending.isDone() || now - pending.deadlineNanos >= 0))
        {
            byDeadline.pollFirst();
            forget(pending);
            if (!pending.isDone())
            {
                pending.complete(failure(ErrorCode.OVERLOADED, "no leader answered within the deadline"));
            }
        }
        for (final Pending each : byDeadline)
        {
            if (!each.queued && each.sentAtNanos != 0 && now - each.sentAtNanos >= resendAfterNanos
                && !each.isDone())
            {
                queue(each);
                resends.incrementAndGet();
            }
        }
    }

    /** Queues every command in flight again, oldest first: after a new leader or a new session. */
    void resendAll()
    {
        for (final Pending each : byDeadline)
        {
            if (!each.isDone() && !each.queued)
            {
                if (each.sentAtNanos != 0)
                {
                    resends.incrementAndGet();
                }
                queue(each);
            }
        }
    }

    /** Completes command {@code number} with {@code result}; nothing when it was answered already. */
    boolean answer(final long number, final CommandResult result)
    {
        final Pending pending = byNumber.remove(number);
        if (pending == null)
        {
            return false;
        }
        return pending.complete(result);
    }

    /** @return true when command {@code number} still waits for its answer. */
    boolean awaits(final long number)
    {
        return byNumber.containsKey(number);
    }

    /** Answers every command still waiting with {@code code} and forgets them. */
    void failAll(final ErrorCode code, final String detail)
    {
        for (final Pending each : byDeadline)
        {
            forget(each);
            each.complete(failure(code, detail));
        }
        byDeadline.clear();
        sendQueue.clear();
        // Sent while the client was closing, never taken.
        fromReplica.removeAll(each -> each.complete(failure(code, detail)));
    }

    private void forget(final Pending pending)
    {
        byNumber.remove(pending.number);
        fromReplica.remove(pending);
    }

    /** @return how many commands wait for their answers. */
    int size()
    {
        return byNumber.size();
    }

    /** @return how many ingress messages (a command alone or a batch) were offered. Any thread. */
    long messagesOffered()
    {
        return messagesOffered;
    }

    /** @return how many times commands were offered again. Any thread. */
    long resends()
    {
        return resends.get();
    }

    /** @return a result failed with {@code code}. */
    static CommandResult failure(final ErrorCode code, final String detail)
    {
        final CommandResult result = new CommandResult();
        result.fail(code, detail);
        return result;
    }
}
