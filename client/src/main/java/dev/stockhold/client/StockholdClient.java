package dev.stockhold.client;

import dev.stockhold.client.request.Request;
import dev.stockhold.client.sbe.AuthenticateResultDecoder;
import dev.stockhold.client.sbe.ChangeEventDecoder;
import dev.stockhold.client.sbe.ChannelChangeEventDecoder;
import dev.stockhold.client.transport.FrameOutbox;
import dev.stockhold.client.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
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
    private static final System.Logger LOG = System.getLogger(StockholdClient.class.getName());
    private static final long MAX_PENDING_BYTES = 256L << 20;
    private static final int MAX_INBOUND_FRAME = 64 << 20;
    /** Requests are batched into frames of at most 64 KiB, well under the server's default 1 MiB limit. */
    private static final int REQUEST_FRAME_BYTES = 64 << 10;
    /** The protocol's "from now" for a subscription's afterSeq (the schema's OptionalLong null). */
    private static final long FROM_NOW = Long.MIN_VALUE;
    private static final io.netty.util.AttributeKey<Link> LINK = io.netty.util.AttributeKey.valueOf("stockhold.link");

    private final Builder settings;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final RequestEncoder encoder = new RequestEncoder();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);
    private final Long2ObjectHashMap<Pending> inFlight = new Long2ObjectHashMap<>();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    /** Open subscriptions by the correlation id of their Subscribe on the current connection. */
    private final Long2ObjectHashMap<Subscription> subscriptions = new Long2ObjectHashMap<>();
    private final Backoff backoff;
    private Link link;
    private long nextCorrelationId = 1;
    private boolean reconnectScheduled;
    private boolean closed;
    private IOException closedBecause;

    private StockholdClient(final Builder settings)
    {
        this.settings = settings;
        this.backoff = new Backoff(settings.reconnectInitial, settings.reconnectMax,
            () -> ThreadLocalRandom.current().nextDouble());
        final Transport transport = Transport.best();
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("stockhold-client", true),
            transport.ioHandler());
        this.bootstrap = new Bootstrap()
            .group(group)
            .channel(transport.clientChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)Math.min(Integer.MAX_VALUE,
                settings.connectTimeout.toMillis()));
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
        return submit(request, settings.requestTimeout);
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
        return enqueue((id, buffer, offset) -> encoder.encode(request, id, buffer, offset), timeout, null);
    }

    /**
     * Sends the request {@code writer} writes (the raw encoding, for tools that hold requests in another form),
     * and decodes its answer like {@link #submit(Request)}.
     */
    public CompletableFuture<Result> submit(final RequestWriter writer)
    {
        return enqueue(Objects.requireNonNull(writer, "writer"), settings.requestTimeout, null);
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
        if (settings.replyListener == null)
        {
            throw new IllegalStateException("send is for raw clients: build with a replyListener");
        }
        synchronized (this)
        {
            final Link current = link;
            if (closed || current == null)
            {
                return false;
            }
            final int length = writer.write(correlationId, scratch, 0);
            return current.outbox.append(scratch.byteArray(), 0, length);
        }
    }

    /**
     * Subscribes to the change feed from now: one event per command that changed stock, in engine order.
     *
     * @param events called on the client's thread with each event.
     * @return {@link Result.Subscribed} once live, or a failure.
     */
    public CompletableFuture<Result> subscribe(final Consumer<Result.ChangeEvent> events)
    {
        return subscribe(FROM_NOW, events);
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
        return openSubscription(null, afterSeq, event -> events.accept((Result.ChangeEvent)event));
    }

    /**
     * Subscribes to one channel's feed from now: an event per command that changed a published quantity of it.
     *
     * @return {@link Result.Subscribed} once live, or a failure such as ERR_CHANNEL_NOT_FOUND.
     */
    public CompletableFuture<Result> subscribeChannel(final String channel,
        final Consumer<Result.ChannelChangeEvent> events)
    {
        return subscribeChannel(channel, FROM_NOW, events);
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
        return openSubscription(channel, afterSeq, event -> events.accept((Result.ChannelChangeEvent)event));
    }

    /** @return true while a connection is up (and authenticated, with a key). */
    public synchronized boolean isConnected()
    {
        return link != null && link.ready;
    }

    /** Closes the connection; what is in flight or waiting fails with an {@link IOException}. */
    @Override
    public void close()
    {
        final Link current;
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            closedBecause = new IOException("client closed");
            current = link;
            link = null;
        }
        if (current != null)
        {
            current.outbox.close();
            current.channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        failEverything(closedBecause);
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public String toString()
    {
        return "StockholdClient[" + settings.host + ":" + settings.port + (settings.tls == null ? "" : " tls") + "]";
    }

    private CompletableFuture<Result> openSubscription(final String channel, final long afterSeq,
        final Consumer<Object> events)
    {
        if (settings.replyListener != null)
        {
            throw new IllegalStateException("a raw client answers through its listener");
        }
        final Subscription subscription = new Subscription(channel, afterSeq, events);
        return enqueue((id, buffer, offset) -> encoder.encodeSubscribe(id, channel, subscription.afterSeq, buffer,
            offset), settings.requestTimeout, subscription);
    }

    private CompletableFuture<Result> enqueue(final RequestWriter writer, final Duration timeout,
        final Subscription subscription)
    {
        if (settings.replyListener != null)
        {
            throw new IllegalStateException("a raw client answers through its listener: use send");
        }
        final CompletableFuture<Result> future = new CompletableFuture<>();
        final Pending pending = new Pending(future, subscription);
        final long correlationId;
        synchronized (this)
        {
            if (closed)
            {
                future.completeExceptionally(closedBecause);
                return future;
            }
            correlationId = nextCorrelationId++;
            final int length = writer.write(correlationId, scratch, 0);
            inFlight.put(correlationId, pending);
            if (subscription != null)
            {
                subscriptions.put(correlationId, subscription);
            }
            final Link current = link;
            if (current != null && current.ready)
            {
                if (!current.outbox.append(scratch.byteArray(), 0, length))
                {
                    inFlight.remove(correlationId);
                    subscriptions.remove(correlationId);
                    future.completeExceptionally(new IOException("connection too far behind: request not sent"));
                    return future;
                }
                pending.sentOn = current;
            }
            else
            {
                waiting.add(new Waiting(correlationId, Arrays.copyOf(scratch.byteArray(), length)));
            }
            pending.timeout = group.next().schedule(() -> expire(correlationId, timeout), timeout.toNanos(),
                TimeUnit.NANOSECONDS);
        }
        return future;
    }

    private void expire(final long correlationId, final Duration timeout)
    {
        final Pending pending;
        synchronized (this)
        {
            pending = inFlight.remove(correlationId);
            if (pending != null && pending.subscription != null)
            {
                subscriptions.remove(correlationId);
            }
        }
        if (pending != null)
        {
            pending.future.completeExceptionally(new RequestTimeoutException(
                "no answer within " + timeout.toMillis() + " ms from " + settings.host + ":" + settings.port
                    + (pending.sentOn == null ? " (not connected)" : "")));
        }
    }

    /** Connects once; completes when the connection is ready (authenticated with a key) or failed. */
    private CompletableFuture<Void> connect()
    {
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final ChannelFuture connecting = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>()
        {
            @Override
            protected void initChannel(final SocketChannel ch)
            {
                final Link created = new Link(ch, ready);
                if (settings.tls != null)
                {
                    ch.pipeline().addLast(settings.tls.newHandler(ch.alloc(), settings.host, settings.port));
                }
                ch.pipeline().addLast(new ClientInbound(created, MAX_INBOUND_FRAME));
                ch.closeFuture().addListener(closedFuture -> onDisconnected(created));
                ch.attr(LINK).set(created);
            }
        }).connect(settings.host, settings.port);
        connecting.addListener(result ->
        {
            if (result.isSuccess())
            {
                onConnected(connecting.channel().attr(LINK).get());
            }
            else
            {
                ready.completeExceptionally(new IOException("cannot connect to " + settings.host + ":"
                    + settings.port + ": " + result.cause(), result.cause()));
            }
        });
        return ready;
    }

    private void onConnected(final Link created)
    {
        synchronized (this)
        {
            if (closed)
            {
                created.channel.close();
                return;
            }
            link = created;
            if (settings.apiKey != null)
            {
                created.authCorrelationId = settings.replyListener == null ? nextCorrelationId++ : Long.MIN_VALUE;
                final int length = encoder.encodeAuthenticate(created.authCorrelationId, settings.apiKey, scratch, 0);
                created.outbox.append(scratch.byteArray(), 0, length);
                // A server that never answers the key must not hold the connection half open: drop it and
                // let the backoff try again.
                created.channel.eventLoop().schedule(() ->
                {
                    if (!created.ready)
                    {
                        created.channel.close();
                    }
                }, settings.requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
                return;
            }
        }
        onReady(created);
    }

    /** The connection is usable: re-open subscriptions, then send what waited. */
    private void onReady(final Link ready)
    {
        synchronized (this)
        {
            if (link != ready)
            {
                return;
            }
            ready.ready = true;
            backoff.reset();
            final List<Subscription> open = new ArrayList<>(subscriptions.values());
            subscriptions.clear();
            for (final Subscription subscription : open)
            {
                if (subscription.live)
                {
                    resubscribe(ready, subscription);
                }
            }
            while (!waiting.isEmpty())
            {
                final Waiting next = waiting.poll();
                final Pending pending = inFlight.get(next.correlationId);
                if (pending == null)
                {
                    continue;
                }
                if (pending.subscription != null)
                {
                    subscriptions.put(next.correlationId, pending.subscription);
                }
                pending.sentOn = ready;
                ready.outbox.append(next.bytes, 0, next.bytes.length);
            }
        }
        ready.whenReady.complete(null);
    }

    private void resubscribe(final Link ready, final Subscription subscription)
    {
        final long correlationId = nextCorrelationId++;
        final int length = encoder.encodeSubscribe(correlationId, subscription.channel, subscription.afterSeq,
            scratch, 0);
        final Pending pending = new Pending(null, subscription);
        pending.sentOn = ready;
        inFlight.put(correlationId, pending);
        subscriptions.put(correlationId, subscription);
        ready.outbox.append(scratch.byteArray(), 0, length);
    }

    private void onDisconnected(final Link lost)
    {
        final List<Pending> failed = new ArrayList<>();
        synchronized (this)
        {
            lost.outbox.close();
            if (link != lost)
            {
                lost.whenReady.completeExceptionally(new ConnectionLostException("connection to " + settings.host
                    + ":" + settings.port + " closed before it was ready"));
                return;
            }
            link = null;
            final Long2ObjectHashMap<Pending>.EntryIterator entries = inFlight.entrySet().iterator();
            while (entries.hasNext())
            {
                entries.next();
                final Pending pending = entries.getValue();
                if (pending.sentOn == lost)
                {
                    final long correlationId = entries.getLongKey();
                    entries.remove();
                    if (pending.subscription != null && !pending.subscription.live)
                    {
                        subscriptions.remove(correlationId);
                    }
                    failed.add(pending);
                }
            }
            if (settings.replyListener != null)
            {
                closed = true;
                closedBecause = new ConnectionLostException("connection to " + settings.host + ":" + settings.port
                    + " lost");
            }
            else if (!closed && lost.ready)
            {
                scheduleReconnect();
            }
        }
        final ConnectionLostException cause = new ConnectionLostException("connection to " + settings.host + ":"
            + settings.port + " lost with the request in flight");
        for (final Pending pending : failed)
        {
            pending.fail(cause);
        }
        lost.whenReady.completeExceptionally(cause);
    }

    /** Caller holds the lock. */
    private void scheduleReconnect()
    {
        if (reconnectScheduled || closed)
        {
            return;
        }
        reconnectScheduled = true;
        final long delay = backoff.nextDelayMillis();
        LOG.log(System.Logger.Level.INFO, "event=client_reconnect remote=" + settings.host + ":" + settings.port
            + " delay_ms=" + delay);
        group.next().schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
    }

    private void reconnect()
    {
        synchronized (this)
        {
            reconnectScheduled = false;
            if (closed)
            {
                return;
            }
        }
        connect().whenComplete((ok, failure) ->
        {
            if (failure == null)
            {
                return;
            }
            final Throwable cause = failure instanceof java.util.concurrent.CompletionException
                ? failure.getCause() : failure;
            if (cause instanceof AuthenticationException)
            {
                closeBecause((AuthenticationException)cause);
                return;
            }
            synchronized (this)
            {
                scheduleReconnect();
            }
        });
    }

    private void closeBecause(final IOException cause)
    {
        synchronized (this)
        {
            closed = true;
            closedBecause = cause;
        }
        failEverything(cause);
    }

    private void failEverything(final IOException cause)
    {
        final List<Pending> failed;
        synchronized (this)
        {
            failed = new ArrayList<>(inFlight.values());
            inFlight.clear();
            waiting.clear();
            subscriptions.clear();
        }
        for (final Pending pending : failed)
        {
            pending.fail(cause);
        }
    }

    /** Event loop: one answer of {@code from}. */
    private int onAnswer(final Link from, final ReplyDecoder decoder, final DirectBuffer buffer, final int offset)
    {
        final ReplyListener raw = settings.replyListener;
        if (raw != null && from.ready)
        {
            decoder.scan(buffer, offset);
            raw.onReply(decoder.correlationId(), decoder.templateId(), decoder.errorWireCode());
            return decoder.end();
        }
        final Object answer = decoder.decode(buffer, offset);
        final long correlationId = decoder.correlationId();
        if (from.authCorrelationId == correlationId && !from.ready)
        {
            onAuthenticated(from, (Result)answer);
            return decoder.end();
        }
        final int templateId = decoder.templateId();
        if (templateId == ChangeEventDecoder.TEMPLATE_ID || templateId == ChannelChangeEventDecoder.TEMPLATE_ID)
        {
            final Subscription subscription;
            synchronized (this)
            {
                subscription = subscriptions.get(correlationId);
            }
            if (subscription != null)
            {
                subscription.deliver(answer);
            }
            return decoder.end();
        }
        final Pending pending;
        synchronized (this)
        {
            pending = inFlight.remove(correlationId);
            if (pending != null && pending.subscription != null)
            {
                if (answer instanceof Result.Subscribed)
                {
                    pending.subscription.opened(((Result.Subscribed)answer).sequence());
                }
                else
                {
                    subscriptions.remove(correlationId);
                }
            }
        }
        if (pending != null)
        {
            if (pending.future == null && !(answer instanceof Result.Subscribed))
            {
                LOG.log(System.Logger.Level.WARNING, "event=client_resubscribe_refused remote=" + settings.host
                    + ":" + settings.port + " answer=" + answer);
                if (settings.resumeRefused != null)
                {
                    settings.resumeRefused.accept((Result)answer);
                }
            }
            pending.complete((Result)answer);
        }
        return decoder.end();
    }

    private void onAuthenticated(final Link from, final Result answer)
    {
        if (answer instanceof Result.Authenticated)
        {
            onReady(from);
            return;
        }
        if (answer instanceof Result.Failure failure && failure.error() != ResultCode.UNAUTHORIZED
            && failure.error() != ResultCode.FORBIDDEN)
        {
            // The server could not check the key now (stopping, overloaded): not a refusal; the backoff tries again.
            from.whenReady.completeExceptionally(new ConnectionLostException("connection to " + settings.host + ":"
                + settings.port + " not authenticated: " + failure.error().code()));
            from.channel.close();
            return;
        }
        final AuthenticationException refused = new AuthenticationException(answer instanceof Result.Failure
            ? (Result.Failure)answer : new Result.Failure(0, ResultCode.INTERNAL, String.valueOf(answer), List.of()));
        from.whenReady.completeExceptionally(refused);
        from.channel.close();
    }

    /** One TCP connection of the client; a reconnection makes a new one. */
    private final class Link implements ClientInbound.AnswerSink
    {
        final Channel channel;
        final FrameOutbox outbox;
        final CompletableFuture<Void> whenReady;
        long authCorrelationId = Long.MIN_VALUE + 1;
        volatile boolean ready;

        Link(final Channel channel, final CompletableFuture<Void> whenReady)
        {
            this.channel = channel;
            this.outbox = new FrameOutbox(channel, REQUEST_FRAME_BYTES, MAX_PENDING_BYTES);
            this.whenReady = whenReady;
        }

        @Override
        public int onAnswer(final ReplyDecoder decoder, final DirectBuffer frame, final int offset)
        {
            return StockholdClient.this.onAnswer(this, decoder, frame, offset);
        }
    }

    /** A request waiting for its answer: the caller's future (null for a resubscription) and its timer. */
    private static final class Pending
    {
        final CompletableFuture<Result> future;
        final Subscription subscription;
        ScheduledFuture<?> timeout;
        /** The connection it was sent on; null while it waits for one. */
        Link sentOn;

        Pending(final CompletableFuture<Result> future, final Subscription subscription)
        {
            this.future = future;
            this.subscription = subscription;
        }

        void complete(final Result answer)
        {
            cancelTimer();
            if (future != null)
            {
                future.complete(answer);
            }
        }

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

    /** A request encoded while no connection was ready, sent when one is. */
    private static final class Waiting
    {
        final long correlationId;
        final byte[] bytes;

        Waiting(final long correlationId, final byte[] bytes)
        {
            this.correlationId = correlationId;
            this.bytes = bytes;
        }
    }

    /** A change-feed subscription: where it is in the feed, so that a reconnection resumes it there. */
    private static final class Subscription
    {
        final String channel;
        final Consumer<Object> events;
        /** The last sequence delivered (or the one the subscription started after). */
        volatile long afterSeq;
        volatile boolean live;

        Subscription(final String channel, final long afterSeq, final Consumer<Object> events)
        {
            this.channel = channel;
            this.afterSeq = afterSeq;
            this.events = events;
        }

        /** The server answered Subscribed: events after {@code sequence} follow (or, resuming, after afterSeq). */
        void opened(final long sequence)
        {
            if (afterSeq == FROM_NOW)
            {
                afterSeq = sequence;
            }
            live = true;
        }

        void deliver(final Object event)
        {
            final long seq = event instanceof Result.ChangeEvent ? ((Result.ChangeEvent)event).seq()
                : ((Result.ChannelChangeEvent)event).seq();
            if (seq <= afterSeq && afterSeq != FROM_NOW)
            {
                return;
            }
            afterSeq = seq;
            events.accept(event);
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
            final StockholdClient client = new StockholdClient(copy());
            try
            {
                client.connect().get(connectTimeout.plus(requestTimeout).toMillis(), TimeUnit.MILLISECONDS);
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
                throw new IOException("no answer from " + host + ":" + port + " within "
                    + connectTimeout.plus(requestTimeout).toMillis() + " ms", ex);
            }
            catch (final InterruptedException ex)
            {
                client.close();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while connecting to " + host + ":" + port, ex);
            }
        }

        private Builder copy()
        {
            final Builder copy = new Builder();
            copy.host = host;
            copy.port = port;
            copy.tls = tls;
            copy.apiKey = apiKey;
            copy.connectTimeout = connectTimeout;
            copy.requestTimeout = requestTimeout;
            copy.reconnectInitial = reconnectInitial;
            copy.reconnectMax = reconnectMax;
            copy.replyListener = replyListener;
            copy.resumeRefused = resumeRefused;
            return copy;
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
