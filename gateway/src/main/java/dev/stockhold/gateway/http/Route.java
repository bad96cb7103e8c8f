package dev.stockhold.gateway.http;

import dev.stockhold.gateway.security.Scope;
import io.netty.handler.codec.http.HttpMethod;

/**
 * Every path of the API with the methods it accepts and the scope a key needs (docs/api.md). A route with
 * a null scope needs no key: the operational endpoints.
 */
enum Route
{
    STOCK_CELL("GET, PUT", null),
    /** {@code /v1/channels}: every channel's rules. */
    CHANNELS("GET", Scope.READ),
    /** {@code /v1/channels/{channel}}; channels are not deleted, so DELETE is 405. */
    CHANNEL("GET, PUT", null),
    /** {@code /v1/channels/{channel}/listings/{listingId}}. */
    LISTING("GET, PUT, DELETE", null),
    /** {@code /v1/channels/{channel}/allocations/{sku}/{warehouse}}. */
    ALLOCATION("GET, PUT", null),
    /** {@code /v1/channels/{channel}/push}: the channel's push progress. */
    CHANNEL_PUSH("GET", Scope.READ),
    /** {@code /v1/kits/{kit}}. */
    KIT("GET, PUT", null),
    STOCK_SKU("GET", Scope.READ),
    STOCK_ADJUST("POST", Scope.STOCK),
    STOCK_RECEIVE("POST", Scope.STOCK),
    STOCK_BATCH("POST", Scope.STOCK),
    RESERVATIONS("POST", Scope.RESERVE),
    RESERVATION("GET", Scope.READ),
    RESERVATION_RELEASE("POST", Scope.RESERVE),
    RESERVATION_DEDUCT("POST", Scope.RESERVE),
    RESERVATION_RETURN("POST", Scope.RESERVE),
    CHANGES("GET", Scope.READ),
    /** {@code /v1/channels/{channel}/changes}: the channel's feed. */
    CHANNEL_CHANGES("GET", Scope.READ),
    CLUSTER("GET", Scope.READ),
    HEALTH("GET", null),
    READY("GET", null),
    METRICS("GET", null),
    OPENAPI("GET", null);

    private final String allow;
    private final String[] methods;
    private final Scope scope;

    Route(final String allow, final Scope scope)
    {
        this.allow = allow;
        this.methods = allow.split(", ");
        this.scope = scope;
    }

    /** @return the {@code Allow} header value. */
    String allow()
    {
        return allow;
    }

    /** @return true when {@code method} is allowed on this path. */
    boolean allows(final HttpMethod method)
    {
        for (final String name : methods)
        {
            if (name.equals(method.name()))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the scope {@code method} on this route needs, or null for none. A route with several methods
     * (a null scope in its constant) reads with {@code read} and writes with {@code stock}.
     */
    Scope scope(final HttpMethod method)
    {
        if (methods.length > 1)
        {
            return method == HttpMethod.GET ? Scope.READ : Scope.STOCK;
        }
        return scope;
    }
}
