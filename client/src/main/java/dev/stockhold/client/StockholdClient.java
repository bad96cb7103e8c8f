package dev.stockhold.client;

import dev.stockhold.client.request.Request;
import io.netty.handler.ssl.SslContext;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A Java client of the binary protocol over one TCP connection (TLS optional), pipelined and batched: any number
 * of requests may be in flight, and requests submitted while the previous frame is being written go out together
 * in the next one. Thread-safe.
 * <p>
 * Build one with {@link #builder()}; {@link #submit(Request)} an immutable request (see
 * {@code dev.stockhold.client.request}) and get a future of the server's {@link Result}. Errors the server
 * answers are values ({@link Result.Failure}); a future completes exceptionally only with a
 * {@link RequestTimeoutException} (no answer within the request's timeout), a {@link ConnectionLostException}
 * (the connection dropped while the request was in flight) or an {@link IOException} (the client is closed, or
 * the server refused its key).
 * <p>
 * When the connection drops, the client reconnects with exponential backoff and jitter, authenticates again,
 * re-opens its change-feed subscriptions after the last sequence each one saw, and then sends the requests that
 * were submitted meanwhile (each still bound by its own timeout).
 * <p>
 * A raw client ({@link Builder#replyListener}) is for load generators: {@link #send} writes a request straight
 * into the outgoing frame with the caller's correlation id and every answer goes to the listener, without
 * allocating; it does not reconnect.
 * <p>
 * Futures complete, and subscription events arrive, on the client's event loop thread: a callback must not
 * block on another answer of the same client.
 */
public final class StockholdClient implements AutoCloseable
{
    private final ClientSettings settings;
    private final Session session;
    private final Requests requests;

    private StockholdClient(final ClientSettings settings)
    {
        this.settings = settings;
        this.session = new Session(settings);
        this.requests = session.requests();
    }

    /** @return a builder of a client of {@code 127.0.0.1:7070} (the server's default binary port). */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Sends {@code request}; the answer, or a failure, within the client's default request timeout.
     *
     * @return the answer: completes exceptionally only on timeout, lost connection or closed client.
     */
    public CompletableFuture<Result> submit(final Request request)
    {
        return submit(request, settings.requestTimeout());
    }

    /**
     * Sends {@code request} with its own timeout.
     *
     * @param timeout how long to wait for the answer, reconnection included.
     * @return the answer: completes exceptionally only on timeout, lost connection or closed client.
     */
    public CompletableFuture<Result> submit(final Request request, final Duration timeout)
    {
        Objects.requireNonNull(request, "request");
        requireNotRaw("a raw client answers through its listener: use send");
        return requests.submit(request, timeout);
    }

    /**
     * Sends the request {@code writer} writes (the raw encoding, for tools that hold requests in another form),
     * and decodes its answer like {@link #submit(Request)}.
     */
    public CompletableFuture<Result> submit(final RequestWriter writer)
    {
        Objects.requireNonNull(writer, "writer");
        requireNotRaw("a raw client answers through its listener: use send");
        return requests.submit(writer, settings.requestTimeout(), null);
    }

    /**
     * Raw clients only: sends the request {@code writer} writes with {@code correlationId}; its answer goes to
     * the {@link ReplyListener}. Allocates nothing.
     *
     * @return false when the connection is closed or too far behind: nothing was sent.
     * @throws IllegalStateException when this client is not raw.
     */
    public boolean send(final long correlationId, final RequestWriter writer)
    {
        if (!settings.raw())
        {
            throw new IllegalStateException("send is for raw clients: build with a replyListener");
        }
        return requests.send(correlationId, writer);
    }

    /**
     * Subscribes to the change feed from now: one event per command that changed stock, in engine order.
     *
     * @param events called on the client's thread with each event.
     * @return {@link Result.Subscribed} once live, or a failure.
     */
    public CompletableFuture<Result> subscribe(final Consumer<Result.ChangeEvent> events)
    {
        return subscribe(Subscription.FROM_NOW, events);
    }

    /**
     * Subscribes to the change feed after {@code afterSeq} (a sequence already seen): the events since then are
     * sent first, then live ones. After a reconnection the client resumes after the last event it delivered.
     *
     * @return {@link Result.Subscribed} once live, or a failure such as ERR_GONE (the journal no longer holds
     * {@code afterSeq}).
     */
    public CompletableFuture<Result> subscribe(final long afterSeq, final Consumer<Result.ChangeEvent> events)
    {
        Objects.requireNonNull(events, "events");
        requireNotRaw("a raw client answers through its listener");
        return requests.subscribe(null, afterSeq, event -> events.accept((Result.ChangeEvent)event));
    }

    /**
     * Subscribes to one channel's feed from now: an event per command that changed a published quantity of it.
     *
     * @return {@link Result.Subscribed} once live, or a failure such as ERR_CHANNEL_NOT_FOUND.
     */
    public CompletableFuture<Result> subscribeChannel(final String channel,
        final Consumer<Result.ChannelChangeEvent> events)
    {
        return subscribeChannel(channel, Subscription.FROM_NOW, events);
    }

    /**
     * Subscribes to one channel's feed after {@code afterSeq}; resumes after the last delivered event on a
     * reconnection.
     *
     * @return {@link Result.Subscribed} once live, or a failure such as ERR_GONE or ERR_CHANNEL_NOT_FOUND.
     */
    public CompletableFuture<Result> subscribeChannel(final String channel, final long afterSeq,
        final Consumer<Result.ChannelChangeEvent> events)
    {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(events, "events");
        requireNotRaw("a raw client answers through its listener");
        return requests.subscribe(channel, afterSeq, event -> events.accept((Result.ChannelChangeEvent)event));
    }

    /** @return true while a connection is up (and authenticated, with a key). */
    public boolean isConnected()
    {
        return requests.isReady();
    }

    /** Closes the connection; what is in flight or waiting fails with an {@link IOException}. */
    @Override
    public void close()
    {
        session.close();
    }

    @Override
    public String toString()
    {
        return "StockholdClient[" + settings.remote() + (settings.tls() == null ? "" : " tls") + "]";
    }

    private void requireNotRaw(final String why)
    {
        if (settings.raw())
        {
            throw new IllegalStateException(why);
        }
    }

    /**
     * The settings of a client. Defaults: {@code 127.0.0.1:7070}, no TLS, no key, connect timeout 5 s, request
     * timeout 10 s, reconnection backoff from 50 ms up to 5 s.
     */
    public static final class Builder
    {
        private String host = "127.0.0.1";
        private int port = 7070;
        private SslContext tls;
        private String apiKey;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration reconnectInitial = Duration.ofMillis(50);
        private Duration reconnectMax = Duration.ofSeconds(5);
        private ReplyListener replyListener;
        private Consumer<Result> resumeRefused;

        private Builder()
        {
        }

        /** The server's host name or address. */
        public Builder host(final String host)
        {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The server's binary port. */
        public Builder port(final int port)
        {
            if (port < 1 || port > 65_535)
            {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Connects over TLS, trusting the certificate authorities of a PEM file (e.g. the server's own). */
        public Builder tls(final java.nio.file.Path trustedCaPem) throws IOException
        {
            try
            {
                this.tls = io.netty.handler.ssl.SslContextBuilder.forClient()
                    .trustManager(trustedCaPem.toFile()).build();
            }
            catch (final javax.net.ssl.SSLException | IllegalArgumentException ex)
            {
                throw new IOException("cannot read the trusted certificates in " + trustedCaPem + ": "
                    + ex.getMessage(), ex);
            }
            return this;
        }

        /** Connects over TLS set up by the caller (null: plain TCP). */
        public Builder tls(final SslContext context)
        {
            if (context != null && context.isServer())
            {
                throw new IllegalArgumentException("a client needs a client TLS context");
            }
            this.tls = context;
            return this;
        }

        /** Authenticates every (re)connection with this API key's secret before anything else. */
        public Builder apiKey(final String secret)
        {
            this.apiKey = secret;
            return this;
        }

        /** How long one connection attempt may take (TCP and TLS handshake). */
        public Builder connectTimeout(final Duration timeout)
        {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** The default time to wait for an answer, reconnection included; {@link #submit(Request, Duration)}. */
        public Builder requestTimeout(final Duration timeout)
        {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** The first and the largest delay between reconnection attempts (exponential between, with jitter). */
        public Builder reconnectBackoff(final Duration initial, final Duration max)
        {
            positive(initial, "initial backoff");
            if (max.compareTo(initial) < 0)
            {
                throw new IllegalArgumentException("max backoff below initial: " + max + " < " + initial);
            }
            this.reconnectInitial = initial;
            this.reconnectMax = max;
            return this;
        }

        /**
         * Makes a raw client: requests go out with {@link #send} and every answer to {@code listener}, without
         * allocating; it does not reconnect.
         */
        public Builder replyListener(final ReplyListener listener)
        {
            this.replyListener = listener;
            return this;
        }

        /**
         * Called (on the client's thread) when the server refuses to resume a subscription after a reconnection,
         * e.g. ERR_GONE: the events it missed are no longer in the journal. Otherwise only logged.
         */
        public Builder resumeRefused(final Consumer<Result> listener)
        {
            this.resumeRefused = listener;
            return this;
        }

        /**
         * Connects (and authenticates, with a key).
         *
         * @throws IOException when the server cannot be reached within the connect timeout, or refuses the key
         * ({@link AuthenticationException}).
         */
        public StockholdClient build() throws IOException
        {
            final StockholdClient client = new StockholdClient(new ClientSettings(host, port, tls, apiKey,
                connectTimeout, requestTimeout, reconnectInitial, reconnectMax, replyListener, resumeRefused));
            final long waitMillis = connectTimeout.plus(requestTimeout).toMillis();
            try
            {
                client.session.connect().get(waitMillis, TimeUnit.MILLISECONDS);
                return client;
            }
            catch (final ExecutionException ex)
            {
                client.close();
                if (ex.getCause() instanceof IOException)
                {
                    throw (IOException)ex.getCause();
                }
                throw new IOException("cannot connect to " + host + ":" + port + ": " + ex.getCause(), ex.getCause());
            }
            catch (final TimeoutException ex)
            {
                client.close();
                throw new IOException("no answer from " + host + ":" + port + " within " + waitMillis + " ms", ex);
            }
            catch (final InterruptedException ex)
            {
                client.close();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while connecting to " + host + ":" + port, ex);
            }
        }

        private static Duration positive(final Duration value, final String name)
        {
            if (value == null || value.isNegative() || value.isZero())
            {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
