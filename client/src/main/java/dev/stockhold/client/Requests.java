package dev.stockhold.client;

import dev.stockhold.client.request.Request;
import org.agrona.ExpandableArrayBuffer;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A client's requests and the connection they go out on, behind the client's one lock (this object's monitor):
 * the requests pending an answer, those waiting for a ready connection, and the open subscriptions. Callers'
 * threads submit; the event loop answers, times out, and swaps the connection ({@link Session}).
 */
final class Requests
{
    private final ClientSettings settings;
    private final Connector connector;
    private final RequestEncoder encoder = new RequestEncoder();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);
    private final PendingRequests pending = new PendingRequests();
    private final WaitingRequests waiting = new WaitingRequests();
    private final Subscriptions subscriptions = new Subscriptions();
    private Link link;
    private long nextCorrelationId = 1;
    private boolean closed;
    private IOException closedBecause;

    Requests(final ClientSettings settings, final Connector connector)
    {
        this.settings = settings;
        this.connector = connector;
    }

    /** @return true while a connection is up (and authenticated, with a key). */
    synchronized boolean isReady()
    {
        return link != null && link.ready;
    }

    /** Raw clients: writes the request into the connection's frame; allocates nothing. */
    synchronized boolean send(final long correlationId, final RequestWriter writer)
    {
        final Link current = link;
        if (closed || current == null)
        {
            return false;
        }
        final int length = writer.write(correlationId, scratch, 0);
        return current.outbox.append(scratch.byteArray(), 0, length);
    }

    CompletableFuture<Result> submit(final Request request, final Duration timeout)
    {
        return submit((id, buffer, offset) -> encoder.encode(request, id, buffer, offset), timeout, null);
    }

    CompletableFuture<Result> subscribe(final String channel, final long afterSeq, final Consumer<Object> events)
    {
        final Subscription subscription = new Subscription(channel, afterSeq, events);
        return submit((id, buffer, offset) -> encoder.encodeSubscribe(id, channel, subscription.afterSeq(), buffer,
            offset), settings.requestTimeout(), subscription);
    }

    /**
     * Sends the request {@code writer} writes now when a connection is ready, else once one is.
     *
     * @param subscription the subscription the request opens, or null.
     */
    CompletableFuture<Result> submit(final RequestWriter writer, final Duration timeout,
        final Subscription subscription)
    {
        final CompletableFuture<Result> future = new CompletableFuture<>();
        final Pending request = new Pending(future, subscription);
        synchronized (this)
        {
            if (closed)
            {
                future.completeExceptionally(closedBecause);
                return future;
            }
            final long correlationId = nextCorrelationId++;
            final int length = writer.write(correlationId, scratch, 0);
            pending.put(correlationId, request);
            if (subscription != null)
            {
                subscriptions.put(correlationId, subscription);
            }
            final Link current = link;
            if (current != null && current.ready)
            {
                if (!current.outbox.append(scratch.byteArray(), 0, length))
                {
                    pending.remove(correlationId);
                    subscriptions.remove(correlationId);
                    future.completeExceptionally(new IOException("connection too far behind: request not sent"));
                    return future;
                }
                request.sentOn = current;
            }
            else
            {
                waiting.add(correlationId, scratch.byteArray(), length);
            }
            request.timeout = connector.schedule(() -> expire(correlationId, timeout), timeout.toNanos());
        }
        return future;
    }

    /** Event loop: the request's time is up, unless it was answered meanwhile. */
    private void expire(final long correlationId, final Duration timeout)
    {
        final Pending expired;
        synchronized (this)
        {
            expired = pending.remove(correlationId);
            if (expired != null && expired.subscription != null)
            {
                subscriptions.remove(correlationId);
            }
        }
        if (expired != null)
        {
            expired.fail(new RequestTimeoutException("no answer within " + timeout.toMillis() + " ms from "
                + settings.remote() + (expired.sentOn == null ? " (not connected)" : "")));
        }
    }

    /** Event loop: the subscription a feed event of {@code correlationId} belongs to, or null. */
    synchronized Subscription subscription(final long correlationId)
    {
        return subscriptions.get(correlationId);
    }

    /** Event loop: {@code answer} came; @return the request it answers, no longer pending, or null. */
    synchronized Pending answered(final long correlationId, final Result answer)
    {
        final Pending answered = pending.remove(correlationId);
        if (answered != null && answered.subscription != null)
        {
            if (answer instanceof Result.Subscribed subscribed)
            {
                answered.subscription.opened(subscribed.sequence());
            }
            else
            {
                subscriptions.remove(correlationId);
            }
        }
        return answered;
    }

    /**
     * Makes {@code created} the client's connection and, with a key, sends its Authenticate first.
     *
     * @return false when the client is closed: the connection is not used.
     */
    synchronized boolean attach(final Link created)
    {
        if (closed)
        {
            return false;
        }
        link = created;
        if (settings.apiKey() != null)
        {
            created.authCorrelationId = settings.raw() ? Long.MIN_VALUE : nextCorrelationId++;
            final int length = encoder.encodeAuthenticate(created.authCorrelationId, settings.apiKey(), scratch, 0);
            created.outbox.append(scratch.byteArray(), 0, length);
        }
        return true;
    }

    /**
     * The connection is usable: re-opens the live subscriptions, then sends what waited, in order.
     *
     * @return false when it is no longer the client's connection.
     */
    synchronized boolean ready(final Link ready)
    {
        if (link != ready)
        {
            return false;
        }
        ready.ready = true;
        for (final Subscription subscription : subscriptions.takeLive())
        {
            resubscribe(ready, subscription);
        }
        waiting.sendOn(ready, pending, subscriptions);
        return true;
    }

    /** Lock held: a Subscribe after the last event delivered, without a caller to answer. */
    private void resubscribe(final Link ready, final Subscription subscription)
    {
        final long correlationId = nextCorrelationId++;
        final int length = encoder.encodeSubscribe(correlationId, subscription.channel, subscription.afterSeq(),
            scratch, 0);
        final Pending resubscription = new Pending(null, subscription);
        resubscription.sentOn = ready;
        pending.put(correlationId, resubscription);
        subscriptions.put(correlationId, subscription);
        ready.outbox.append(scratch.byteArray(), 0, length);
    }

    /**
     * A connection closed; a raw client closes with it, as it does not reconnect.
     *
     * @return the requests lost with it, to fail; null when it was not the client's connection.
     */
    synchronized List<Pending> detach(final Link lost)
    {
        lost.outbox.close();
        if (link != lost)
        {
            return null;
        }
        link = null;
        if (settings.raw())
        {
            closed = true;
            closedBecause = new ConnectionLostException("connection to " + settings.remote() + " lost");
        }
        return pending.removeSentOn(lost, subscriptions);
    }

    synchronized boolean closed()
    {
        return closed;
    }

    /**
     * Closes the client: nothing more is sent.
     *
     * @return the connection to close, or null for none.
     */
    synchronized Link close(final IOException cause)
    {
        closed = true;
        closedBecause = cause;
        final Link current = link;
        link = null;
        return current;
    }

    /** Closes the client and fails everything pending, waiting or subscribed with {@code cause}. */
    void failAll(final IOException cause)
    {
        final List<Pending> failed;
        synchronized (this)
        {
            closed = true;
            closedBecause = cause;
            failed = pending.removeAll();
            waiting.clear();
            subscriptions.clear();
        }
        for (final Pending request : failed)
        {
            request.fail(cause);
        }
    }
}
