package dev.stockhold.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured API keys, looked up by bearer token. With no keys, authentication is off and every
 * request acts as {@link ApiKey#ANONYMOUS}. Immutable, so any event loop may use it.
 */
public final class ApiKeys
{
    private static final String BEARER = "Bearer ";

    private final Map<String, ApiKey> bySecret = new HashMap<>();

    /** @param keys the configured keys; ids and secrets must be unique. */
    public ApiKeys(final List<ApiKey> keys)
    {
        final Map<Integer, ApiKey> byId = new HashMap<>();
        for (final ApiKey key : keys)
        {
            if (key.id() == 0 || byId.put(key.id(), key) != null)
            {
                throw new IllegalArgumentException("API key ids must be unique and not 0: " + key.id());
            }
            if (key.secret().isEmpty() || bySecret.put(key.secret(), key) != null)
            {
                throw new IllegalArgumentException("API key secrets must be unique and not empty (key " + key.id() + ")");
            }
        }
    }

    /** @return no keys: authentication off. */
    public static ApiKeys none()
    {
        return new ApiKeys(List.of());
    }

    /** @return true when keys are configured and requests must carry one. */
    public boolean enabled()
    {
        return !bySecret.isEmpty();
    }

    /**
     * @param authorization the request's Authorization header, or null.
     * @return the key it names, {@link ApiKey#ANONYMOUS} when auth is off, or null when the header is
     * missing or names no key (answer ERR_UNAUTHORIZED).
     */
    public ApiKey authenticate(final String authorization)
    {
        if (!enabled())
        {
            return ApiKey.ANONYMOUS;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        {
            return null;
        }
        final String token = authorization.substring(BEARER.length()).trim();
        final ApiKey key = bySecret.get(token);
        // A map lookup is not constant-time; confirm with a constant-time compare so a near miss and a
        // far miss cost the same once a candidate is found.
        if (key == null || !MessageDigest.isEqual(
            key.secret().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)))
        {
            return null;
        }
        return key;
    }
}
