package dev.stockhold.gateway.http;

import dev.stockhold.gateway.os.RealtimeScheduling;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.1 server: Netty event loops (epoll when available, else NIO) that decode requests, check
 * them and publish commands into the ring, never blocking. Per connection:
 * <pre>
 *   limiter → idle timer → HTTP decoder (line and header limits) → body assembler (body limit)
 *           → flow control (holds pipelined requests while the window is full) → connection
 * </pre>
 */
public final class HttpGateway implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(HttpGateway.class);

    private final HttpContext context;
    private final ConnectionLimiter limiter;
    private final EventLoopGroup group;
    private final boolean epoll;
    private Channel serverChannel;
    /** The open accepted connections (a closed one leaves by itself), for {@link #close()} to close. */
    private final ChannelGroup connections = new DefaultChannelGroup("stockhold-http", GlobalEventExecutor.INSTANCE);

    /**
     * @param context what every connection shares.
     * @param threads    event-loop threads (0 for {@link #defaultThreads()}).
     * @param scheduling the event loops' scheduling priority.
     */
    public HttpGateway(final HttpContext context, final int threads, final RealtimeScheduling scheduling)
    {
        this.context = context;
        this.limiter = new ConnectionLimiter(context.limits().maxConnections());
        this.epoll = Epoll.isAvailable();
        final IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads > 0 ? threads : defaultThreads(),
            scheduling.eventLoopThreads("stockhold-http", false), io);
    }

    /**
     * @return one event loop per two processors, at least one. Netty's default, two per processor, left
     * four loops and the engine thread taking turns on this 2-core machine: with wrk, one loop served 35k
     * locks/s where four served 23k (docs/BENCHMARKS.md).
     */
    public static int defaultThreads()
    {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * Binds and starts accepting, in plain HTTP.
     *
     * @return the bound address (the real port when {@code port} is 0).
     */
    public InetSocketAddress start(final String host, final int port) throws InterruptedException
    {
        return start(host, port, null);
    }

    /**
     * Binds and starts accepting; with {@code tls}, every connection speaks HTTPS.
     *
     * @return the bound address (the real port when {@code port} is 0).
     */
    public InetSocketAddress start(final String host, final int port, final SslContext tls) throws InterruptedException
    {
        final HttpLimits limits = context.limits();
        final Class<? extends ServerChannel> channelType =
            epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(channelType)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    connections.add(channel);
                    final ChannelPipeline pipeline = channel.pipeline();
                    pipeline.addLast("limiter", limiter);
                    if (tls != null)
                    {
                        pipeline.addLast("tls", tls.newHandler(channel.alloc()));
                    }
                    pipeline.addLast("idle", new IdleStateHandler(0, 0, limits.idleTimeoutSeconds(), TimeUnit.SECONDS));
                    pipeline.addLast("decoder", new HttpRequestDecoder(new HttpDecoderConfig()
                        .setMaxInitialLineLength(limits.maxInitialLineBytes())
                        .setMaxHeaderSize(limits.maxHeaderBytes())
                        .setMaxChunkSize(64 * 1024)));
                    pipeline.addLast("body", new BodyAssembler(limits.maxBodyBytes()));
                    pipeline.addLast("flow", new FlowControlHandler());
                    pipeline.addLast("connection", new HttpConnection(context));
                }
            });
        serverChannel = bootstrap.bind(host, port).sync().channel();
        final InetSocketAddress address = (InetSocketAddress)serverChannel.localAddress();
        LOG.info("event=http_listening address={} transport={} tls={}", address, epoll ? "epoll" : "nio", tls != null);
        return address;
    }

    /** @return open connections, for metrics. */
    public int connections()
    {
        return limiter.open();
    }

    /** Stops accepting new connections; open ones keep being served. */
    public void stopAccepting()
    {
        if (serverChannel != null)
        {
            serverChannel.close().syncUninterruptibly();
        }
    }

    /** Closes every connection and stops the event loops; a second call does nothing. */
    @Override
    public void close()
    {
        if (group.isShuttingDown())
        {
            return;
        }
        stopAccepting();
        // Closed here, while the loops still run: a stop of the loops that lands while one runs its last task
        // (the listening socket's close) can end it without closing the channels registered on it, and a
        // keep-alive client would then never learn that the server stopped.
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
