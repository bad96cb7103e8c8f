package dev.stockhold.loadtest.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.OrderLines;
import dev.stockhold.engine.command.StockItems;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * Turns an engine {@link Command} into the HTTP request of docs/api.md that asks for the same thing. Stateless
 * apart from the base address; thread-safe.
 */
final class HttpRequests
{
    /** One HTTP request: method, path (with the query), JSON body or null, idempotency key or null. */
    record Call(String method, String path, String body, String idempotencyKey)
    {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String base;
    /** The Authorization header's value, or null for a server without keys. */
    private final String authorization;

    /** @param apiKey the API key's secret, or null. */
    HttpRequests(final String base, final String apiKey)
    {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.authorization = apiKey == null ? null : "Bearer " + apiKey;
    }

    /** @return the Authorization header's value, or null. */
    String authorization()
    {
        return authorization;
    }

    Call build(final Command command)
    {
        switch (command.type)
        {
            case LOCK:
                return post("/v1/reservations", lockBody(command), command);
            case RELEASE:
                return post("/v1/reservations/" + seg(command.orderId) + "/release", settleBody(command), command);
            case DEDUCT:
                return post("/v1/reservations/" + seg(command.orderId) + "/deduct", settleBody(command), command);
            case RETURN:
                return post("/v1/reservations/" + seg(command.orderId) + "/return", settleBody(command), command);
            case SET_STOCK:
                return setStock(command);
            case ADJUST:
                final ObjectNode adjust = JSON.createObjectNode()
                    .put("onHandDelta", command.onHandDelta).put("inTransitDelta", command.inTransitDelta);
                if (command.safetyStockDelta != 0)
                {
                    adjust.put("safetyStockDelta", command.safetyStockDelta);
                }
                if (command.reason != null)
                {
                    adjust.put("reason", command.reason);
                }
                return post(cell(command.sku, command.warehouse) + "/adjust", adjust, command);
            case RECEIVE:
                return post(cell(command.sku, command.warehouse) + "/receive",
                    JSON.createObjectNode().put("quantity", command.quantity), command);
            case GET_CELL:
                return get(cell(command.sku, command.warehouse));
            case GET_SKU:
                return get("/v1/stock/" + seg(command.sku));
            case GET_RESERVATION:
                return get("/v1/reservations/" + seg(command.orderId));
            case PUT_CHANNEL:
            case BIND_LISTING:
            case UNBIND_LISTING:
            case PUT_KIT:
            case SET_ALLOCATION:
            case GET_CHANNEL:
            case LIST_CHANNELS:
            case GET_LISTING:
            case GET_KIT:
            case GET_ALLOCATION:
                return ChannelRequests.build(command);
            default:
                throw new IllegalArgumentException("the HTTP API does not carry " + command.type);
        }
    }

    static Call get(final String path)
    {
        return new Call("GET", path, null, null);
    }

    /** @return a plain GET for the JDK client (metrics). */
    HttpRequest jdkGet(final String path)
    {
        return authorized(HttpRequest.newBuilder(URI.create(base + path))).GET().build();
    }

    /** @return the change feed request: an open-ended stream. */
    HttpRequest changes()
    {
        return authorized(HttpRequest.newBuilder(URI.create(base + "/v1/changes")))
            .header("Accept", "text/event-stream").GET().build();
    }

    private HttpRequest.Builder authorized(final HttpRequest.Builder builder)
    {
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private Call setStock(final Command command)
    {
        final StockItems items = command.items;
        if (items.count() == 1)
        {
            return put(cell(items.sku(0), items.warehouse(0)), item(items, 0, false), command);
        }
        final ObjectNode body = JSON.createObjectNode();
        final ArrayNode array = body.putArray("items");
        for (int i = 0; i < items.count(); i++)
        {
            array.add(item(items, i, true));
        }
        return post("/v1/stock:batch", body, command);
    }

    private static ObjectNode item(final StockItems items, final int i, final boolean named)
    {
        final ObjectNode item = JSON.createObjectNode();
        if (named)
        {
            item.put("sku", items.sku(i)).put("warehouse", items.warehouse(i));
        }
        putPresent(item, "onHand", items.onHand(i));
        putPresent(item, "inTransit", items.inTransit(i));
        putPresent(item, "safetyStock", items.safetyStock(i));
        putPresent(item, "expectedVersion", items.expectedVersion(i));
        return item;
    }

    private static void putPresent(final ObjectNode node, final String name, final long value)
    {
        if (value != Command.ABSENT)
        {
            node.put(name, value);
        }
    }

    private static ObjectNode lockBody(final Command command)
    {
        final ObjectNode body = JSON.createObjectNode().put("orderId", command.orderId);
        if (command.channel != null)
        {
            body.put("channel", command.channel);
        }
        if (command.ttlSeconds > 0)
        {
            body.put("ttlSeconds", command.ttlSeconds);
        }
        if (command.allowPresale)
        {
            body.put("allowPresale", true);
        }
        if (command.allowSplit)
        {
            body.put("allowSplit", true);
        }
        putLines(body, command.lines);
        return body;
    }

    private static ObjectNode settleBody(final Command command)
    {
        final ObjectNode body = JSON.createObjectNode();
        if (command.lines.count() > 0)
        {
            putLines(body, command.lines);
        }
        return body;
    }

    private static void putLines(final ObjectNode body, final OrderLines lines)
    {
        final ArrayNode array = body.putArray("lines");
        for (int i = 0; i < lines.count(); i++)
        {
            final ObjectNode line = lines.listing(i) != null ? array.addObject().put("listing", lines.listing(i))
                : array.addObject().put("sku", lines.sku(i));
            if (lines.warehouse(i) != null)
            {
                line.put("warehouse", lines.warehouse(i));
            }
            line.put("quantity", lines.quantity(i));
        }
    }

    static Call post(final String path, final ObjectNode body, final Command command)
    {
        return new Call("POST", path, body.toString(), command.idempotencyKey);
    }

    static Call put(final String path, final ObjectNode body, final Command command)
    {
        return new Call("PUT", path, body.toString(), command.idempotencyKey);
    }

    private static String cell(final String sku, final String warehouse)
    {
        return "/v1/stock/" + seg(sku) + "/" + seg(warehouse);
    }

    /** Percent-encodes everything but unreserved characters: codes are printable ASCII and may hold '?' or '%'. */
    static String seg(final String code)
    {
        final StringBuilder out = new StringBuilder(code.length());
        for (final byte b : code.getBytes(StandardCharsets.UTF_8))
        {
            final char c = (char)(b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~')
            {
                out.append(c);
            }
            else
            {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
