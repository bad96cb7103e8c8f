package dev.stockhold.client.request;

import java.util.List;
import java.util.Objects;

/**
 * What a request must have before it is sent: the fields the protocol cannot carry without (a code is a
 * string of at most {@link #MAX_TEXT_BYTES} UTF-8 bytes, a group at most {@link #MAX_GROUP} entries). What the
 * values mean (a positive quantity, a known SKU) is the server's to check, the same way on every protocol.
 */
final class Checks
{
    /** The schema's varStringEncoding length limit. */
    static final int MAX_TEXT_BYTES = 1024;
    /** The schema's groupSizeEncoding count limit (uint16). */
    static final int MAX_GROUP = 65_535;

    private Checks()
    {
    }

    /** @return {@code value}, which must be present. */
    static String required(final String value, final String name)
    {
        Objects.requireNonNull(value, name + " is required");
        return optional(value, name);
    }

    /** @return {@code value}, which must be present and at most {@code maxBytes} UTF-8 bytes long. */
    static String required(final String value, final String name, final int maxBytes)
    {
        Objects.requireNonNull(value, name + " is required");
        return optional(value, name, maxBytes);
    }

    /** @return {@code value}, absent (null) or short enough for the protocol. */
    static String optional(final String value, final String name)
    {
        return optional(value, name, MAX_TEXT_BYTES);
    }

    private static String optional(final String value, final String name, final int maxBytes)
    {
        if (value != null && value.length() > maxBytes / 3
            && value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxBytes)
        {
            throw new IllegalArgumentException(name + " is longer than " + maxBytes + " UTF-8 bytes");
        }
        return value;
    }

    /** @return an immutable copy of {@code list}, which must be present, without null entries, not too long. */
    static <T> List<T> group(final List<T> list, final String name)
    {
        Objects.requireNonNull(list, name + " is required");
        if (list.size() > MAX_GROUP)
        {
            throw new IllegalArgumentException("more than " + MAX_GROUP + " " + name);
        }
        return List.copyOf(list);
    }
}
