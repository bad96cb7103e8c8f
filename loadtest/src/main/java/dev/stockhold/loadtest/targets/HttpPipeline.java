package dev.stockhold.loadtest.targets;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 keep-alive connections with pipelining, on Netty: requests are written as they come and the
 * answers, which HTTP/1.1 returns in request order, complete the oldest pending future. Several
 * connections share one event loop thread. Thread-safe.
 */
final class HttpPipeline implements AutoCloseable
{
    private static final int MAX_RESPONSE_BYTES = 64 << 20;

    private final EventLoopGroup group;
    private final Connection[] connections;
    private final String hostHeader;
    private final String authorization;
    private int next;

    /**
     * @param tls           the client side of TLS, or null for plain HTTP.
     * @param authorization the Authorization header of every request, or null.
     * @throws IOException when a connection cannot be made.
     */
    HttpPipeline(final String host, final int port, final int count, final SslContext tls,
        final String authorization) throws IOException
    {
        this.hostHeader = host + ":" + port;
        this.authorization = authorization;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("loadtest-http", true),
            NioIoHandler.newFactory());
        this.connections = new Connection[count];
        try
        {
            for (int i = 0; i < count; i++)
            {
                connections[i] = new Connection();
                final Connection connection = connections[i];
                connection.channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
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
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE_BYTES),
                                new Inbound(connection));
                        }
                    })
                    .connect(host, port).syncUninterruptibly().channel();
                connection.channel.closeFuture().addListener(future -> connection.failAll());
            }
        }
        catch (final RuntimeException ex)
        {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IOException("cannot connect to " + hostHeader, ex);
        }
    }

    /** Sends {@code call} on the next connection; @return its answer (lost if the connection fails). */
    CompletableFuture<Answer> send(final HttpRequests.Call call)
    {
        final Connection connection;
        synchronized (this)
        {
            connection = connections[next];
            next = (next + 1) % connections.length;
        }
        final ByteBuf body = call.body() == null ? Unpooled.EMPTY_BUFFER
            : Unpooled.wrappedBuffer(call.body().getBytes(StandardCharsets.UTF_8));
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
            HttpMethod.valueOf(call.method()), call.path(), body);
        request.headers().set(HttpHeaderNames.HOST, hostHeader).setInt(HttpHeaderNames.CONTENT_LENGTH,
            body.readableBytes());
        if (call.body() != null)
        {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        }
        if (authorization != null)
        {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, authorization);
        }
        if (call.idempotencyKey() != null)
        {
            request.headers().set("Idempotency-Key", call.idempotencyKey());
        }
        final CompletableFuture<Answer> answer = new CompletableFuture<>();
        synchronized (connection)
        {
            if (connection.closed)
            {
                answer.complete(Answer.lost("connection closed"));
                return answer;
            }
            // Queued under one lock, and written by a task even from the event loop itself (a direct write there
            // would overtake writes other threads already scheduled): the queue's order is the order on the wire.
            connection.pending.add(answer);
            final Channel channel = connection.channel;
            channel.eventLoop().execute(() -> channel.writeAndFlush(request));
        }
        return answer;
    }

    @Override
    public void close()
    {
        for (final Connection connection : connections)
        {
            if (connection != null && connection.channel != null)
            {
                connection.channel.close().syncUninterruptibly();
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One connection's answers still to come, oldest first. */
    private static final class Connection
    {
        final ArrayDeque<CompletableFuture<Answer>> pending = new ArrayDeque<>();
        Channel channel;
        boolean closed;

        CompletableFuture<Answer> oldest()
        {
            synchronized (this)
            {
                return pending.poll();
            }
        }

        void failAll()
        {
            final List<CompletableFuture<Answer>> failed;
            synchronized (this)
            {
                closed = true;
                failed = new ArrayList<>(pending);
                pending.clear();
            }
            for (final CompletableFuture<Answer> future : failed)
            {
                future.complete(Answer.lost("connection closed"));
            }
        }
    }

    /** Event loop: each whole answer completes the oldest pending request of its connection. */
    private static final class Inbound extends SimpleChannelInboundHandler<FullHttpResponse>
    {
        private final Connection connection;

        Inbound(final Connection connection)
        {
            this.connection = connection;
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpResponse response)
        {
            final CompletableFuture<Answer> future = connection.oldest();
            if (future != null)
            {
                future.complete(HttpAnswers.parse(response.status().code(), response.headers().get("Stockhold-Seq"),
                    response.headers().get("Idempotent-Replay"), response.content().toString(StandardCharsets.UTF_8)));
            }
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ctx.close();
        }
    }
}
