package dev.stockhold.cluster.client;

import dev.stockhold.engine.command.CommandResult;

import java.util.concurrent.CompletableFuture;

/** A command waiting for its answer: its number, its encoded message and when it must be answered by. */
final class Pending
{
    final long number;
    final byte[] message;
    final long deadlineNanos;
    final CompletableFuture<CommandResult> future = new CompletableFuture<>();
    /** When it was last offered to the cluster; 0 when it must be (re)sent. Client thread only. */
    long sentAtNanos;
    /** True while it waits in the send queue. Client thread only. */
    boolean queued;

    Pending(final long number, final byte[] message, final long deadlineNanos)
    {
        this.number = number;
        this.message = message;
        this.deadlineNanos = deadlineNanos;
    }
}
