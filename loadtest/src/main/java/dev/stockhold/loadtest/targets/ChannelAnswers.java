package dev.stockhold.loadtest.targets;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Reads the channel documents of the HTTP API (docs/api.md) into a {@link ChannelAnswer}. Thread-safe. */
final class ChannelAnswers
{
    private ChannelAnswers()
    {
    }

    /** @return what {@code body} shows of channels; {@link ChannelAnswer#NONE} for any other document. */
    static ChannelAnswer parse(final JsonNode body)
    {
        if (body.has("channels"))
        {
            final List<ChannelAnswer.Rules> rules = new ArrayList<>();
            body.path("channels").forEach(channel -> rules.add(rules(channel)));
            return new ChannelAnswer(rules, null, null, null, List.of());
        }
        if (body.has("bufferUnits"))
        {
            return new ChannelAnswer(List.of(rules(body)), null, null, null, List.of());
        }
        if (body.has("listingId"))
        {
            return new ChannelAnswer(List.of(), new ChannelAnswer.Listing(body.path("channel").asText(),
                body.path("listingId").asText(), body.path("sku").asText(), body.path("published").asLong(),
                body.path("version").asLong()), null, null, List.of());
        }
        if (body.has("components"))
        {
            return new ChannelAnswer(List.of(), null, kit(body), null, List.of());
        }
        if (body.has("units"))
        {
            return new ChannelAnswer(List.of(), null, null, new ChannelAnswer.Allocation(body.path("channel").asText(),
                body.path("sku").asText(), body.path("warehouse").asText(), body.path("units").asLong(),
                body.path("version").asLong()), List.of());
        }
        return ChannelAnswer.NONE;
    }

    private static ChannelAnswer.Rules rules(final JsonNode channel)
    {
        List<String> warehouses = null;
        if (channel.path("warehouses").isArray())
        {
            warehouses = new ArrayList<>();
            for (final JsonNode warehouse : channel.path("warehouses"))
            {
                warehouses.add(warehouse.asText());
            }
        }
        final JsonNode push = channel.path("push");
        final boolean pushed = push.isObject();
        return new ChannelAnswer.Rules(channel.path("channel").asText(), warehouses,
            channel.path("bufferUnits").asLong(), channel.path("percent").asLong(),
            channel.path("maxUnits").isNumber() ? channel.path("maxUnits").asLong() : -1,
            channel.path("allowPresale").asBoolean(), pushed ? push.path("url").asText() : null,
            pushed ? push.path("ratePerSecond").asLong() : 0, pushed ? push.path("burst").asLong() : 0,
            pushed ? push.path("maxListings").asLong() : 0, channel.path("version").asLong());
    }

    private static ChannelAnswer.Kit kit(final JsonNode kit)
    {
        final List<String> components = new ArrayList<>();
        for (final JsonNode component : kit.path("components"))
        {
            components.add(component.path("sku").asText() + "×" + component.path("quantity").asLong());
        }
        final List<String> warehouses = new ArrayList<>();
        for (final JsonNode warehouse : kit.path("warehouses"))
        {
            warehouses.add(warehouse.path("warehouse").asText() + "=" + warehouse.path("available").asLong());
        }
        return new ChannelAnswer.Kit(kit.path("sku").asText(), components, kit.path("available").asLong(), warehouses,
            kit.path("version").asLong());
    }
}
