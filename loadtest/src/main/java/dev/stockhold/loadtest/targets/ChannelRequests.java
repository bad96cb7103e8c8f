package dev.stockhold.loadtest.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.OrderLines;

import static dev.stockhold.loadtest.targets.HttpRequests.seg;

/**
 * Turns a channel, listing, kit or allocation {@link Command} into the HTTP request of docs/api.md that asks
 * for the same thing. Stateless; thread-safe.
 */
final class ChannelRequests
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChannelRequests()
    {
    }

    static HttpRequests.Call build(final Command command)
    {
        return switch (command.type)
        {
            case PUT_CHANNEL -> HttpRequests.put(channel(command), rules(command), command);
            case BIND_LISTING -> HttpRequests.put(listing(command), JSON.createObjectNode().put("sku", command.sku),
                command);
            case UNBIND_LISTING -> new HttpRequests.Call("DELETE", listing(command), null, command.idempotencyKey);
            case PUT_KIT -> HttpRequests.put(kit(command), components(command.lines), command);
            case SET_ALLOCATION -> HttpRequests.put(allocation(command),
                JSON.createObjectNode().put("units", command.quantity), command);
            case GET_CHANNEL -> HttpRequests.get(channel(command));
            case LIST_CHANNELS -> HttpRequests.get("/v1/channels");
            case GET_LISTING -> HttpRequests.get(listing(command));
            case GET_KIT -> HttpRequests.get(kit(command));
            case GET_ALLOCATION -> HttpRequests.get(allocation(command));
            default -> throw new IllegalArgumentException("not a channel command: " + command.type);
        };
    }

    private static String channel(final Command command)
    {
        return "/v1/channels/" + seg(command.channel);
    }

    private static String listing(final Command command)
    {
        return channel(command) + "/listings/" + seg(command.listing);
    }

    private static String kit(final Command command)
    {
        return "/v1/kits/" + seg(command.sku);
    }

    private static String allocation(final Command command)
    {
        return channel(command) + "/allocations/" + seg(command.sku) + "/" + seg(command.warehouse);
    }

    /** {@code {"warehouses":…,"bufferUnits":n,"percent":n,"maxUnits":…,"allowPresale":b,"push":…}}. */
    private static ObjectNode rules(final Command command)
    {
        final ObjectNode body = JSON.createObjectNode();
        if (!command.channelWarehouses.isPresent())
        {
            body.putNull("warehouses");
        }
        else
        {
            final ArrayNode warehouses = body.putArray("warehouses");
            for (int i = 0; i < command.channelWarehouses.count(); i++)
            {
                warehouses.add(command.channelWarehouses.get(i));
            }
        }
        body.put("bufferUnits", command.bufferUnits).put("percent", command.percent);
        if (command.maxUnits == Command.ABSENT)
        {
            body.putNull("maxUnits");
        }
        else
        {
            body.put("maxUnits", command.maxUnits);
        }
        body.put("allowPresale", command.allowPresale);
        if (command.pushUrl != null)
        {
            body.putObject("push").put("url", command.pushUrl).put("secret", command.pushSecret)
                .put("ratePerSecond", command.pushRatePerSecond).put("burst", command.pushBurst)
                .put("maxListings", command.pushMaxListings);
        }
        return body;
    }

    /** {@code {"components":[{"sku":…,"quantity":n},…]}} from a kit's lines (SKU and quantity). */
    private static ObjectNode components(final OrderLines lines)
    {
        final ObjectNode body = JSON.createObjectNode();
        final ArrayNode components = body.putArray("components");
        for (int i = 0; i < lines.count(); i++)
        {
            components.addObject().put("sku", lines.sku(i)).put("quantity", lines.quantity(i));
        }
        return body;
    }
}
