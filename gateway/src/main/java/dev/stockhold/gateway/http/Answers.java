package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.ShortLines;
import dev.stockhold.engine.pipeline.EngineFailure;
import dev.stockhold.gateway.security.RateLimit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Encodes whole HTTP responses (head and JSON body) into one buffer: the engine's answers on the
 * responder thread, the gateway's own answers on the event loops. One instance per thread, from
 * {@link #forThread()}.
 */
public final class Answers
{
    private static final ThreadLocal<Answers> PER_THREAD = ThreadLocal.withInitial(Answers::new);
    private static final int BODY_GUESS = 512;

    private final JsonBodies bodies = new JsonBodies();
    private final ChannelBodies channelBodies = new ChannelBodies();
    private final ResponseFramer framer = new ResponseFramer();

    private Answers()
    {
    }

    /** @return the calling thread's instance. */
    public static Answers forThread()
    {
        return PER_THREAD.get();
    }

    /** @return the calling thread's JSON writer. */
    public JsonBodies bodies()
    {
        return bodies;
    }

    /**
     * Encodes the engine's answer to {@code command}.
     *
     * @param close           add {@code Connection: close}.
     * @param sequenceOnReads a read names the sequence of the state it saw in {@code Stockhold-Seq}: on a member
     *                        of a cluster, whose reads come from its own replica; a single process's reads carry
     *                        none.
     */
    ByteBuf engineAnswer(final ByteBufAllocator allocator, final Command command, final AnswerKind kind,
        final boolean close, final boolean sequenceOnReads)
    {
        final CommandResult result = command.result;
        final boolean mutating = command.type.isMutating();
        // A command the engine refused still took a sequence number, and every answer the engine gives to
        // a PUT or POST carries it (docs/api.md), so a client can tell where in the change feed its refusal fell.
        final long sequence = !mutating ? (sequenceOnReads && result.sequence() > 0 ? result.sequence() : -1)
            : result.sequence() != 0 ? result.sequence() : command.sequence;
        final boolean replayed = mutating && result.isReplayed();
        if (!result.isOk())
        {
            return problem(allocator, result.code(), result.detail(), result.shortLines(), close, sequence, replayed);
        }
        final ByteBuf buf = ResponseFramer.startBody(allocator, BODY_GUESS);
        try
        {
            switch (kind)
            {
                case LEVEL -> bodies.level(buf, result.levels(), 0);
                case SKU -> bodies.skuSummary(buf, command.sku, result.levels());
                case ITEMS -> bodies.items(buf, result.levels());
                case CHANNEL -> channelBodies.channel(buf, result.channels(), 0);
                case CHANNELS -> channelBodies.channels(buf, result.channels());
                case LISTING -> channelBodies.listing(buf, result.listing());
                case KIT -> channelBodies.kit(buf, result.kit());
                case PUSH -> channelBodies.push(buf, result.push());
                case ALLOCATION -> channelBodies.allocation(buf, result.allocation());
                default -> bodies.reservation(buf, result.reservation());
            }
        }
        catch (final RuntimeException ex)
        {
            buf.release();
            throw ex;
        }
        final int status = kind == AnswerKind.LOCK && !result.isReplayed() ? 201 : 200;
        return framer.finish(buf, status, ContentType.JSON, sequence, replayed, false, close, null);
    }

    /** Encodes the answer of {@code GET /v1/cluster}: {@code status} with the digest read's result. */
    ByteBuf cluster(final ByteBufAllocator allocator, final Command command, final ClusterStatus status,
        final boolean close)
    {
        final CommandResult result = command.result;
        if (!result.isOk())
        {
            return problem(allocator, result.code(), result.detail(), null, close, -1, false);
        }
        return raw(allocator, 200, ContentType.JSON, ClusterBody.of(status, result), close);
    }

    /** Encodes a problem document for a request the engine never saw. */
    public ByteBuf problem(final ByteBufAllocator allocator, final ErrorCode code, final String detail,
        final ShortLines shortLines, final boolean close)
    {
        return problem(allocator, code, detail, shortLines, close, -1, false);
    }

    private ByteBuf problem(final ByteBufAllocator allocator, final ErrorCode code, final String detail,
        final ShortLines shortLines, final boolean close, final long sequence, final boolean replayed)
    {
        final ByteBuf buf = ResponseFramer.startBody(allocator, BODY_GUESS);
        bodies.problem(buf, code, detail, shortLines);
        return framer.finish(buf, code.httpStatus(), ContentType.PROBLEM, sequence, replayed,
            code == ErrorCode.OVERLOADED, close, null);
    }

    /** Encodes a problem answer with another status than its code's (e.g. a 503 health check). */
    ByteBuf problem(final ByteBufAllocator allocator, final int status, final ErrorCode code, final String detail,
        final boolean close)
    {
        final ByteBuf buf = ResponseFramer.startBody(allocator, BODY_GUESS);
        bodies.problem(buf, status, code, detail, null);
        return framer.finish(buf, status, ContentType.PROBLEM, -1, false, false, close, null);
    }

    /**
     * The answer of a server whose engine failed: ERR_INTERNAL, naming the failure, with {@code status} (500
     * for a request, 503 for a health check). The process exits shortly; a supervisor restarts it.
     */
    ByteBuf engineFailed(final ByteBufAllocator allocator, final EngineFailure.Report failure, final int status,
        final boolean close)
    {
        return problem(allocator, status, ErrorCode.INTERNAL, "the engine stopped after an internal failure ("
            + failure.describe() + "); the server is exiting to restart on its journal", close);
    }

    /** Encodes a 405 with its {@code Allow} header. */
    ByteBuf methodNotAllowed(final ByteBufAllocator allocator, final String allow, final boolean close)
    {
        final ByteBuf buf = ResponseFramer.startBody(allocator, BODY_GUESS);
        bodies.problem(buf, ErrorCode.METHOD_NOT_ALLOWED, "allowed: " + allow, null);
        return framer.finish(buf, 405, ContentType.PROBLEM, -1, false, false, close, "Allow: " + allow + "\r\n");
    }

    /**
     * Encodes a 429 for a key over its rate: {@code Retry-After} in whole seconds (at least 1), and the IETF
     * {@code RateLimit-Policy} and {@code RateLimit} fields (the key's quota per second; none left, back in
     * that many seconds).
     */
    ByteBuf rateLimited(final ByteBufAllocator allocator, final RateLimit rate, final long waitNanos,
        final boolean close)
    {
        final long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        final ByteBuf buf = ResponseFramer.startBody(allocator, BODY_GUESS);
        bodies.problem(buf, ErrorCode.RATE_LIMITED, "this key may send " + rate.perSecond()
            + " requests per second (bursts of " + rate.burst() + "); retry in " + seconds + " s", null);
        return framer.finish(buf, 429, ContentType.PROBLEM, -1, false, false, close,
            "Retry-After: " + seconds + "\r\nRateLimit-Policy: \"per-key\";q=" + rate.perSecond() + ";w=1\r\n"
                + "RateLimit: \"per-key\";r=0;t=" + seconds + "\r\n");
    }

    /** Encodes a response with a ready-made body. */
    public ByteBuf raw(final ByteBufAllocator allocator, final int status, final ContentType type, final byte[] body,
        final boolean close)
    {
        final ByteBuf buf = ResponseFramer.startBody(allocator, body.length);
        buf.writeBytes(body);
        return framer.finish(buf, status, type, -1, false, false, close, null);
    }

    /** Frames a body the caller wrote after {@link ResponseFramer#startBody}. */
    public ByteBuf frame(final ByteBuf buf, final int status, final ContentType type, final boolean close)
    {
        return framer.finish(buf, status, type, -1, false, false, close, null);
    }
}
