package dev.stockhold.gateway.security;

import dev.stockhold.engine.command.CommandType;

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
     * @return the scope a key needs to send a command of {@code type}, on either protocol: reads need
     * {@link #READ}, reservations {@link #RESERVE}, stock counts (and a replay's recorded ticks) {@link #STOCK}.
     */
    public static Scope requiredFor(final CommandType type)
    {
        return switch (type)
        {
            case LOCK, RELEASE, DEDUCT, RETURN -> RESERVE;
            case SET_STOCK, ADJUST, RECEIVE, TICK, SNAPSHOT -> STOCK;
            default -> type.isMutating() ? STOCK : READ;
        };
    }

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
