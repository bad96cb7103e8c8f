package dev.stockhold.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

import java.nio.charset.StandardCharsets;

/**
 * Collects a request and its body into one {@code FullHttpRequest}, with the API's limit: a body over
 * {@code maxBodyBytes} is discarded as it arrives (so the connection stays usable) and becomes an
 * {@link Oversized} marker; a request the decoder could not parse becomes a {@link Malformed} marker.
 * One per connection, on its event loop.
 */
final class BodyAssembler extends ChannelInboundHandlerAdapter
{
    /** A request whose body was over the limit. */
    record Oversized(boolean keepAlive)
    {
    }

    /** A request the HTTP decoder rejected (line or headers too long, bad syntax). */
    record Malformed(String reason)
    {
    }

    private static final ByteBuf CONTINUE = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(
        "HTTP/1.1 100 Continue\r\n\r\n", StandardCharsets.US_ASCII));

    private final int maxBodyBytes;
    private HttpRequest head;
    private ByteBuf body;
    private boolean oversized;

    BodyAssembler(final int maxBodyBytes)
    {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (msg instanceof HttpRequest request)
        {
            startRequest(ctx, request);
        }
        if (msg instanceof HttpContent content)
        {
            try
            {
                appendContent(content.content());
            }
            finally
            {
                content.release();
            }
            if (msg instanceof LastHttpContent && head != null)
            {
                finishRequest(ctx);
            }
        }
    }

    private void startRequest(final ChannelHandlerContext ctx, final HttpRequest request)
    {
        releaseBody();
        if (request.decoderResult().isFailure())
        {
            head = null;
            final Throwable cause = request.decoderResult().cause();
            ctx.fireChannelRead(new Malformed(cause == null ? "malformed request" : cause.getMessage()));
            return;
        }
        head = request;
        final long declared = HttpUtil.getContentLength(request, -1L);
        oversized = declared > maxBodyBytes;
        if (!oversized && request.headers().contains(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE, true))
        {
            ctx.writeAndFlush(CONTINUE.duplicate());
        }
        if (!oversized)
        {
            body = ctx.alloc().heapBuffer(declared > 0 ? (int)declared : 256, maxBodyBytes);
        }
    }

    private void appendContent(final ByteBuf content)
    {
        if (oversized || head == null || !content.isReadable())
        {
            return;
        }
        if (body.readableBytes() + content.readableBytes() > maxBodyBytes)
        {
            oversized = true;
            releaseBody();
            return;
        }
        body.writeBytes(content);
    }

    private void finishRequest(final ChannelHandlerContext ctx)
    {
        final HttpRequest request = head;
        head = null;
        if (oversized)
        {
            ctx.fireChannelRead(new Oversized(HttpUtil.isKeepAlive(request)));
            return;
        }
        final ByteBuf content = body;
        body = null;
        ctx.fireChannelRead(new DefaultFullHttpRequest(request.protocolVersion(), request.method(), request.uri(),
            content, request.headers(), EmptyHttpHeaders.INSTANCE));
    }

    private void releaseBody()
    {
        if (body != null)
        {
            body.release();
            body = null;
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        releaseBody();
        super.channelInactive(ctx);
    }
}
