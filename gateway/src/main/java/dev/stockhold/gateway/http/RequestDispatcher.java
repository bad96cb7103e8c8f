package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.Validation;
import dev.stockhold.gateway.security.ApiKey;
import dev.stockhold.gateway.security.Scope;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;

import java.io.IOException;
import java.util.Locale;

/**
 * Dispatches one decoded request by the route table ({@link Routes}): finds its row by path and method,
 * checks the key against the row's scope, then has the row answer it locally or decode it into a command
 * published into the ring. Everything here runs on an event loop and never blocks; one instance per
 * event-loop thread, from {@link #forThread()}.
 */
final class RequestDispatcher
{
    private static final ThreadLocal<RequestDispatcher> PER_THREAD = ThreadLocal.withInitial(RequestDispatcher::new);
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final HttpExchange exchange = new HttpExchange();

    static RequestDispatcher forThread()
    {
        return PER_THREAD.get();
    }

    void dispatch(final HttpConnection connection, final FullHttpRequest request, final long index)
    {
        final boolean close = !HttpUtil.isKeepAlive(request);
        // HEAD is GET without the body (RFC 9110 asks every server to support both); the connection drops
        // the body of whatever answer this request gets, an error's included.
        final boolean head = request.method() == HttpMethod.HEAD;
        connection.prepare(index, AnswerKind.LEVEL, close);
        if (head)
        {
            connection.answerWithoutBody(index);
        }
        exchange.start(connection, request, index, close, head);
        try
        {
            final RouteTable.MatchedPath path = connection.context().routes().match(request.uri(), exchange);
            if (path == null)
            {
                exchange.problem(ErrorCode.NOT_FOUND, "no such path");
                return;
            }
            final RouteSpec row = path.row(head ? HttpMethod.GET : request.method());
            if (row == null)
            {
                exchange.answer(Answers.forThread().methodNotAllowed(exchange.allocator(), path.allow(), close));
                return;
            }
            final ApiKey key = admit(row.scope());
            if (key == null)
            {
                return;
            }
            if (row.isLocal())
            {
                row.local().answer(exchange);
            }
            else
            {
                engineRequest(row, key);
            }
        }
        catch (final RejectedRequest rejected)
        {
            exchange.problem(rejected.code(), rejected.getMessage());
        }
        finally
        {
            exchange.finish();
        }
    }

    /**
     * Checks the request's key against {@code scope} and the key's rate.
     *
     * @return the key ({@link ApiKey#ANONYMOUS} when the route needs none), or null once it answered 401, 403 or
     * 429.
     */
    private ApiKey admit(final Scope scope)
    {
        if (scope == null)
        {
            return ApiKey.ANONYMOUS;
        }
        final ApiKey key = exchange.context().keys().authenticate(exchange.header(HttpHeaderNames.AUTHORIZATION));
        if (key == null)
        {
            exchange.problem(ErrorCode.UNAUTHORIZED, "a valid 'Authorization: Bearer <key>' header is required");
            return null;
        }
        if (!key.allows(scope))
        {
            exchange.problem(ErrorCode.FORBIDDEN,
                "this key lacks the '" + scope.name().toLowerCase(Locale.ROOT) + "' scope");
            return null;
        }
        final long waitNanos = key.admit(System.nanoTime());
        if (waitNanos > 0)
        {
            exchange.answer(Answers.forThread().rateLimited(exchange.allocator(), key.rate(), waitNanos,
                exchange.closes()));
            return null;
        }
        return key;
    }

    /** Decodes the request into the row's command and publishes it; the responder answers it as the row says. */
    private void engineRequest(final RouteSpec row, final ApiKey key)
    {
        final Command command = exchange.scratch();
        exchange.readBody();
        try
        {
            row.decoder().decode(exchange, command);
        }
        catch (final IOException ex)
        {
            throw new RejectedRequest(ErrorCode.INVALID_REQUEST, "malformed JSON");
        }
        command.clientId = key.id();
        if (command.type.takesIdempotencyKey())
        {
            final String idempotencyKey = exchange.header(IDEMPOTENCY_KEY);
            if (idempotencyKey != null && !Validation.isIdempotencyKey(idempotencyKey))
            {
                throw new RejectedRequest(ErrorCode.INVALID_REQUEST, "Idempotency-Key must be 1..128 printable ASCII");
            }
            command.idempotencyKey = idempotencyKey;
        }
        exchange.connection().prepare(exchange.index(), row.answer(), exchange.closes());
        exchange.publish(command);
    }
}
