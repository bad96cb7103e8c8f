package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;

import java.nio.charset.StandardCharsets;

/**
 * The answers the event loop gives without a command of their own in the engine's order: the operational
 * endpoints, and the start of a change feed (the connection becomes an event stream).
 */
final class LocalAnswers
{
    private static final byte[] HEALTH = "{\"status\":\"UP\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] READY = "{\"status\":\"READY\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RECOVERING = "{\"status\":\"RECOVERING\"}".getBytes(StandardCharsets.US_ASCII);
    /** What an EventSource sends when it reconnects: the id of the last event it saw, our sequence. */
    private static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final byte[] NO_BODY = new byte[0];

    private LocalAnswers()
    {
    }

    /** {@code GET /health}: 200 while the engine is sound, 503 naming its failure. */
    static void health(final HttpExchange exchange)
    {
        final HttpContext context = exchange.context();
        exchange.answer(context.failure() != null
            ? Answers.forThread().engineFailed(exchange.allocator(), context.failure(), 503, exchange.closes())
            : Answers.forThread().raw(exchange.allocator(), 200, ContentType.JSON, HEALTH, exchange.closes()));
    }

    /** {@code GET /ready}: 200 once recovery finished (and, on a cluster member, a leader is known), else 503. */
    static void ready(final HttpExchange exchange)
    {
        final HttpContext context = exchange.context();
        final Answers answers = Answers.forThread();
        exchange.answer(context.failure() != null
            ? answers.engineFailed(exchange.allocator(), context.failure(), 503, exchange.closes())
            : context.isReady() ? answers.raw(exchange.allocator(), 200, ContentType.JSON, READY, exchange.closes())
            : answers.raw(exchange.allocator(), 503, ContentType.JSON, RECOVERING, exchange.closes()));
    }

    /** {@code GET /metrics}: the Prometheus scrape. */
    static void metrics(final HttpExchange exchange)
    {
        exchange.answer(Answers.forThread().raw(exchange.allocator(), 200, ContentType.PROMETHEUS,
            exchange.context().metrics().scrape(), exchange.closes()));
    }

    /** {@code GET /openapi.yaml}: the API's description. */
    static void openApi(final HttpExchange exchange)
    {
        exchange.answer(Answers.forThread().raw(exchange.allocator(), 200, ContentType.YAML,
            exchange.context().openApi(), exchange.closes()));
    }

    /** {@code GET /v1/changes}: the connection becomes the stock feed's stream. */
    static void changes(final HttpExchange exchange)
    {
        final long after = FeedPosition.after(exchange.query(), exchange.header(LAST_EVENT_ID));
        if (feedRefused(exchange))
        {
            return;
        }
        exchange.connection().startStream(exchange.index(), after);
    }

    /**
     * {@code GET /v1/channels/{channel}/changes}: a read of the channel passes the ring (the feed needs the
     * channel to exist); its answer either turns the connection into the stream or answers the error. The
     * connection takes no further request either way.
     */
    static void channelChanges(final HttpExchange exchange)
    {
        final long after = FeedPosition.after(exchange.query(), exchange.header(LAST_EVENT_ID));
        if (feedRefused(exchange))
        {
            return;
        }
        final Command command = exchange.scratch();
        command.getChannel(exchange.first());
        exchange.closeAfterAnswer();
        exchange.connection().prepareStream(exchange.index(), exchange.first(), after);
        exchange.publish(command);
    }

    /**
     * Answers a feed's start that cannot stream: a HEAD (headers only), a failed engine or one still
     * recovering. @return true when it answered.
     */
    private static boolean feedRefused(final HttpExchange exchange)
    {
        final HttpContext context = exchange.context();
        if (exchange.head())
        {
            exchange.answer(Answers.forThread().raw(exchange.allocator(), 200, ContentType.EVENT_STREAM, NO_BODY,
                exchange.closes()));
        }
        else if (context.failure() != null)
        {
            exchange.answer(Answers.forThread().engineFailed(exchange.allocator(), context.failure(), 500,
                exchange.closes()));
        }
        else if (!context.isReady())
        {
            exchange.problem(ErrorCode.OVERLOADED, "the engine is recovering");
        }
        else
        {
            return false;
        }
        return true;
    }
}
