package dev.stockhold.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
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
    private final Map<Digest, ApiKey> byDigest = new HashMap<>();

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
            byDigest.put(new Digest(sha256(key.secret())), key);
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
        return authenticateSecret(authorization.substring(BEARER.length()).trim());
    }

    /**
     * @param secret a key's secret, as the binary protocol's {@code Authenticate} carries it.
     * @return the key, {@link ApiKey#ANONYMOUS} when auth is off, or null when it names no key.
     */
    public ApiKey authenticateSecret(final String secret)
    {
        if (!enabled())
        {
            return ApiKey.ANONYMOUS;
        }
        if (secret == null)
        {
            return null;
        }
        // Looked up by the secret's SHA-256, not the secret: how long a lookup takes then depends on a hash the
        // caller cannot steer byte by byte, and digests are compared in constant time (Digest.equals).
        return byDigest.get(new Digest(sha256(secret)));
    }

    private static byte[] sha256(final String text)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every Java runtime has SHA-256", ex);
        }
    }

    /** A secret's SHA-256 as a map key. */
    private record Digest(byte[] bytes)
    {
        @Override
        public boolean equals(final Object other)
        {
            return other instanceof Digest that && MessageDigest.isEqual(bytes, that.bytes);
        }

        @Override
        public int hashCode()
        {
            return Arrays.hashCode(bytes);
        }
    }
}
