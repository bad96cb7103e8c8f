package dev.stockhold.client;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The life of a client's connections: connect, authenticate, ready (resume, send what waited), lost (fail what
 * was in flight), reconnect with backoff, close. The state they change is {@link Requests}', under its lock.
 */
final class Session implements Connector.Events
{
    private final ClientSettings settings;
    private final Connector connector;
    private final Requests requests;
    private final AnswerRouter answers;

    Session(final ClientSettings settings)
    {
        this.settings = settings;
        this.connector = new Connector(settings);
        this.requests = new Requests(settings, connector);
        this.answers = new AnswerRouter(settings, this, requests);
    }

    Requests requests()
    {
        return requests;
    }

    /** Connects once; completes when the connection is ready (authenticated with a key) or failed. */
    CompletableFuture<Void> connect()
    {
        return connector.connect(answers, this);
    }

    @Override
    public void onConnected(final Link created)
    {
        if (!requests.attach(created))
        {
            created.channel.close();
            return;
        }
        if (settings.apiKey() == null)
        {
            onReady(created);
            return;
        }
        // A server that never answers the key must not hold the connection half open: drop it and let the
        // backoff try again.
        created.channel.eventLoop().schedule(() ->
        {
            if (!created.ready)
            {
                created.channel.close();
            }
        }, settings.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Event loop: the connection is authenticated (or needs no key). */
    void onReady(final Link ready)
    {
        if (requests.ready(ready))
        {
            connector.connected();
            ready.whenReady.complete(null);
        }
    }

    /**
     * Event loop: the server did not take the key. {@code why} is an {@link AuthenticationException} when it
     * refused it (the client closes), else the server could not check it now and the backoff tries again.
     */
    void onNotAuthenticated(final Link from, final IOException why)
    {
        from.whenReady.completeExceptionally(why);
        from.channel.close();
    }

    @Override
    public void onDisconnected(final Link lost)
    {
        final List<Pending> failed = requests.detach(lost);
        if (failed == null)
        {
            lost.whenReady.completeExceptionally(new ConnectionLostException("connection to " + settings.remote()
                + " closed before it was ready"));
            return;
        }
        if (!settings.raw() && lost.ready && !requests.closed())
        {
            connector.scheduleReconnect(this::reconnect);
        }
        final ConnectionLostException cause = new ConnectionLostException("connection to " + settings.remote()
            + " lost with the request in flight");
        for (final Pending request : failed)
        {
            request.fail(cause);
        }
        lost.whenReady.completeExceptionally(cause);
    }

    /** Event loop: one reconnection attempt; a refused key closes the client, another failure tries again. */
    private void reconnect()
    {
        connector.reconnectStarted();
        if (requests.closed())
        {
            return;
        }
        connect().whenComplete((ok, failure) ->
        {
            if (failure == null)
            {
                return;
            }
            final Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof AuthenticationException refused)
            {
                requests.failAll(refused);
            }
            else if (!requests.closed())
            {
                connector.scheduleReconnect(this::reconnect);
            }
        });
    }

    /** Closes the connection; what is in flight or waiting fails with an {@link IOException}. */
    void close()
    {
        final IOException cause = new IOException("client closed");
        final Link current;
        synchronized (requests)
        {
            if (requests.closed())
            {
                return;
            }
            current = requests.close(cause);
        }
        if (current != null)
        {
            current.outbox.close();
            current.channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        requests.failAll(cause);
        connector.shutdown();
    }
}
