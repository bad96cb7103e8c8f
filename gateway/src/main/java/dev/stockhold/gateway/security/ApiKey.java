package dev.stockhold.gateway.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * One configured API key: its numeric id (journaled with every command it sends, and the scope of its
 * idempotency keys) and what it may do.
 *
 * @param id     the key's number, 1..2^31-1; 0 is reserved for "auth off".
 * @param secret the bearer token.
 * @param scopes what the key may do.
 * @param rate   how fast it may send requests, or null for no limit.
 */
public record ApiKey(int id, String secret, Set<Scope> scopes, RateLimit rate)
{
    /** The identity of every request when no keys are configured. */
    public static final ApiKey ANONYMOUS = new ApiKey(0, "", EnumSet.allOf(Scope.class));

    public ApiKey
    {
        if (id < 0)
        {
            throw new IllegalArgumentException("API key id must not be negative: " + id);
        }
        scopes = Set.copyOf(scopes);
    }

    /** A key without a rate limit. */
    public ApiKey(final int id, final String secret, final Set<Scope> scopes)
    {
        this(id, secret, scopes, null);
    }

    /**
     * Takes one of the key's request tokens.
     *
     * @return 0 when the request may go, else how many nanoseconds until the key may send again.
     */
    public long admit(final long nowNanos)
    {
        return rate == null ? 0 : rate.tryAcquire(nowNanos);
    }

    /** @return true when this key may act in {@code scope}. */
    public boolean allows(final Scope scope)
    {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }
}
