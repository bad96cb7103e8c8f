package dev.stockhold.gateway.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.Validation;

import java.io.IOException;

/**
 * Turns the bodies of the channel endpoints (channels, listings, kits, allocations) into engine commands,
 * checking JSON types, unknown and missing fields and number ranges. Rules that need state (an unknown
 * channel or SKU, a warehouse list's size and repeats, a kit's components) are the engine's. Every method
 * either fills {@code command} completely or throws {@link RejectedRequest}. Stateless: any thread.
 */
final class ChannelDecoder
{
    private static final long MAX_LEVEL = Validation.MAX_LEVEL;
    private static final FieldSet CHANNEL_FIELDS =
        new FieldSet("warehouses", "bufferUnits", "percent", "maxUnits", "allowPresale", "push");
    private static final FieldSet PUSH_FIELDS = new FieldSet("url", "secret", "ratePerSecond", "burst", "maxListings");
    private static final FieldSet LISTING_FIELDS = new FieldSet("sku");
    private static final FieldSet KIT_FIELDS = new FieldSet("components");
    private static final FieldSet COMPONENT_FIELDS = new FieldSet("sku", "quantity");
    private static final FieldSet ALLOCATION_FIELDS = new FieldSet("units");
    // One more than the engine's limit, so that the engine, not the decoder, names the limit it enforces.
    private static final int MAX_WAREHOUSES_READ = Validation.MAX_CHANNEL_WAREHOUSES + 1;
    // The engine's component limit is configurable; this only bounds what one body may make us hold.
    private static final int MAX_COMPONENTS_READ = 1_000;

    private ChannelDecoder()
    {
    }

    private static RejectedRequest malformed(final StreamReadException ex)
    {
        return JsonInput.invalid("malformed JSON: " + ex.getOriginalMessage());
    }

    /**
     * Decodes {@code PUT /v1/channels/{channel}}: every field optional, an omitted one takes its default
     * (every warehouse, no buffer, 100 percent, no cap, no presale).
     */
    static void putChannel(final String channel, final byte[] body, final int offset, final int length,
        final Command command) throws IOException
    {
        command.putChannel(channel, 0, 100, Command.ABSENT, false);
        try (JsonParser parser = JsonInput.openObject(body, offset, length))
        {
            int seen = 0;
            for (String field = JsonInput.nextField(parser); field != null; field = JsonInput.nextField(parser))
            {
                seen = CHANNEL_FIELDS.mark(seen, field);
                switch (field)
                {
                    case "warehouses" -> warehouses(parser, command);
                    case "bufferUnits" -> command.bufferUnits = JsonInput.quantity(parser, field, 0, MAX_LEVEL);
                    case "percent" -> command.percent = JsonInput.quantity(parser, field, 0, 100);
                    case "maxUnits" -> command.maxUnits = parser.currentToken() == JsonToken.VALUE_NULL
                        ? Command.ABSENT : JsonInput.quantity(parser, field, 0, MAX_LEVEL);
                    case "allowPresale" -> command.allowPresale = JsonInput.optionalBoolean(parser, field);
                    case "push" -> push(parser, command);
                }
            }
            JsonInput.expectEnd(parser);
        }
        catch (final StreamReadException ex)
        {
            throw malformed(ex);
        }
    }

    /**
     * Reads {@code null} (no push) or {@code {"url":…,"secret":…,"ratePerSecond":n,"burst":n,"maxListings":n}}:
     * url and secret required, the numbers optional (10, 10, 200). The URL's and secret's rules are the engine's.
     */
    private static void push(final JsonParser parser, final Command command) throws IOException
    {
        if (parser.currentToken() == JsonToken.VALUE_NULL)
        {
            return;
        }
        if (parser.currentToken() != JsonToken.START_OBJECT)
        {
            throw JsonInput.invalid("push must be an object or null");
        }
        command.push(null, null, Validation.DEFAULT_PUSH_RATE, Validation.DEFAULT_PUSH_BURST,
            Validation.DEFAULT_PUSH_LISTINGS);
        int seen = 0;
        for (String field = JsonInput.nextField(parser); field != null; field = JsonInput.nextField(parser))
        {
            seen = PUSH_FIELDS.mark(seen, field);
            switch (field)
            {
                case "url" -> command.pushUrl = JsonInput.string(parser, "push.url");
                case "secret" -> command.pushSecret = JsonInput.string(parser, "push.secret");
                case "ratePerSecond" -> command.pushRatePerSecond =
                    JsonInput.quantity(parser, "push.ratePerSecond", 1, Validation.MAX_PUSH_RATE);
                case "burst" -> command.pushBurst = JsonInput.quantity(parser, "push.burst", 1, Validation.MAX_PUSH_RATE);
                case "maxListings" -> command.pushMaxListings =
                    JsonInput.quantity(parser, "push.maxListings", 1, Validation.MAX_PUSH_LISTINGS);
            }
        }
        if (command.pushUrl == null || command.pushSecret == null)
        {
            throw JsonInput.invalid("push needs url and secret");
        }
    }

