package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.Command;
import dev.stockhold.gateway.feed.ChangeFeed;
import dev.stockhold.gateway.metrics.GatewayMetrics;
import dev.stockhold.gateway.security.ApiKeys;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * What every HTTP connection shares: the engine's entrance, keys, limits, metrics, the change feed and
 * the static documents. The engine entrance is set once recovery has finished; until then commands are
 * answered ERR_OVERLOADED and {@code /ready} is 503.
 */
public final class HttpContext
{
    private final ApiKeys keys;
    private final HttpLimits limits;
    private final RequestDecoder decoder;
    private final GatewayMetrics metrics;
    private final ChangeFeed feed;
    private final byte[] openApi;
    private final AtomicLong requestIds = new AtomicLong();
    private volatile Predicate<Command> engine;

    /**
     * @param keys    API keys (none: auth off).
     * @param limits  the server's limits.
     * @param decoder request decoding with the ledger's line and batch limits.
     * @param metrics where latencies go and what {@code /metrics} shows.
     * @param feed    the change feed.
     * @param openApi the OpenAPI document served at {@code /openapi.yaml}.
     */
    public HttpContext(final ApiKeys keys, final HttpLimits limits, final RequestDecoder decoder,
        final GatewayMetrics metrics, final ChangeFeed feed, final byte[] openApi)
    {
        this.keys = Objects.requireNonNull(keys);
        this.limits = Objects.requireNonNull(limits);
        this.decoder = Objects.requireNonNull(decoder);
        this.metrics = Objects.requireNonNull(metrics);
        this.feed = Objects.requireNonNull(feed);
        this.openApi = openApi.clone();
    }

    /**
     * Opens the engine to requests: from now on commands go to {@code publisher} (e.g.
     * {@code pipeline::tryPublish}, false meaning the ring is full) and {@code /ready} answers 200.
     */
    public void engineReady(final Predicate<Command> publisher)
    {
        this.engine = Objects.requireNonNull(publisher);
    }

    /** Closes the engine to new requests (shutdown): they are answered ERR_OVERLOADED. */
    public void engineClosed()
    {
        this.engine = null;
    }

    /** @return true once recovery finished and the engine takes commands. */
    public boolean isReady()
    {
        return engine != null;
    }

    /** @return false when there is no engine or its ring is full. */
    boolean publish(final Command command)
    {
        final Predicate<Command> current = engine;
        return current != null && current.test(command);
    }

    ApiKeys keys()
    {
        return keys;
    }

    HttpLimits limits()
    {
        return limits;
    }

    RequestDecoder decoder()
    {
        return decoder;
    }

    GatewayMetrics metrics()
    {
        return metrics;
    }

    ChangeFeed feed()
    {
        return feed;
    }

    byte[] openApi()
    {
        return openApi;
    }

    long nextRequestId()
    {
        return requestIds.incrementAndGet();
    }
}
