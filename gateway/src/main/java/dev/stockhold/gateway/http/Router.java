package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.Validation;
import dev.stockhold.engine.command.ErrorCode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Matches a request target to a {@link Route} and its path parameters (percent-decoded and checked).
 * One instance per thread: it holds the last match.
 */
final class Router
{
    private static final int MAX_SEGMENTS = 6;

    private final String[] segments = new String[MAX_SEGMENTS];
    private Route route;
    private String first;
    private String second;
    private String third;
    private String query;

    /** @return the route of the last match. */
    Route route()
    {
        return route;
    }

    /** @return the first path parameter (SKU or order id) of the last match. */
    String first()
    {
        return first;
    }

    /** @return the second path parameter (warehouse) of the last match. */
    String second()
    {
        return second;
    }

    /** @return the third path parameter (an allocation's warehouse) of the last match, or null. */
    String third()
    {
        return third;
    }

    /** @return the query string of the last match, without '?', or null. */
    String query()
    {
        return query;
    }

    /**
     * Matches {@code uri}.
     *
     * @return false when no route has this path (answer ERR_NOT_FOUND).
     * @throws RejectedRequest when a path parameter is malformed.
     */
    boolean match(final String uri)
    {
        route = null;
        first = null;
        second = null;
        third = null;
        final int queryAt = uri.indexOf('?');
        query = queryAt < 0 ? null : uri.substring(queryAt + 1);
        final int end = queryAt < 0 ? uri.length() : queryAt;
        final int count = split(uri, end);
        if (count <= 0)
        {
            return false;
        }
        if (count == 1)
        {
            route = switch (segments[0])
            {
                case "health" -> Route.HEALTH;
                case "ready" -> Route.READY;
                case "metrics" -> Route.METRICS;
                case "openapi.yaml" -> Route.OPENAPI;
                default -> null;
            };
            return route != null;
        }
        if (!"v1".equals(segments[0]))
        {
            return false;
        }
        return switch (segments[1])
        {
            case "stock" -> matchStock(count);
            case "reservations" -> matchReservations(count);
            case "stock:batch" -> count == 2 && set(Route.STOCK_BATCH);
            case "changes" -> count == 2 && set(Route.CHANGES);
            case "channels" -> matchChannels(count);
            case "kits" -> count == 3 && kit();
            case "cluster" -> count == 2 && set(Route.CLUSTER);
            default -> false;
        };
    }

    private boolean matchStock(final int count)
    {
        if (count < 3 || count > 5)
        {
            return false;
        }
        if (count == 5)
        {
            final Route action = switch (segments[4])
            {
                case "adjust" -> Route.STOCK_ADJUST;
                case "receive" -> Route.STOCK_RECEIVE;
                default -> null;
            };
            if (action == null)
            {
                return false;
            }
            route = action;
        }
        else
        {
            route = count == 3 ? Route.STOCK_SKU : Route.STOCK_CELL;
        }
        first = code(segments[2]);
        second = count >= 4 ? code(segments[3]) : null;
        return true;
    }

    private boolean matchReservations(final int count)
    {
        if (count == 2)
        {
            return set(Route.RESERVATIONS);
        }
        if (count == 3)
        {
            route = Route.RESERVATION;
        }
        else if (count == 4)
        {
            route = switch (segments[3])
            {
                case "release" -> Route.RESERVATION_RELEASE;
                case "deduct" -> Route.RESERVATION_DEDUCT;
                case "return" -> Route.RESERVATION_RETURN;
                default -> null;
            };
            if (route == null)
            {
                return false;
            }
        }
        else
        {
            return false;
        }
        first = decode(segments[2]);
        if (!Validation.isOrderId(first))
        {
            throw new RejectedRequest(ErrorCode.INVALID_REQUEST, "orderId must be 1..64 printable ASCII characters");
        }
        return true;
    }

    /** {@code /v1/kits/{kit}}: a kit code follows the SKU rule. */
    private boolean kit()
    {
        route = Route.KIT;
        first = code(segments[2]);
        return true;
    }

    /** Every path under {@code /v1/channels}; the first parameter is the channel, a code. */
    private boolean matchChannels(final int count)
    {
        if (count == 2)
        {
            return set(Route.CHANNELS);
        }
        if (count == 3)
        {
            route = Route.CHANNEL;
        }
        else if (count == 4 && "push".equals(segments[3]))
        {
            route = Route.CHANNEL_PUSH;
        }
        else if (count == 4 && "changes".equals(segments[3]))
        {
            route = Route.CHANNEL_CHANGES;
        }
        else if (count == 5 && "listings".equals(segments[3]))
        {
            route = Route.LISTING;
            second = decode(segments[4]);
            if (!Validation.isListingId(second))
            {
                throw new RejectedRequest(ErrorCode.INVALID_REQUEST,
                    "a listing id is 1..128 printable ASCII characters without spaces or '/'");
            }
        }
        else if (count == 6 && "allocations".equals(segments[3]))
        {
            route = Route.ALLOCATION;
            second = code(segments[4]);
            third = code(segments[5]);
        }
        else
        {
            return false;
        }
        first = code(segments[2]);
        return true;
    }

    private boolean set(final Route matched)
    {
        route = matched;
        return true;
    }

    /** Splits the path into raw segments; @return their count, or -1 for an empty segment or too many. */
    private int split(final String uri, final int end)
    {
        if (end == 0 || uri.charAt(0) != '/')
        {
            return -1;
        }
        int count = 0;
        int start = 1;
        while (start <= end)
        {
            int slash = uri.indexOf('/', start);
            if (slash < 0 || slash > end)
            {
                slash = end;
            }
            if (slash == start || count == MAX_SEGMENTS)
            {
                return -1;
            }
            segments[count++] = uri.substring(start, slash);
            start = slash + 1;
        }
        return count;
    }

    private static String code(final String raw)
    {
        final String value = decode(raw);
        if (!Validation.isCode(value))
        {
            throw new RejectedRequest(ErrorCode.INVALID_REQUEST,
                "SKU, warehouse, kit and channel codes are 1..64 printable ASCII characters without spaces or '/'");
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
