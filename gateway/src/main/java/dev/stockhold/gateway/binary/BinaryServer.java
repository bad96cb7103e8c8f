package dev.stockhold.gateway.binary;

import dev.stockhold.engine.pipeline.EnginePipeline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The binary protocol server: SBE messages in length-prefixed frames over TCP, pipelined (see
 * {@code src/main/resources/sbe/stockhold-schema.xml} and docs/binary-client.md).
 * <p>
 * Requests are decoded and validated on the event loop and published into the engine's ring; answers
 * are encoded on the engine's responder thread (the pipeline's {@code ReplyingResponder} calls each
 * request's reply) and handed to the event loop in batches. Nothing blocks an event loop: a full ring is
 * answered ERR_OVERLOADED.
 * <p>
 * Lifecycle: construct, {@link #start()}, {@link #close()}; the pipeline is started and closed by its
 * owner, the server only publishes into it.
 */
public final class BinaryServer implements AutoCloseable
{
    private static final System.Logger LOG = System.getLogger(BinaryServer.class.getName());

    private final EnginePipeline pipeline;
    private final BinaryChangeFeed feed;
    private final BinaryServerConfig config;
    private final ReplyEncoder responderEncoder = new ReplyEncoder();
    private EventLoopGroup group;
    private Channel serverChannel;

    /** A server without a change feed, with default limits. */
    public BinaryServer(final EnginePipeline pipeline, final String host, final int port)
    {
        this(pipeline, null, BinaryServerConfig.defaults(host, port));
    }

    /**
     * @param pipeline the engine; its responder must be a {@code ReplyingResponder}.
     * @param feed     the change feed wired as that responder's observer, or null for none (Subscribe is then
     *                 answered ERR_INVALID_REQUEST).
     * @param config   address and limits.
     */
    public BinaryServer(final EnginePipeline pipeline, final BinaryChangeFeed feed, final BinaryServerConfig config)
    {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.feed = feed;
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Binds and starts accepting connections; returns once bound.
     *
     * @throws InterruptedException if interrupted while binding.
     */
    public BinaryServer start() throws InterruptedException
    {
        group = new MultiThreadIoEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("stockhold-binary", true),
            NioIoHandler.newFactory());
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    channel.pipeline().addLast(
                        new BinaryConnection(channel, pipeline, feed, config, responderEncoder));
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
        LOG.log(System.Logger.Level.INFO, "binary protocol listening on " + serverChannel.localAddress());
        return this;
    }

    /** @return the bound port (the ephemeral one when configured with 0). */
    public int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /** Stops accepting, closes every connection and stops the event loops; answers still in flight are lost. */
    @Override
    public void close()
    {
        if (group == null)
        {
            return;
        }
        if (serverChannel != null)
        {
            serverChannel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        group = null;
    }
}
