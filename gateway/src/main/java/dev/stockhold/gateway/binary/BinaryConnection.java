package dev.stockhold.gateway.binary;

import dev.stockhold.client.transport.FrameOutbox;
import dev.stockhold.client.transport.FrameView;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.pipeline.EngineFailure;
import dev.stockhold.engine.pipeline.Reply;
import dev.stockhold.gateway.security.ApiKey;
import dev.stockhold.gateway.security.ApiKeys;
import dev.stockhold.gateway.security.Scope;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.agrona.DirectBuffer;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One binary protocol connection, on its event loop: cuts the byte stream into length-prefixed frames,
 * decodes each request of a frame into a reused {@link Command} and publishes it into the ring; the
 * engine's responder answers through {@link #reply}.
 * <p>
 * A frame with a bad length cannot be resynchronised: it is answered (correlation id 0)
 * ERR_PAYLOAD_TOO_LARGE when longer than the limit, ERR_INVALID_REQUEST when shorter than a message
 * header (or negative), and the connection is closed. A request that cannot be read or is invalid is answered
 * ERR_INVALID_REQUEST or ERR_INVALID_QUANTITY and changes nothing; a full ring is ERR_OVERLOADED. When
 * the connection cannot keep up with its answers, reading stops until it can.
 * <p>
 * With API keys configured, a connection first sends {@code Authenticate} with a key's secret; until then every
 * message is answered ERR_UNAUTHORIZED, a message outside its key's scopes ERR_FORBIDDEN (the scopes of
 * HTTP: reads need {@code read}, reservations {@code reserve}, stock counts and the channel, listing,
 * allocation and kit writes {@code stock}), and one over its
 * key's rate ERR_RATE_LIMITED, changing nothing.
 */
final class BinaryConnection extends ByteToMessageDecoder
{
    private static final System.Logger LOG = System.getLogger(BinaryConnection.class.getName());

    /** Answers are framed in pieces of at most this size (clients accept up to 64 MiB). */
    private static final int ANSWER_FRAME_BYTES = 256 * 1024;

    private final Predicate<Command> publisher;
    private final EngineFailure failure;
    private final BinaryChangeFeed feed;
    private final int maxFrameLength;
    private final FrameOutbox outbox;
    private final Reply reply;
    private final RequestDecoder decoder;
    private final ApiKeys keys;
    /** The key this connection acts as; null until it authenticates (with keys configured). */
    private ApiKey key;
    /** The engine time a replay stamped for the next command (replay targets only); 0 when none. */
    private long stampMillis;
    private final ReplyEncoder errors = new ReplyEncoder();
    private final Command request = new Command();
    private final FrameView frames = new FrameView();
    private boolean closing;

