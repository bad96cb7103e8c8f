package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.Validation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * The rule of a path parameter, by the name a route pattern gives it ({@code {sku}}, {@code {orderId}}, …):
 * a parameter is percent-decoded, then checked with the same rule the binary protocol applies to the field.
 */
enum PathParameter
{
    CODE(Validation::isCode,
        "SKU, warehouse, kit and channel codes are 1..64 printable ASCII characters without spaces or '/'"),
    ORDER_ID(Validation::isOrderId, "orderId must be 1..64 printable ASCII characters"),
    LISTING_ID(Validation::isListingId,
        "a listing id is 1..128 printable ASCII characters without spaces or '/'");

    private final Predicate<String> rule;
    private final String rejection;

    PathParameter(final Predicate<String> rule, final String rejection)
    {
        this.rule = rule;
        this.rejection = rejection;
    }

    /**
     * @return the rule of the parameter a pattern names {@code {name}}.
     * @throws IllegalArgumentException for a name no rule covers: a route table must not start with one.
     */
    static PathParameter named(final String name)
    {
        return switch (name)
        {
            case "sku", "warehouse", "kit", "channel" -> CODE;
            case "orderId" -> ORDER_ID;
            case "listingId" -> LISTING_ID;
            default -> throw new IllegalArgumentException("no rule for the path parameter {" + name + "}");
        };
    }

    /**
     * @return {@code raw} percent-decoded.
     * @throws RejectedRequest when it is malformed or breaks this parameter's rule.
     */
    String check(final String raw)
    {
        final String value = decode(raw);
        if (!rule.test(value))
        {
            throw new RejectedRequest(ErrorCode.INVALID_REQUEST, rejection);
        }
        return value;
    }

    /** Percent-decodes a path segment as UTF-8 ('+' stays '+', as in any path). */
    static String decode(final String raw)
    {
        if (raw.indexOf('%') < 0)
        {
            return raw;
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++)
        {
            final char c = raw.charAt(i);
            if (c != '%')
            {
                out.write(c);
                continue;
            }
            if (i + 2 >= raw.length())
            {
                throw new RejectedRequest(ErrorCode.INVALID_REQUEST, "malformed percent-encoding in the path");
            }
            final int hi = Character.digit(raw.charAt(i + 1), 16);
            final int lo = Character.digit(raw.charAt(i + 2), 16);
            if (hi < 0 || lo < 0)
            {
                throw new RejectedRequest(ErrorCode.INVALID_REQUEST, "malformed percent-encoding in the path");
            }
            out.write(hi << 4 | lo);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
