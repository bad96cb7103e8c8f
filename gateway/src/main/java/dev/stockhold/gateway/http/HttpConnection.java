package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.pipeline.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One HTTP/1.1 connection: numbers its requests, and writes their answers strictly in request order
 * (pipelining-safe) whichever thread finishes them. Requests that need the engine are published into
 * the ring with this connection as their {@link Reply}; the responder thread encodes the answer and
 * parks it in this connection's window, and the connection's event loop writes what is next in line.
 * At most {@link #WINDOW} requests may be outstanding: beyond that the connection stops reading.
 * <p>
 * Threads: Netty callbacks run on the channel's event loop; {@link #complete} runs on the responder.
 */
public final class HttpConnection extends ChannelInboundHandlerAdapter implements Reply
{
    /** Most requests in flight on one connection; a power of two. */
    static final int WINDOW = 64;
    private static final int MASK = WINDOW - 1;
    private static final Logger LOG = LoggerFactory.getLogger(HttpConnection.class);
    /** Parked in a request's slot when its channel feed may start: never written, never released. */
    private static final ByteBuf STREAM_START = Unpooled.unreleasableBuffer(Unpooled.buffer(0, 0));

    private final HttpContext context;
    private final AtomicReferenceArray<ByteBuf> ready = new AtomicReferenceArray<>(WINDOW);
    /** Written by the event loop before publishing; read by the responder after the ring's barrier. */
    private final AnswerKind[] kinds = new AnswerKind[WINDOW];
    private final boolean[] closeAfter = new boolean[WINDOW];
    /** The request was a HEAD: its answer goes out without its body. */
    private final boolean[] headOnly = new boolean[WINDOW];
    private final long[] startNanos = new long[WINDOW];
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private Channel channel;
    private long nextIndex;
    private long writeIndex;
    private long streamIndex = -1;
    private long streamAfter;
    /** The sales channel whose feed the stream follows; null for the stock feed. */
    private String streamChannel;
    private boolean streaming;
    private boolean closing;

    /** @param context what all connections share. */
    public HttpConnection(final HttpContext context)
    {
        this.context = context;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx) throws Exception
    {
        channel = ctx.channel();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (streaming || closing)
        {
            // A change-feed stream or a closing connection takes no more requests.
            ReferenceCountUtil.release(msg);
            return;
        }
        final long index = nextIndex++;
        final int slot = (int)(index & MASK);
        startNanos[slot] = System.nanoTime();
        headOnly[slot] = false;
        try
        {
            if (msg instanceof FullHttpRequest request)
            {
                RequestDispatcher.forThread().dispatch(this, request, index);
            }
            else if (msg instanceof BodyAssembler.Oversized oversized)
            {
                closeAfter[slot] = !oversized.keepAlive();
                immediate(index, Answers.forThread().problem(channel.alloc(), ErrorCode.PAYLOAD_TOO_LARGE,
                    "the body is over " + context.limits().maxBodyBytes() + " bytes", null, closeAfter[slot]));
            }
            else if (msg instanceof BodyAssembler.Malformed malformed)
            {
                closeAfter[slot] = true;
                closing = true;
                immediate(index, Answers.forThread().problem(channel.alloc(), ErrorCode.INVALID_REQUEST,
                    malformed.reason(), null, true));
            }
            else
            {
                nextIndex--;
            }
        }
        finally
        {
            ReferenceCountUtil.release(msg);
        }
        if (nextIndex - writeIndex >= WINDOW)
        {
            channel.config().setAutoRead(false);
        }
    }

    // Used by the dispatcher, on the event loop.

    Channel channel()
    {
        return channel;
    }

    HttpContext context()
    {
        return context;
    }

    /** Records how request {@code index} is to be answered, before it is published. */
    void prepare(final long index, final AnswerKind kind, final boolean close)
    {
        final int slot = (int)(index & MASK);
        kinds[slot] = kind;
        closeAfter[slot] = close;
        if (close)
        {
            closing = true;
        }
    }

    /** Request {@code index} was a HEAD: whatever answers it goes out without its body. */
    void answerWithoutBody(final long index)
    {
        headOnly[(int)(index & MASK)] = true;
    }

    /** Answers request {@code index} now, in its turn. Event loop only. */
    void immediate(final long index, final ByteBuf answer)
    {
        ready.set((int)(index & MASK), answer);
        drain();
    }

    /** Turns this connection into a change-feed stream once every earlier answer is written. */
    void startStream(final long index, final long after)
    {
        streaming = true;
        streamIndex = index;
        streamAfter = after;
        drain();
    }

    /**
     * Request {@code index} starts {@code salesChannel}'s feed once the read of the channel published with it
     * answers; the connection reads no further request.
     */
    void prepareStream(final long index, final String salesChannel, final long after)
    {
        prepare(index, AnswerKind.CHANNEL_FEED, true);
        streamChannel = salesChannel;
        streamAfter = after;
    }

    /** Called on the responder thread with the engine's answer. */
    @Override
    public void complete(final Command command, final boolean endOfBatch)
    {
        final long index = command.correlationId;
        final int slot = (int)(index & MASK);
        ByteBuf answer;
        try
        {
            answer = kinds[slot] == AnswerKind.CHANNEL_FEED
                ? (command.result.isOk() ? STREAM_START : Answers.forThread().engineAnswer(channel.alloc(), command,
                    AnswerKind.CHANNEL, true, context.cluster().node() != null))
                : kinds[slot] == AnswerKind.CLUSTER
                ? Answers.forThread().cluster(channel.alloc(), command, context.cluster(), closeAfter[slot])
                : Answers.forThread().engineAnswer(channel.alloc(), command, kinds[slot], closeAfter[slot],
                    context.cluster().node() != null);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("event=encode_failed requestId={} sequence={}", command.requestId, command.sequence, ex);
            answer = Answers.forThread().problem(channel.alloc(), ErrorCode.INTERNAL,
                "internal error, request " + command.requestId, null, closeAfter[slot]);
        }
        context.metrics().recordLatencyNanos(System.nanoTime() - startNanos[slot]);
        ready.set(slot, answer);
        if (drainScheduled.compareAndSet(false, true))
        {
            channel.eventLoop().execute(drainTask);
        }
    }

    /** Writes every answer that is next in line. Event loop only. */
    private void drain()
    {
        drainScheduled.set(false);
        boolean wrote = false;
        while (writeIndex < nextIndex)
        {
            if (writeIndex == streamIndex)
            {
                if (wrote)
                {
                    channel.flush();
                    wrote = false;
                }
                writeIndex++;
                context.feed().subscribe(channel, streamAfter);
                break;
            }
            final int slot = (int)(writeIndex & MASK);
            final ByteBuf answer = ready.getAndSet(slot, null);
            if (answer == null)
            {
                break;
            }
            writeIndex++;
            if (answer == STREAM_START)
            {
                if (wrote)
                {
                    channel.flush();
                    wrote = false;
                }
                streaming = true;
                context.feed().subscribe(channel, streamChannel, streamAfter);
                break;
            }
            if (!channel.isActive())
            {
                answer.release();
                continue;
            }
            if (headOnly[slot])
            {
                ResponseFramer.dropBody(answer);
            }
            if (closeAfter[slot])
            {
                channel.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
                wrote = false;
                break;
            }
            channel.write(answer, channel.voidPromise());
            wrote = true;
        }
        if (wrote)
        {
            channel.flush();
        }
        if (!channel.config().isAutoRead() && !streaming && nextIndex - writeIndex < WINDOW / 2)
        {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) throws Exception
    {
        if (evt instanceof IdleStateEvent)
        {
            if (streaming)
            {
                context.feed().heartbeat(channel);
            }
            else if (writeIndex == nextIndex)
            {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        for (int i = 0; i < WINDOW; i++)
        {
            final ByteBuf left = ready.getAndSet(i, null);
            if (left != null)
            {
                left.release();
            }
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        LOG.debug("event=connection_error remote={} cause=\"{}\"", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
