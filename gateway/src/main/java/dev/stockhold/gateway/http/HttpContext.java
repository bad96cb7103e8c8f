package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.pipeline.EngineFailure;
import dev.stockhold.gateway.feed.ChangeFeed;
import dev.stockhold.gateway.metrics.GatewayMetrics;
import dev.stockhold.gateway.security.ApiKeys;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * What every HTTP connection shares: the engine's entrance, the route table, keys, limits, metrics, the
 * change feed and the static documents. The engine entrance is set once recovery has finished; until then
 * (and once the server stops) commands are answered ERR_OVERLOADED and {@code /ready} is 503. Once the engine
 * has failed, commands are answered ERR_INTERNAL and {@code /health} and {@code /ready} are 503, naming the
 * failure.
 */
public final class HttpContext
{
    private final ApiKeys keys;
    private final HttpLimits limits;
    private final RequestDecoder decoder;
    private final GatewayMetrics metrics;
    private final ChangeFeed feed;
    private final byte[] openApi;
    /** Built here, at start, so that the first request does not pay for compiling the table. */
    private final RouteTable routes = Routes.TABLE;
    private final AtomicLong requestIds = new AtomicLong();
    private volatile Predicate<Command> engine;
    private volatile EngineFailure failure = new EngineFailure();
    private volatile ClusterStatus cluster = ClusterStatus.STANDALONE;

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
    public void engineReady(final Predicate<Command> publisher, final EngineFailure engineFailure)
    {
        this.failure = Objects.requireNonNull(engineFailure);
        this.engine = Objects.requireNonNull(publisher);
    }

    /**
     * Tells the gateway it runs on a node of a cluster: {@code GET /v1/cluster} shows {@code status}, and
     * {@code /ready} answers 200 only while {@link ClusterStatus#isReady()}.
     */
    public void clusterStatus(final ClusterStatus status)
    {
        this.cluster = Objects.requireNonNull(status);
    }

    /** Closes the engine to new requests (shutdown): they are answered ERR_OVERLOADED. */
    public void engineClosed()
    {
        this.engine = null;
    }

    /** @return true once recovery finished and the engine takes commands, until it stops or fails. */
    public boolean isReady()
    {
        return engine != null && !failure.isFailed() && cluster.isReady();
    }

    /** @return the node's place in its cluster ({@link ClusterStatus#STANDALONE} for a single process). */
    ClusterStatus cluster()
    {
        return cluster;
    }

    /** @return what stopped the engine, or null while it is sound. */
    EngineFailure.Report failure()
    {
        return failure.report();
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

    /** @return the API's routes, matched for every request. */
    RouteTable routes()
    {
        return routes;
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
