package dev.stockhold.gateway.binary.client;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.gateway.binary.FrameOutbox;
import dev.stockhold.gateway.binary.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Java client of the binary protocol: pipelined and batched over one TCP connection.
 * <p>
 * Build a request with the engine's {@link Command} builders and {@link #submit} it; the returned future
 * completes with the server's {@link Result} (errors are {@link Result.Failure} values). Any number of
 * requests may be in flight. Requests submitted while the previous frame is being written are batched
 * into the next frame automatically. Thread-safe.
 * <p>
 * For load generation without allocation, {@link #connect(String, int, ReplyListener)} makes a raw
 * client: {@link #send} takes the caller's {@link Command#correlationId} and every answer goes to the
 * listener.
 */
public final class StockholdClient implements AutoCloseable
{
    private static final long MAX_PENDING_BYTES = 256L << 20;
    private static final int MAX_INBOUND_FRAME = 64 << 20;
    /** Requests are batched into frames of at most 64 KiB, well under the server's default 1 MiB limit. */
    private static final int REQUEST_FRAME_BYTES = 64 << 10;

    private final EventLoopGroup group;
    private final Channel channel;
    private final FrameOutbox outbox;
    private final RequestEncoder encoder = new RequestEncoder();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);
    private final Long2ObjectHashMap<CompletableFuture<Result>> inFlight = new Long2ObjectHashMap<>();
    /** The event consumers of open subscriptions, by correlation id: stock feed or channel feed events. */
    private final Long2ObjectHashMap<Consumer<Object>> subscriptions = new Long2ObjectHashMap<>();
    private final ReplyListener rawListener;
    private long nextCorrelationId = 1;
    private boolean closed;

    private StockholdClient(final String host, final int port, final ReplyListener rawListener, final SslContext tls)
        throws IOException
    {
        this.rawListener = rawListener;
        final Transport transport = Transport.best();
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("stockhold-client", true),
            transport.ioHandler());
        final Bootstrap bootstrap = new Bootstrap()
            .group(group)
            .channel(transport.clientChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    if (tls != null)
                    {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc(), host, port));
                    }
                    ch.pipeline().addLast(new ClientInbound(StockholdClient.this, MAX_INBOUND_FRAME));
                }
            });
        try
        {
            this.channel = bootstrap.connect(host, port).syncUninterruptibly().channel();
        }
        catch (final RuntimeException ex)
        {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IOException("cannot connect to " + host + ":" + port, ex);
        }
        this.outbox = new FrameOutbox(channel, REQUEST_FRAME_BYTES, MAX_PENDING_BYTES);
        channel.closeFuture().addListener(future -> failAll(new IOException("connection closed")));
    }

    /**
     * Connects a client whose requests answer with futures.
     *
     * @throws IOException when the connection cannot be made.
     */
    public static StockholdClient connect(final String host, final int port) throws IOException
    {
        return new StockholdClient(host, port, null, null);
    }

    /**
     * Connects a client whose requests answer with futures, over TLS.
     *
     * @param tls the client side of TLS, e.g. {@code TlsFiles.clientContext(serverCertificate)}.
     * @throws IOException when the connection cannot be made.
     */
    public static StockholdClient connect(final String host, final int port, final SslContext tls) throws IOException
    {
        return new StockholdClient(host, port, null, java.util.Objects.requireNonNull(tls));
    }

    /**
     * Connects a raw client: {@link #send} requests, every answer goes to {@code listener}.
     *
     * @throws IOException when the connection cannot be made.
     */
    public static StockholdClient connect(final String host, final int port, final ReplyListener listener)
        throws IOException
    {
        return new StockholdClient(host, port, java.util.Objects.requireNonNull(listener), null);
    }

    /**
     * Authenticates this connection with an API key's secret: a server with keys answers everything else
     * ERR_UNAUTHORIZED until then, and messages outside the key's scopes ERR_FORBIDDEN. Send it first.
     *
     * @return {@link Result.Authenticated}, or a failure (ERR_UNAUTHORIZED for an unknown secret); for a raw
     * client the answer goes to its listener and the future completes with null once the request is sent.
     */
    public CompletableFuture<Result> authenticate(final String secret)
    {
        final CompletableFuture<Result> future = new CompletableFuture<>();
        synchronized (this)
        {
            if (closed)
            {
                future.completeExceptionally(new IOException("client closed"));
                return future;
            }
            final long correlationId = nextCorrelationId++;
            if (rawListener == null)
            {
                inFlight.put(correlationId, future);
            }
            write(encoder.encodeAuthenticate(correlationId, secret, scratch, 0));
            if (rawListener != null)
            {
                future.complete(null);
            }
        }
        return future;
    }

    /**
     * Sends each request's own engine time ({@link Command#timestampMillis}, when non-zero) before it, for
     * a server started with {@code --replay-target}: how a replay rebuilds exactly the recorded state.
     * Call before the first request.
     *
     * @return this client.
     */
    public StockholdClient stampRecordedTimes()
    {
        encoder.stampRecordedTimes(true);
        return this;
    }

    /**
     * Sends {@code request} (a lock, settle, set, adjust, receive or read built with the {@link Command}
     * builders); its correlation id is assigned here. The command may be reused as soon as this returns.
     *
     * @return the answer; completes exceptionally only if the connection is lost.
     */
    public CompletableFuture<Result> submit(final Command request)
    {
        final CompletableFuture<Result> future = new CompletableFuture<>();
        synchronized (this)
        {
            if (closed || rawListener != null)
            {
                future.completeExceptionally(closed ? new IOException("client closed")
                    : new IllegalStateException("a raw client answers through its listener"));
                return future;
            }
            final long correlationId = nextCorrelationId++;
            request.correlationId = correlationId;
            inFlight.put(correlationId, future);
            write(encoder.encode(request, scratch, 0));
        }
        return future;
    }

    /**
     * Raw clients: sends {@code request} with its own {@link Command#correlationId}; allocates nothing.
     *
     * @return false when the connection is closed or too far behind.
     */
    public boolean send(final Command request)
    {
        synchronized (this)
        {
            return !closed && outbox.append(scratch.byteArray(), 0, encoder.encode(request, scratch, 0));
        }
    }

    /**
     * Subscribes to the change feed.
     *
     * @param afterSeq the last sequence already seen, or {@link Command#ABSENT} to start from now.
     * @param events   called on the client's thread with each change event, in engine order.
     * @return {@link Result.Subscribed} once live, or a failure such as ERR_GONE.
     */
    public CompletableFuture<Result> subscribe(final long afterSeq, final Consumer<Result.ChangeEvent> events)
    {
        return subscribe(null, afterSeq, event -> events.accept((Result.ChangeEvent)event));
    }

    /**
     * Subscribes to one channel's feed: an event per command that changed a published quantity of the channel.
     *
     * @param channel  the channel's code.
     * @param afterSeq the last sequence already seen, or {@link Command#ABSENT} to start from now.
     * @param events   called on the client's thread with each channel event, in engine order.
     * @return {@link Result.Subscribed} once live, or a failure such as ERR_GONE or ERR_CHANNEL_NOT_FOUND.
     */
    public CompletableFuture<Result> subscribeChannel(final String channel, final long afterSeq,
        final Consumer<Result.ChannelChangeEvent> events)
    {
        return subscribe(channel, afterSeq, event -> events.accept((Result.ChannelChangeEvent)event));
    }

    private CompletableFuture<Result> subscribe(final String channel, final long afterSeq,
        final Consumer<Object> events)
    {
        final CompletableFuture<Result> future = new CompletableFuture<>();
        synchronized (this)
        {
            if (closed || rawListener != null)
            {
                future.completeExceptionally(new IllegalStateException("client closed or raw"));
                return future;
            }
            final long correlationId = nextCorrelationId++;
            inFlight.put(correlationId, future);
            subscriptions.put(correlationId, events);
            write(channel == null ? encoder.encodeSubscribe(correlationId, afterSeq, scratch, 0)
                : encoder.encodeSubscribeChannel(correlationId, channel, afterSeq, scratch, 0));
        }
        return future;
    }

    /** Shortcut: locks {@code quantity} of {@code sku} in {@code warehouse} (null: the engine chooses). */
    public CompletableFuture<Result> lock(final String orderId, final String sku, final String warehouse,
        final long quantity)
    {
        final Command command = new Command().lock(orderId, null, 0, false, false);
        command.lines.add(sku, warehouse, quantity);
        return submit(command);
    }

    /** Shortcut: releases, deducts or returns the whole order. */
    public CompletableFuture<Result> settle(final CommandType type, final String orderId)
    {
        return submit(new Command().settle(type, orderId));
    }

    /** Shortcut: sets the on-hand count of one cell. */
    public CompletableFuture<Result> setOnHand(final String sku, final String warehouse, final long onHand)
    {
        final Command command = new Command().setStock();
        command.items.add(sku, warehouse, onHand, Command.ABSENT, Command.ABSENT, Command.ABSENT);
        return submit(command);
    }

    /** Shortcut: the levels of one cell, or of every warehouse of a SKU when {@code warehouse} is null. */
    public CompletableFuture<Result> getStock(final String sku, final String warehouse)
    {
        return submit(new Command().getStock(sku, warehouse));
    }

    /** Shortcut: the ledger's state digest. */
    public CompletableFuture<Result> getDigest()
    {
        return submit(new Command().getDigest());
    }

    /** Closes the connection; answers still in flight fail with an IOException. */
    @Override
    public void close()
    {
        synchronized (this)
        {
            closed = true;
        }
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void write(final int length)
    {
        if (!outbox.append(scratch.byteArray(), 0, length))
        {
            channel.close();
        }
    }

    /** Event loop: one answer arrived. */
    void onAnswer(final ReplyDecoder decoder, final org.agrona.DirectBuffer buffer, final int offset)
    {
        if (rawListener != null)
        {
            decoder.scan(buffer, offset);
            rawListener.onReply(decoder.correlationId(), decoder.templateId(), decoder.errorWireCode());
            return;
        }
        final Object answer = decoder.decode(buffer, offset);
        final long correlationId = decoder.correlationId();
        if (answer instanceof Result.ChangeEvent || answer instanceof Result.ChannelChangeEvent)
        {
            final Consumer<Object> events;
            synchronized (this)
            {
                events = subscriptions.get(correlationId);
            }
            if (events != null)
            {
                events.accept(answer);
            }
            return;
        }
        final CompletableFuture<Result> future;
        synchronized (this)
        {
            future = inFlight.remove(correlationId);
            if (!(answer instanceof Result.Subscribed))
            {
                subscriptions.remove(correlationId);
            }
        }
        if (future != null)
        {
            future.complete((Result)answer);
        }
    }

    private void failAll(final IOException cause)
    {
        final List<CompletableFuture<Result>> failed;
        synchronized (this)
        {
            closed = true;
            failed = new ArrayList<>(inFlight.values());
            inFlight.clear();
        }
        outbox.close();
        for (final CompletableFuture<Result> future : failed)
        {
            future.completeExceptionally(cause);
        }
    }
}
