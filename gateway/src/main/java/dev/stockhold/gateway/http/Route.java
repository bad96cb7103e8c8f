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
    CLUSTER("GET", Scope.READ),
    HEALTH("GET", null),
    READY("GET", null),
    METRICS("GET", null),
    OPENAPI("GET", null);

    private final String allow;
    private final Scope scope;

    Route(final String allow, final Scope scope)
    {
        this.allow = allow;
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
        if (this == STOCK_CELL)
        {
            return method == HttpMethod.GET || method == HttpMethod.PUT;
        }
        return allow.equals(method.name());
    }

    /** @return the scope {@code method} on this route needs, or null for none. */
    Scope scope(final HttpMethod method)
    {
        if (this == STOCK_CELL)
        {
            return method == HttpMethod.PUT ? Scope.STOCK : Scope.READ;
        }
        return scope;
    }
}
