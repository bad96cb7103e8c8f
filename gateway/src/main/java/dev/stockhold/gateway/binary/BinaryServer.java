package dev.stockhold.gateway.binary;

import dev.stockhold.client.transport.Transport;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.pipeline.EngineFailure;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.gateway.os.RealtimeScheduling;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The binary protocol server: SBE messages in length-prefixed frames over TCP, pipelined (see
 * {@code src/main/resources/sbe/stockhold-schema.xml} and docs/binary-client.md).
 * <p>
 * Requests are decoded and validated on the event loop and published into the engine's ring; answers
 * are encoded on the engine's responder thread (the pipeline's {@code ReplyingResponder} calls each
 * request's reply) and handed to the event loop in batches. Nothing blocks an event loop: a full ring is
 * answered ERR_OVERLOADED.
 * <p>
 * Lifecycle: construct, {@link #start()}, {@link #stopAccepting()}, {@link #close()}; the pipeline is
 * started and closed by its owner, the server only publishes into it.
 */
public final class BinaryServer implements AutoCloseable
{
    private static final System.Logger LOG = System.getLogger(BinaryServer.class.getName());

    private final Predicate<Command> publisher;
    private final BinaryChangeFeed feed;
    private final BinaryServerConfig config;
    private final ReplyEncoder responderEncoder = new ReplyEncoder();
    private RealtimeScheduling scheduling = RealtimeScheduling.OFF;
    private EngineFailure failure = new EngineFailure();
    private EventLoopGroup group;
    private Channel serverChannel;
    /** The open accepted connections (a closed one leaves by itself), for {@link #close()} to close. */
    private final ChannelGroup connections = new DefaultChannelGroup("stockhold-binary", GlobalEventExecutor.INSTANCE);

    /** A server without a change feed, with default limits. */
    public BinaryServer(final EnginePipeline pipeline, final String host, final int port)
    {
        this(pipeline::tryPublish, null, BinaryServerConfig.defaults(host, port));
    }

    /** A server publishing into {@code pipeline}; see the publisher constructor. */
    public BinaryServer(final EnginePipeline pipeline, final BinaryChangeFeed feed, final BinaryServerConfig config)
    {
        this(pipeline::tryPublish, feed, config);
    }

    /**
     * @param publisher the engine's entrance, {@code pipeline::tryPublish}: copies the command into the ring,
     *                  false when full. The pipeline's responder must be a {@code ReplyingResponder}.
     * @param feed      the change feed wired as that responder's observer, or null for none (Subscribe is
     *                  then answered ERR_INVALID_REQUEST).
     * @param config    address and limits.
     */
    public BinaryServer(final Predicate<Command> publisher, final BinaryChangeFeed feed,
        final BinaryServerConfig config)
    {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.feed = feed;
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Sets the event loops' scheduling priority (none unless set); before {@link #start()}. */
    public BinaryServer scheduling(final RealtimeScheduling eventLoopScheduling)
    {
        this.scheduling = Objects.requireNonNull(eventLoopScheduling);
        return this;
    }

    /** The engine's fail-stop switch: once tripped, refused requests are ERR_INTERNAL, not ERR_OVERLOADED. */
    public BinaryServer failure(final EngineFailure engineFailure)
    {
        this.failure = Objects.requireNonNull(engineFailure);
        return this;
    }

    /**
     * Binds and starts accepting connections; returns once bound.
     *
     * @throws InterruptedException if interrupted while binding.
     */
    public BinaryServer start() throws InterruptedException
    {
        final Transport transport = Transport.best();
        group = new MultiThreadIoEventLoopGroup(config.ioThreads(),
            scheduling.eventLoopThreads("stockhold-binary", true), transport.ioHandler());
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    connections.add(channel);
                    if (config.tls() != null)
                    {
                        channel.pipeline().addLast("tls", config.tls().newHandler(channel.alloc()));
                    }
                    channel.pipeline().addLast(
                        new BinaryConnection(channel, publisher, failure, feed, config, responderEncoder));
                }
            });
        try
        {
            serverChannel = bootstrap.bind(config.host(), config.port()).sync().channel();
        }
        catch (final InterruptedException | RuntimeException ex)
        {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw ex;
        }
        LOG.log(System.Logger.Level.INFO, "event=binary_listening address=" + serverChannel.localAddress()
            + " transport=" + transport.name().toLowerCase(java.util.Locale.ROOT) + " tls=" + (config.tls() != null));
        return this;
    }

    /** @return the bound address (with the ephemeral port when configured with 0). */
    public InetSocketAddress localAddress()
    {
        return (InetSocketAddress)serverChannel.localAddress();
    }

    /** @return the bound port (the ephemeral one when configured with 0). */
    public int port()
    {
        return localAddress().getPort();
    }

    /** Stops accepting new connections; open ones are served until {@link #close()}. */
    public void stopAccepting()
    {
        if (serverChannel != null)
        {
            serverChannel.close().syncUninterruptibly();
        }
    }

    /** Stops accepting, closes every connection and stops the event loops; answers still in flight are lost. */
    @Override
    public void close()
    {
        if (group == null)
        {
            return;
        }
        stopAccepting();
        // Every accepted connection is closed here, while the event loops still run, and waited for. Stopping the
        // loops (no quiet period) does not reliably do it: when the stop lands while a loop runs its last task (the
        // close of the listening socket, just waited for above), Netty's loop ends without closing the channels
        // registered on it, and their sockets stay open with nobody reading: a client would never learn that the
        // server stopped, and would not reconnect.
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        group = null;
    }
}