    /** Reads {@code null} (every warehouse) or an array of codes into the command's warehouse list. */
    private static void warehouses(final JsonParser parser, final Command command) throws IOException
    {
        if (parser.currentToken() == JsonToken.VALUE_NULL)
        {
            return;
        }
        JsonInput.expectArray(parser, "warehouses");
        command.channelWarehouses.present();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken())
        {
            if (command.channelWarehouses.count() == MAX_WAREHOUSES_READ)
            {
                throw JsonInput.invalid("warehouses must be null or 1..100 distinct warehouse codes");
            }
            command.channelWarehouses.add(JsonInput.code(parser, "warehouses"));
        }
    }

    /** Decodes {@code PUT /v1/channels/{channel}/listings/{listingId}}: {@code {"sku":"A1"}}. */
    static void bindListing(final String channel, final String listingId, final byte[] body, final int offset,
        final int length, final Command command) throws IOException
    {
        command.bindListing(channel, listingId, null);
        try (JsonParser parser = JsonInput.openObject(body, offset, length))
        {
            int seen = 0;
            for (String field = JsonInput.nextField(parser); field != null; field = JsonInput.nextField(parser))
            {
                seen = LISTING_FIELDS.mark(seen, field);
                command.sku = JsonInput.code(parser, field);
            }
            JsonInput.expectEnd(parser);
            if (command.sku == null)
            {
                throw JsonInput.invalid("sku is required");
            }
        }
        catch (final StreamReadException ex)
        {
            throw malformed(ex);
        }
    }

    /** Decodes {@code PUT /v1/kits/{kit}}: {@code {"components":[{"sku":…,"quantity":…},…]}}. */
    static void putKit(final String kit, final byte[] body, final int offset,
        final int length, final Command command) throws IOException
    {
        command.putKit(kit);
        try (JsonParser parser = JsonInput.openObject(body, offset, length))
        {
            int seen = 0;
            for (String field = JsonInput.nextField(parser); field != null; field = JsonInput.nextField(parser))
            {
                seen = KIT_FIELDS.mark(seen, field);
                JsonInput.expectArray(parser, field);
                while (JsonInput.nextObjectInArray(parser, field))
                {
                    if (command.lines.count() == MAX_COMPONENTS_READ)
                    {
                        throw JsonInput.invalid("too many components");
                    }
                    component(parser, command);
                }
            }
            JsonInput.expectEnd(parser);
            if (command.lines.count() == 0)
            {
                throw JsonInput.invalid("components must not be empty");
            }
        }
        catch (final StreamReadException ex)
        {
            throw malformed(ex);
        }
    }

    private static void component(final JsonParser parser, final Command command) throws IOException
    {
        String sku = null;
        long quantity = -1;
        int seen = 0;
        for (String field = JsonInput.nextField(parser); field != null; field = JsonInput.nextField(parser))
        {
            seen = COMPONENT_FIELDS.mark(seen, field);
            switch (field)
            {
                case "sku" -> sku = JsonInput.code(parser, field);
                case "quantity" -> quantity =
                    JsonInput.quantity(parser, field, 1, Validation.MAX_KIT_COMPONENT_QUANTITY);
            }
        }
        if (sku == null || quantity < 0)
        {
            throw JsonInput.invalid("a component needs sku and quantity");
        }
        command.lines.add(sku, null, quantity);
    }

    /** Decodes {@code PUT /v1/channels/{channel}/allocations/{sku}/{warehouse}}: {@code {"units":n}}. */
    static void setAllocation(final String channel, final String sku, final String warehouse, final byte[] body,
        final int offset, final int length, final Command command) throws IOException
    {
        command.setAllocation(channel, sku, warehouse, -1);
        try (JsonParser parser = JsonInput.openObject(body, offset, length))
        {
            int seen = 0;
            for (String field = JsonInput.nextField(parser); field != null; field = JsonInput.nextField(parser))
            {
                seen = ALLOCATION_FIELDS.mark(seen, field);
                command.quantity = JsonInput.quantity(parser, field, 0, MAX_LEVEL);
            }
            JsonInput.expectEnd(parser);
            if (command.quantity < 0)
            {
                throw JsonInput.invalid("units is required");
            }
        }
        catch (final StreamReadException ex)
        {
            throw malformed(ex);
        }
    }
}
