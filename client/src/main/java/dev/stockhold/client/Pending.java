package dev.stockhold.client;

import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.CompletableFuture;

/**
 * A request waiting for its answer: the caller's future (null for a resubscription, which has no caller) and
 * its timer. Its fields are guarded by the session's lock.
 */
final class Pending
{
    final CompletableFuture<Result> future;
    /** The subscription this request opens, or null for any other request. */
    final Subscription subscription;
    ScheduledFuture<?> timeout;
    /** The connection it was sent on; null while it waits for one. */
    Link sentOn;

    Pending(final CompletableFuture<Result> future, final Subscription subscription)
    {
        this.future = future;
        this.subscription = subscription;
    }

    /** Completes the caller's future with the server's answer and stops the timer. */
    void complete(final Result answer)
    {
        cancelTimer();
        if (future != null)
        {
            future.complete(answer);
        }
    }

    /** Fails the caller's future (lost connection, closed client) and stops the timer. */
    void fail(final Throwable cause)
    {
        cancelTimer();
        if (future != null)
        {
            future.completeExceptionally(cause);
        }
    }

    private void cancelTimer()
    {
        if (timeout != null)
        {
            timeout.cancel(false);
        }
    }
}
