package dev.stockhold.gateway.security;

import java.util.Locale;

/** What an API key may do. {@link #ADMIN} implies every other scope. */
public enum Scope
{
    /** Read stock, reservations and the change feed. */
    READ,
    /** Lock, release, deduct and return reservations. */
    RESERVE,
    /** Set, adjust and receive stock. */
    STOCK,
    /** Everything. */
    ADMIN;

    /**
     * @param name a scope name as written in the configuration, case-insensitive.
     * @return the scope.
     * @throws IllegalArgumentException when the name is not a scope.
     */
    public static Scope parse(final String name)
    {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
