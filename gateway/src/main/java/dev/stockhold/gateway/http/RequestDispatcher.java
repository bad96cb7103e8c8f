package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.Validation;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.gateway.security.ApiKey;
import dev.stockhold.gateway.security.Scope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Routes one decoded request: checks path, method and key, then either answers at once (operations
 * endpoints, rejections) or fills a command and publishes it into the ring. Everything here runs on an
 * event loop and never blocks; one instance per event-loop thread, from {@link #forThread()}.
 */
final class RequestDispatcher
{
    private static final ThreadLocal<RequestDispatcher> PER_THREAD = ThreadLocal.withInitial(RequestDispatcher::new);
    private static final byte[] HEALTH = "{\"status\":\"UP\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] READY = "{\"status\":\"READY\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RECOVERING = "{\"status\":\"RECOVERING\"}".getBytes(StandardCharsets.US_ASCII);
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** What an EventSource sends when it reconnects: the id of the last event it saw, our sequence. */
    private static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final byte[] NO_BODY = new byte[0];

    private final Router router = new Router();
    private final Command scratch = new Command();
    private byte[] bodyCopy = new byte[4096];

    /**
     * The answer of a server whose engine failed: ERR_INTERNAL, naming the failure, with {@code status} (500
     * for a request, 503 for a health check). The process exits shortly; a supervisor restarts it.
     */
    private static ByteBuf failed(final Answers answers, final ByteBufAllocator allocator, final HttpContext context,
        final int status, final boolean close)
    {
        return answers.problem(allocator, status, ErrorCode.INTERNAL, "the engine stopped after an internal failure ("
            + context.failure().describe() + "); the server is exiting to restart on its journal", close);
    }

    static RequestDispatcher forThread()
    {
        return PER_THREAD.get();
    }

    void dispatch(final HttpConnection connection, final FullHttpRequest request, final long index)
    {
        final boolean close = !HttpUtil.isKeepAlive(request);
        final ByteBufAllocator allocator = connection.channel().alloc();
        final Answers answers = Answers.forThread();
        // HEAD is GET without the body (RFC 9110 asks every server to support both); the connection drops
        // the body of whatever answer this request gets, an error's included.
        final boolean head = request.method() == HttpMethod.HEAD;
        final HttpMethod method = head ? HttpMethod.GET : request.method();
        connection.prepare(index, AnswerKind.LEVEL, close);
        if (head)
        {
            connection.answerWithoutBody(index);
        }
        try
        {
            if (!router.match(request.uri()))
            {
                connection.immediate(index, answers.problem(allocator, ErrorCode.NOT_FOUND, "no such path", null, close));
                return;
            }
            final Route route = router.route();
            if (!route.allows(method))
            {
                connection.immediate(index, answers.methodNotAllowed(allocator, route.allow(), close));
                return;
            }
            final Scope scope = route.scope(method);
            ApiKey key = ApiKey.ANONYMOUS;
            if (scope != null)
            {
                key = connection.context().keys().authenticate(request.headers().get(HttpHeaderNames.AUTHORIZATION));
                if (key == null)
                {
                    connection.immediate(index, answers.problem(allocator, ErrorCode.UNAUTHORIZED,
                        "a valid 'Authorization: Bearer <key>' header is required", null, close));
                    return;
                }
                if (!key.allows(scope))
                {
                    connection.immediate(index, answers.problem(allocator, ErrorCode.FORBIDDEN,
                        "this key lacks the '" + scope.name().toLowerCase(Locale.ROOT) + "' scope", null,
                        close));
                    return;
                }
                final long waitNanos = key.admit(System.nanoTime());
                if (waitNanos > 0)
                {
                    connection.immediate(index, answers.rateLimited(allocator, key.rate(), waitNanos, close));
                    return;
                }
            }
            if (!operations(connection, request, route, index, close, head))
            {
                engineRequest(connection, request, method, route, key, index, close);
            }
        }
        catch (final RejectedRequest rejected)
        {
            connection.immediate(index, answers.problem(allocator, rejected.code(), rejected.getMessage(), null, close));
        }
    }

    /** Answers the endpoints that need no engine; @return false for every other route. */
    private boolean operations(final HttpConnection connection, final FullHttpRequest request, final Route route,
        final long index, final boolean close, final boolean head)
    {
        final ByteBufAllocator allocator = connection.channel().alloc();
        final Answers answers = Answers.forThread();
        final HttpContext context = connection.context();
        switch (route)
        {
            case HEALTH -> connection.immediate(index, context.failure() != null ? failed(answers, allocator, context,
                503, close) : answers.raw(allocator, 200, ContentType.JSON, HEALTH, close));
            case READY -> connection.immediate(index, context.failure() != null
                ? failed(answers, allocator, context, 503, close)
                : context.isReady() ? answers.raw(allocator, 200, ContentType.JSON, READY, close)
                : answers.raw(allocator, 503, ContentType.JSON, RECOVERING, close));
            case METRICS -> connection.immediate(index,
                answers.raw(allocator, 200, ContentType.PROMETHEUS, context.metrics().scrape(), close));
            case OPENAPI -> connection.immediate(index,
                answers.raw(allocator, 200, ContentType.YAML, context.openApi(), close));
            case CHANGES, CHANNEL_CHANGES ->
            {
                final long after = after(router.query(), request.headers().get(LAST_EVENT_ID));
                if (head)
                {
                    connection.immediate(index, answers.raw(allocator, 200, ContentType.EVENT_STREAM, NO_BODY, close));
                }
                else if (context.failure() != null)
                {
                    connection.immediate(index, failed(answers, allocator, context, 500, close));
                }
                else if (!context.isReady())
                {
                    connection.immediate(index, answers.problem(allocator, ErrorCode.OVERLOADED,
                        "the engine is recovering", null, close));
                }
                else if (route == Route.CHANNEL_CHANGES)
                {
                    channelStream(connection, index, after);
                }
                else
                {
                    connection.startStream(index, after);
                }
            }
            default ->
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Starts a channel's feed: a read of the channel passes the ring (the feed needs the channel to exist);
     * its answer either turns the connection into the stream or answers the error. The connection takes no
     * further request either way.
     */
    private void channelStream(final HttpConnection connection, final long index, final long after)
    {
        final Command command = scratch;
        command.getChannel(router.first());
        command.requestId = connection.context().nextRequestId();
        command.replyTo = connection;
        command.correlationId = index;
        connection.prepareStream(index, router.first(), after);
        final boolean published = connection.context().publish(command);
        command.clear();
        if (!published)
        {
            final HttpContext context = connection.context();
            connection.immediate(index, context.failure() != null
                ? failed(Answers.forThread(), connection.channel().alloc(), context, 500, true)
                : Answers.forThread().problem(connection.channel().alloc(), ErrorCode.OVERLOADED,
                    "the engine is busy; retry shortly", null, true));
        }
    }

    /**
     * Where the change feed resumes: the {@code after} parameter, else the {@code Last-Event-ID} header a
     * reconnecting EventSource sends, else -1 for "from now".
     */
    static long after(final String query, final String lastEventId)
    {
        final long after = after(query);
        return after >= 0 || lastEventId == null ? after : sequence(lastEventId.trim(), LAST_EVENT_ID);
    }

    /** Parses the change feed's {@code after} parameter; @return -1 for "from now". */
    static long after(final String query)
    {
        if (query == null || query.isEmpty())
        {
            return -1;
        }
        long after = -1;
        for (final String pair : query.split("&"))
        {
            if (pair.startsWith("after="))
            {
                after = sequence(pair.substring("after=".length()), "after");
            }
        }
        return after;
    }

    /** @return {@code text} as an engine sequence; @throws RejectedRequest naming {@code name} for anything else. */
    private static long sequence(final String text, final String name)
    {
        long sequence;
        try
        {
            sequence = Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            sequence = -1;
        }
        if (sequence < 0)
        {
            throw new RejectedRequest(ErrorCode.INVALID_REQUEST, name + " must be a sequence number >= 0");
        }
        return sequence;
    }

    private void engineRequest(final HttpConnection connection, final FullHttpRequest request,
        final HttpMethod method, final Route route, final ApiKey key, final long index, final boolean close)
    {
        final Command command = scratch;
        final AnswerKind kind;
        try
        {
            kind = decode(connection.context().decoder(), request, method, route, command);
        }
        catch (final IOException ex)
        {
            throw new RejectedRequest(ErrorCode.INVALID_REQUEST, "malformed JSON");
        }
        command.clientId = key.id();
        command.requestId = connection.context().nextRequestId();
        if (command.type.takesIdempotencyKey())
        {
            final String idempotencyKey = request.headers().get(IDEMPOTENCY_KEY);
            if (idempotencyKey != null && !Validation.isIdempotencyKey(idempotencyKey))
            {
                throw new RejectedRequest(ErrorCode.INVALID_REQUEST, "Idempotency-Key must be 1..128 printable ASCII");
            }
            command.idempotencyKey = idempotencyKey;
        }
        command.replyTo = connection;
        command.correlationId = index;
        connection.prepare(index, kind, close);
        final boolean published = connection.context().publish(command);
        command.clear();
        if (!published)
        {
            final HttpContext context = connection.context();
            connection.immediate(index, context.failure() != null
                ? failed(Answers.forThread(), connection.channel().alloc(), context, 500, close)
                : Answers.forThread().problem(connection.channel().alloc(), ErrorCode.OVERLOADED,
                    context.isReady() ? "the engine is busy; retry shortly" : "the engine is recovering", null, close));
        }
    }

    private AnswerKind decode(final RequestDecoder decoder, final FullHttpRequest request, final HttpMethod method,
        final Route route, final Command command) throws IOException
    {
        final ByteBuf content = request.content();
        final int length = content.readableBytes();
        final byte[] body;
        final int offset;
        if (content.hasArray())
        {
            body = content.array();
            offset = content.arrayOffset() + content.readerIndex();
        }
        else
        {
            if (bodyCopy.length < length)
            {
                bodyCopy = new byte[Math.max(length, bodyCopy.length * 2)];
            }
            content.getBytes(content.readerIndex(), bodyCopy, 0, length);
            body = bodyCopy;
            offset = 0;
        }
        final String first = router.first();
        final String second = router.second();
        switch (route)
        {
            case STOCK_CELL:
                if (method == HttpMethod.GET)
                {
                    command.getStock(first, second);
                }
                else
                {
                    decoder.set(first, second, body, offset, length, command);
                }
                return AnswerKind.LEVEL;
            case STOCK_SKU:
                command.getStock(first, null);
                return AnswerKind.SKU;
            case STOCK_ADJUST:
                decoder.adjust(first, second, body, offset, length, command);
                return AnswerKind.LEVEL;
            case STOCK_RECEIVE:
                decoder.receive(first, second, body, offset, length, command);
                return AnswerKind.LEVEL;
            case STOCK_BATCH:
                decoder.batch(body, offset, length, command);
                return AnswerKind.ITEMS;
            case RESERVATIONS:
                decoder.lock(body, offset, length, command);
                return AnswerKind.LOCK;
            case RESERVATION:
                command.getReservation(first);
                return AnswerKind.RESERVATION;
            case RESERVATION_RELEASE:
                decoder.settle(CommandType.RELEASE, first, body, offset, length, command);
                return AnswerKind.RESERVATION;
            case RESERVATION_DEDUCT:
                decoder.settle(CommandType.DEDUCT, first, body, offset, length, command);
                return AnswerKind.RESERVATION;
            case RESERVATION_RETURN:
                decoder.settle(CommandType.RETURN, first, body, offset, length, command);
                return AnswerKind.RESERVATION;
            case CHANNELS, CHANNEL, CHANNEL_PUSH, LISTING, ALLOCATION, KIT:
                return channelRequest(method, route, body, offset, length, command);
            case CLUSTER:
                command.getDigest();
                return AnswerKind.CLUSTER;
            default:
                throw new IllegalStateException("not an engine route: " + route);
        }
    }

    /** Fills the command of a channel, listing, allocation or kit request; @return its answer's kind. */
    private AnswerKind channelRequest(final HttpMethod method, final Route route, final byte[] body,
        final int offset, final int length, final Command command) throws IOException
    {
        final String first = router.first();
        final String second = router.second();
        final boolean read = method == HttpMethod.GET;
        switch (route)
        {
            case CHANNELS:
                command.getChannel(null);
                return AnswerKind.CHANNELS;
            case CHANNEL:
                if (read)
                {
                    command.getChannel(first);
                }
                else
                {
                    ChannelDecoder.putChannel(first, body, offset, length, command);
                }
                return AnswerKind.CHANNEL;
            case CHANNEL_PUSH:
                command.getPush(first);
                return AnswerKind.PUSH;
            case LISTING:
                listing(method, first, second, body, offset, length, command);
                return AnswerKind.LISTING;
            case ALLOCATION:
                if (read)
                {
                    command.getAllocation(first, second, router.third());
                }
                else
                {
                    ChannelDecoder.setAllocation(first, second, router.third(), body, offset, length, command);
                }
                return AnswerKind.ALLOCATION;
            case KIT:
                if (read)
                {
                    command.getKit(first);
                }
                else
                {
                    ChannelDecoder.putKit(first, body, offset, length, command);
                }
                return AnswerKind.KIT;
            default:
                throw new IllegalStateException("not a channel route: " + route);
        }
    }

    private static void listing(final HttpMethod method, final String channel, final String listingId,
        final byte[] body, final int offset, final int length, final Command command) throws IOException
    {
        if (method == HttpMethod.GET)
        {
            command.getListing(channel, listingId);
        }
        else if (method == HttpMethod.DELETE)
        {
            command.unbindListing(channel, listingId);
        }
        else
        {
            ChannelDecoder.bindListing(channel, listingId, body, offset, length, command);
        }
    }
}
