package dev.stockhold.client;

import dev.stockhold.client.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Makes a client's connections (TCP, then TLS when set) on the client's own one-thread event loop, runs its
 * timers there, and spaces reconnection attempts with {@link Backoff}.
 */
final class Connector
{
    /** What happens to a connection, told on its event loop. */
    interface Events
    {
        /** TCP (and TLS) is up: authenticate, or it is ready at once. */
        void onConnected(Link created);

        /** The connection closed, whether or not it was ever ready. */
        void onDisconnected(Link lost);
    }

    private static final System.Logger LOG = System.getLogger(Connector.class.getName());
    private static final int MAX_INBOUND_FRAME = 64 << 20;
    private static final AttributeKey<Link> LINK = AttributeKey.valueOf("stockhold.link");

    private final ClientSettings settings;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    /** Guarded by this object's monitor, as is {@link #reconnectScheduled}. */
    private final Backoff backoff;
    private boolean reconnectScheduled;

    Connector(final ClientSettings settings)
    {
        this.settings = settings;
        this.backoff = new Backoff(settings.reconnectInitial(), settings.reconnectMax(),
            () -> ThreadLocalRandom.current().nextDouble());
        final Transport transport = Transport.best();
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("stockhold-client", true),
            transport.ioHandler());
        this.bootstrap = new Bootstrap()
            .group(group)
            .channel(transport.clientChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)Math.min(Integer.MAX_VALUE,
                settings.connectTimeout().toMillis()));
    }

    /**
     * Connects once.
     *
     * @return completes when the connection is ready (authenticated, with a key), or fails when it cannot be
     * made or closes first.
     */
    CompletableFuture<Void> connect(final Link.Answers answers, final Events events)
    {
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final ChannelFuture connecting = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>()
        {
            @Override
            protected void initChannel(final SocketChannel ch)
            {
                final Link created = new Link(ch, ready, answers);
                if (settings.tls() != null)
                {
                    ch.pipeline().addLast(settings.tls().newHandler(ch.alloc(), settings.host(), settings.port()));
                }
                ch.pipeline().addLast(new ClientInbound(created, MAX_INBOUND_FRAME));
                ch.closeFuture().addListener(closed -> events.onDisconnected(created));
                ch.attr(LINK).set(created);
            }
        }).connect(settings.host(), settings.port());
        connecting.addListener(result ->
        {
            if (result.isSuccess())
            {
                events.onConnected(connecting.channel().attr(LINK).get());
            }
            else
            {
                ready.completeExceptionally(new IOException("cannot connect to " + settings.remote() + ": "
                    + result.cause(), result.cause()));
            }
        });
        return ready;
    }

    /** Runs {@code task} on the client's event loop after {@code delayNanos}. */
    ScheduledFuture<?> schedule(final Runnable task, final long delayNanos)
    {
        return group.next().schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Runs {@code attempt} on the event loop after the next backoff delay, unless one is scheduled already. */
    synchronized void scheduleReconnect(final Runnable attempt)
    {
        if (reconnectScheduled)
        {
            return;
        }
        reconnectScheduled = true;
        final long delay = backoff.nextDelayMillis();
        LOG.log(System.Logger.Level.INFO, "event=client_reconnect remote=" + settings.remote() + " delay_ms="
            + delay);
        group.next().schedule(attempt, delay, TimeUnit.MILLISECONDS);
    }

    /** The scheduled attempt has started: its failure may schedule the next. */
    synchronized void reconnectStarted()
    {
        reconnectScheduled = false;
    }

    /** A connection is ready: the next loss starts the backoff over. */
    synchronized void connected()
    {
        backoff.reset();
    }

    /** Stops the event loop (closing what is still open on it), waiting up to 5 s. */
    void shutdown()
    {
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