    /**
     * @param responderEncoder the encoder of the engine's responder thread, shared by all connections.
     */
    BinaryConnection(final Channel channel, final Predicate<Command> publisher, final EngineFailure failure,
        final BinaryChangeFeed feed, final BinaryServerConfig config, final ReplyEncoder responderEncoder)
    {
        this.publisher = publisher;
        this.failure = failure;
        this.feed = feed;
        this.decoder = new RequestDecoder(config.replayTarget());
        this.keys = config.keys();
        this.key = keys.enabled() ? null : ApiKey.ANONYMOUS;
        this.maxFrameLength = config.maxFrameLength();
        this.outbox = new FrameOutbox(channel, ANSWER_FRAME_BYTES, config.maxPendingBytes());
        this.reply = (command, endOfBatch) ->
        {
            final int length = responderEncoder.encodeResult(command);
            if (length > 0 && !outbox.append(responderEncoder.buffer().byteArray(), 0, length))
            {
                channel.close();
            }
        };
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
    {
        while (!closing && in.readableBytes() >= FrameOutbox.LENGTH_FIELD)
        {
            final int index = in.readerIndex();
            final int length = in.getIntLE(index);
            if (length < 8 || length > maxFrameLength)
            {
                if (length < 8)
                {
                    rejectFrame(ctx, ErrorCode.INVALID_REQUEST, "frame too short");
                }
                else
                {
                    rejectFrame(ctx, ErrorCode.PAYLOAD_TOO_LARGE, "frame longer than the server's limit");
                }
                break;
            }
            if (in.readableBytes() < FrameOutbox.LENGTH_FIELD + length)
            {
                return;
            }
            onFrame(in, index + FrameOutbox.LENGTH_FIELD, length);
            in.skipBytes(FrameOutbox.LENGTH_FIELD + length);
        }
        if (closing)
        {
            in.skipBytes(in.readableBytes());
        }
    }

    private void onFrame(final ByteBuf in, final int index, final int length)
    {
        final DirectBuffer frame = frames.wrap(in, index, length);
        int offset = 0;
        while (offset < length)
        {
            final int outcome = decoder.decode(frame, offset, length, request);
            final long correlationId = decoder.correlationId();
            if (outcome == RequestDecoder.AUTHENTICATE)
            {
                authenticate(correlationId, decoder.secret());
            }
            else if ((key == null || outcome != RequestDecoder.INVALID) && !permitted(correlationId, outcome))
            {
                request.clear();
            }
            else if (outcome == RequestDecoder.COMMAND)
            {
                publish(correlationId);
            }
            else if (outcome == RequestDecoder.SUBSCRIBE)
            {
                subscribe(correlationId, decoder.salesChannel(), decoder.afterSeq());
            }
            else if (outcome == RequestDecoder.STAMP)
            {
                stampMillis = decoder.stampMillis();
            }
            else
            {
                answerError(correlationId, decoder.error(), decoder.errorDetail());
            }
            final int end = decoder.messageEnd();
            if (end < 0)
            {
                break;
            }
            offset = end;
        }
    }

    /** The key's secret names the key this connection acts as from now on; a wrong one leaves it with none. */
    private void authenticate(final long correlationId, final String secret)
    {
        key = keys.authenticateSecret(secret);
        if (key == null)
        {
            answerError(correlationId, ErrorCode.UNAUTHORIZED, "no API key has this secret");
            return;
        }
        final int length = errors.encodeAuthenticated(correlationId, key.id());
        outbox.append(errors.buffer().byteArray(), 0, length);
    }

    /**
     * @return true when this connection's key may send the message just decoded, as over HTTP; else it is
     * answered ERR_UNAUTHORIZED or ERR_FORBIDDEN and nothing changes.
     */
    private boolean permitted(final long correlationId, final int outcome)
    {
        if (key == null)
        {
            answerError(correlationId, ErrorCode.UNAUTHORIZED, "authenticate first: send Authenticate with an API key");
            return false;
        }
        final Scope scope = outcome == RequestDecoder.COMMAND ? Scope.requiredFor(request.type)
            : outcome == RequestDecoder.SUBSCRIBE ? Scope.READ : Scope.STOCK;
        if (!key.allows(scope))
        {
            answerError(correlationId, ErrorCode.FORBIDDEN,
                "this key lacks the '" + scope.name().toLowerCase(Locale.ROOT) + "' scope");
            return false;
        }
        final long waitNanos = key.admit(System.nanoTime());
        if (waitNanos > 0)
        {
            answerError(correlationId, ErrorCode.RATE_LIMITED, "this key may send " + key.rate().perSecond()
                + " requests per second; retry in " + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms");
            return false;
        }
        request.clientId = key.id();
        return true;
    }

    private void publish(final long correlationId)
    {
        request.correlationId = correlationId;
        request.replyTo = reply;
        request.timestampMillis = stampMillis;
        stampMillis = 0;
        if (!publisher.test(request))
        {
            refused(correlationId);
        }
    }

    /**
     * A feed subscription passes through the ring, so it takes an exact place in the engine order: the stock
     * feed's as a {@code MARK}, which reads nothing; a channel's as a read of that channel, which also tells
     * whether it exists. The responder registers it when it reaches that place (see {@link BinaryChangeFeed}).
     */
    private void subscribe(final long correlationId, final String salesChannel, final long afterSeq)
    {
        if (feed == null)
        {
            answerError(correlationId, ErrorCode.INVALID_REQUEST, "no change feed on this server");
            return;
        }
        if (salesChannel == null)
        {
            request.mark();
        }
        else
        {
            request.getChannel(salesChannel);
        }
        request.correlationId = correlationId;
        request.replyTo = (Reply)(command, endOfBatch) ->
        {
            if (command.result.isOk())
            {
                feed.subscribe(outbox, correlationId, salesChannel, afterSeq, command.sequence);
            }
            else
            {
                // ERR_CHANNEL_NOT_FOUND, or ERR_OVERLOADED from a cluster member that could not read in time.
                reply.complete(command, endOfBatch);
            }
        };
        if (!publisher.test(request))
        {
            refused(correlationId);
        }
    }

    /** The ring refused a request: the engine is busy, or it failed and the server is exiting. */
    private void refused(final long correlationId)
    {
        final EngineFailure.Report report = failure.report();
        if (report == null)
        {
            answerError(correlationId, ErrorCode.OVERLOADED, "engine busy; retry later");
        }
        else
        {
            answerError(correlationId, ErrorCode.INTERNAL, "the engine stopped after an internal failure ("
                + report.describe() + "); the server is exiting to restart on its journal");
        }
    }

    private void answerError(final long correlationId, final ErrorCode code, final String detail)
    {
        final int length = errors.encodeError(correlationId, 0, code, detail, null);
        outbox.append(errors.buffer().byteArray(), 0, length);
    }

    private void rejectFrame(final ChannelHandlerContext ctx, final ErrorCode code, final String detail)
    {
        closing = true;
        outbox.close();
        final int length = errors.encodeError(0, 0, code, detail, null);
        final ByteBuf frameOut = ctx.alloc().buffer(FrameOutbox.LENGTH_FIELD + length);
        frameOut.writeIntLE(length).writeBytes(errors.buffer().byteArray(), 0, length);
        ctx.writeAndFlush(frameOut).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx) throws Exception
    {
        // Backpressure: a client that does not read its answers stops being read.
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        outbox.close();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        // A peer that goes away is routine; anything else is a bug worth seeing.
        LOG.log(cause instanceof java.io.IOException ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
            "event=binary_connection_failed remote=" + ctx.channel().remoteAddress() + " action=close", cause);
        outbox.close();
        ctx.close();
    }
}
