package dev.stockhold.cluster.client;

import dev.stockhold.engine.command.CommandResult;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A command waiting for its answer: its number, its encoded message and when it must be answered by. Answered
 * once, by whoever comes first: the cluster (on egress, or the member's replica), its deadline, or the client
 * closing.
 */
final class Pending
{
    final long number;
    final byte[] message;
    final long deadlineNanos;
    final CompletableFuture<CommandResult> future = new CompletableFuture<>();
    private final AtomicInteger outstanding;
    /** When it was last offered to the cluster; 0 when it must be (re)sent. Client thread only. */
    long sentAtNanos;
    /** True while it waits in the send queue. Client thread only. */
    boolean queued;

    /** @param outstanding the client's count of commands taken and not answered: decremented by the answer. */
    Pending(final long number, final byte[] message, final long deadlineNanos, final AtomicInteger outstanding)
    {
        this.number = number;
        this.message = message;
        this.deadlineNanos = deadlineNanos;
        this.outstanding = outstanding;
    }

    /**
     * Answers the command with {@code result} unless it was answered already. Any thread.
     *
     * @return true when this was the answer.
     */
    boolean complete(final CommandResult result)
    {
        if (future.complete(result))
        {
            outstanding.decrementAndGet();
            return true;
        }
        return false;
    }

    /** @return true once answered. */
    boolean isDone()
    {
        return future.isDone();
    }
}
