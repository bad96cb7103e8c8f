package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.Validation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;

import io.netty.util.concurrent.FastThreadLocal;

import java.io.IOException;

/**
 * Turns request bodies into engine commands, checking what JSON alone can check: types, unknown and
 * missing fields, code formats and ranges. Rules that need state (stock, versions, orders) are the
 * engine's. Every method either fills {@code command} completely or throws {@link RejectedRequest}.
 * Stateless apart from its limits: any thread.
 */
public final class RequestDecoder
{
    // The ranges of docs/design.md, defined once in Validation.
    private static final long MAX_QUANTITY = Validation.MAX_REQUEST_QUANTITY;
    private static final long MAX_LEVEL = Validation.MAX_LEVEL;

    // The names each kind of object may hold. Every field is marked in its set before it is read, which
    // rejects unknown and repeated names, so the switches below need no default.
    private static final FieldSet LOCK_FIELDS =
        new FieldSet("orderId", "channel", "ttlSeconds", "allowPresale", "allowSplit", "lines");
    private static final FieldSet SETTLE_FIELDS = new FieldSet("lines");
    private static final FieldSet LINE_FIELDS = new FieldSet("sku", "warehouse", "quantity");
    private static final FieldSet LOCK_LINE_FIELDS = new FieldSet("sku", "listing", "warehouse", "quantity");
    private static final FieldSet BATCH_FIELDS = new FieldSet("items");
    private static final FieldSet ITEM_FIELDS =
        new FieldSet("sku", "warehouse", "onHand", "inTransit", "safetyStock", "expectedVersion");
    private static final FieldSet ADJUST_FIELDS =
        new FieldSet("onHandDelta", "inTransitDelta", "safetyStockDelta", "reason");
    private static final int LOCK_LINES = LOCK_FIELDS.bitsOf("lines");
    private static final int ADJUST_DELTAS = ADJUST_FIELDS.bitsOf("onHandDelta", "inTransitDelta", "safetyStockDelta");
    private static final FieldSet RECEIVE_FIELDS = new FieldSet("quantity");

    private final int maxLines;
    private final int maxBatchItems;
    /** The lock path's own reader, one per event loop; it leaves what it does not take to Jackson. */
    private final FastThreadLocal<LockBodyReader> lockReaders = new FastThreadLocal<>()
    {
        @Override
        protected LockBodyReader initialValue()
        {
            return new LockBodyReader(maxLines);
        }
    };

    /**
     * @param maxLines      the most lines in one lock, release, deduct or return.
     * @param maxBatchItems the most items in one batch.
     */
    public RequestDecoder(final int maxLines, final int maxBatchItems)
    {
        this.maxLines = maxLines;
        this.maxBatchItems = maxBatchItems;
    }

    /** A body that is not JSON at all. */
    private static RejectedRequest malformed(final StreamReadException ex)
    {
        return JsonInput.invalid("malformed JSON: " + ex.getOriginalMessage());
    }

    /** Decodes {@code POST /v1/reservations}. */
    public void lock(final byte[] body, final int offset, final int length, final Command command) throws IOException
    {
        if (!lockReaders.get().read(body, offset, length, command))
        {
            lockParsed(body, offset, length, command);
        }
    }

    /** Decodes a lock body with the general JSON parser: every body the fast reader gives up on. */
    void lockParsed(final byte[] body, final int offset, final int length, final Command command) throws IOException
    {
        try (JsonParser parser = JsonInput.openObject(body, offset, length))
        {
            command.lock(null, null, 0, false, false);
            int seen = 0;
            for (String field = JsonInput.nextField(parser); field != null; field = JsonInput.nextField(parser))
            {
                seen = LOCK_FIELDS.mark(seen, field);
                switch (field)
                {
                    case "orderId" -> command.orderId = orderId(JsonInput.string(parser, field));
                    case "channel" -> command.channel = JsonInput.optionalString(parser, field, Validation.MAX_CHANNEL_LENGTH);
                    case "ttlSeconds" -> command.ttlSeconds = parser.currentToken() == JsonToken.VALUE_NULL
                        ? 0 : (int)JsonInput.integer(parser, field, 1, Validation.MAX_TTL_SECONDS);
                    case "allowPresale" -> command.allowPresale = JsonInput.optionalBoolean(parser, field);
                    case "allowSplit" -> command.allowSplit = JsonInput.optionalBoolean(parser, field);
                    case "lines" -> lines(parser, command, false);
                }
            }
            JsonInput.expectEnd(parser);
            if (command.orderId == null)
            {
                throw JsonInput.invalid("orderId is required");
            }
            if ((seen & LOCK_LINES) == 0)
            {
                throw JsonInput.invalid("lines is required");
            }
        }
        catch (final StreamReadException ex)
        {
            throw malformed(ex);
        }
    }

    /** Decodes the body of a release, deduct or return of {@code orderId}: {@code {}} or {@code {"lines":[…]}}. */
    public void settle(final CommandType type, final String orderId, final byte[] body, final int offset,
        final int length, final Command command) throws IOException
    {
        command.settle(type, orderId);
        try (JsonParser parser = JsonInput.openObject(body, offset, length))
        {
            int seen = 0;
            for (String field = JsonInput.nextField(parser); field != null; field = JsonInput.nextField(parser))
            {
                seen = SETTLE_FIELDS.mark(seen, field);
                lines(parser, command, true);
            }
            JsonInput.expectEnd(parser);
        }
        catch (final StreamReadException ex)
        {
            throw malformed(ex);
        }
    }

    private void lines(final JsonParser parser, final Command command, final boolean warehouseRequired)
        throws IOException
    {
        JsonInput.expectArray(parser, "lines");
        while (JsonInput.nextObjectInArray(parser, "lines"))
        {
            if (command.lines.count() == maxLines)
            {
                throw JsonInput.invalid("at most " + maxLines + " lines");
            }
            String sku = null;
            String listing = null;
            String warehouse = null;
            long quantity = -1;
            int seen = 0;
            // Only a lock's line may name a listing instead of a SKU; settling lines address reservation lines.
            final FieldSet names = warehouseRequired ? LINE_FIELDS : LOCK_LINE_FIELDS;
            for (String field = JsonInput.nextField(parser); field != null; field = JsonInput.nextField(parser))
            {
                seen = names.mark(seen, field);
                switch (field)
                {
                    case "sku" -> sku = JsonInput.code(parser, field);
                    case "listing" -> listing = listingId(JsonInput.string(parser, field));
                    case "warehouse" -> warehouse = JsonInput.optionalCode(parser, field);
                    case "quantity" -> quantity = JsonInput.quantity(parser, field, 1, MAX_QUANTITY);
                }
            }
            if ((sku == null) == (listing == null) || quantity < 0 || (warehouseRequired && warehouse == null))
            {
                throw JsonInput.invalid(warehouseRequired ? "a line needs sku, warehouse and quantity"
                    : "a line needs quantity and either sku or listing, not both");
            }
            command.lines.add(sku, listing, warehouse, quantity);
        }
        if (command.lines.count() == 0)
        {
            throw JsonInput.invalid("lines must not be empty");
        }
    }

    /** Decodes {@code PUT /v1/stock/{sku}/{warehouse}}: any subset of the counts, and expectedVersion. */
    public void set(final String sku, final String warehouse, final byte[] body, final int offset, final int length,
        final Command command) throws IOException
    {
        command.setStock();
        try (JsonParser parser = JsonInput.openObject(body, offset, length))
        {
            item(parser, sku, warehouse, command);
            JsonInput.expectEnd(parser);
        }
        catch (final StreamReadException ex)
        {
            throw malformed(ex);
        }
    }

    /** Decodes {@code POST /v1/stock:batch}. */
    public void batch(final byte[] body, final int offset, final int length, final Command command) throws IOException
    {
        command.setStock();
        try (JsonParser parser = JsonInput.openObject(body, offset, length))
        {
            int seen = 0;
            for (String field = JsonInput.nextField(parser); field != null; field = JsonInput.nextField(parser))
            {
                seen = BATCH_FIELDS.mark(seen, field);
                JsonInput.expectArray(parser, field);
                while (JsonInput.nextObjectInArray(parser, field))
                {
                    if (command.items.count() == maxBatchItems)
                    {
                        throw JsonInput.invalid("at most " + maxBatchItems + " items");
                    }
                    item(parser, null, null, command);
                }
            }
            JsonInput.expectEnd(parser);
            if (command.items.count() == 0)
            {
                throw JsonInput.invalid("items must hold 1.." + maxBatchItems + " items");
            }
        }
        catch (final StreamReadException ex)
        {
            throw malformed(ex);
        }
    }

    /** Reads one set-stock object; the cell comes from the path ({@code sku} non-null) or the object. */
    private static void item(final JsonParser parser, final String pathSku, final String pathWarehouse,
        final Command command) throws IOException
    {
        String sku = pathSku;
        String warehouse = pathWarehouse;
        long onHand = Command.ABSENT;
        long inTransit = Command.ABSENT;
        long safetyStock = Command.ABSENT;
        long expectedVersion = Command.ABSENT;
        final boolean cellInBody = pathSku == null;
        int seen = 0;
        for (String field = JsonInput.nextField(parser); field != null; field = JsonInput.nextField(parser))
        {
            seen = ITEM_FIELDS.mark(seen, field);
            switch (field)
            {
                case "sku" -> sku = cellField(parser, field, cellInBody);
                case "warehouse" -> warehouse = cellField(parser, field, cellInBody);
                case "onHand" -> onHand = JsonInput.quantity(parser, field, 0, MAX_LEVEL);
                case "inTransit" -> inTransit = JsonInput.quantity(parser, field, 0, MAX_LEVEL);
                case "safetyStock" -> safetyStock = JsonInput.quantity(parser, field, 0, MAX_LEVEL);
                case "expectedVersion" -> expectedVersion = JsonInput.integer(parser, field, 0, Long.MAX_VALUE);
            }
        }
        if (sku == null || warehouse == null)
        {
            throw JsonInput.invalid("an item needs sku and warehouse");
        }
        command.items.add(sku, warehouse, onHand, inTransit, safetyStock, expectedVersion);
    }

    private static String cellField(final JsonParser parser, final String field, final boolean allowed)
        throws IOException
    {
        if (!allowed)
        {
            throw JsonInput.unknown(field);
        }
        return JsonInput.code(parser, field);
    }

    /**
     * Decodes {@code POST …/adjust}: at least one delta, and an optional reason: clients commonly leave the
     * reason out, and an adjust is just as
     * sound without one: it is journaled either way.
     */
    public void adjust(final String sku, final String warehouse, final byte[] body, final int offset,
        final int length, final Command command) throws IOException
    {
        command.adjust(sku, warehouse, 0, 0, 0, null);
        try (JsonParser parser = JsonInput.openObject(body, offset, length))
        {
            int seen = 0;
            for (String field = JsonInput.nextField(parser); field != null; field = JsonInput.nextField(parser))
            {
                seen = ADJUST_FIELDS.mark(seen, field);
                switch (field)
                {
                    case "onHandDelta" -> command.onHandDelta = JsonInput.quantity(parser, field, -MAX_LEVEL, MAX_LEVEL);
                    case "inTransitDelta" -> command.inTransitDelta = JsonInput.quantity(parser, field, -MAX_LEVEL, MAX_LEVEL);
                    case "safetyStockDelta" ->
                        command.safetyStockDelta = JsonInput.quantity(parser, field, -MAX_LEVEL, MAX_LEVEL);
                    case "reason" -> command.reason = JsonInput.optionalString(parser, field, Validation.MAX_REASON_LENGTH);
                }
            }
            JsonInput.expectEnd(parser);
            if ((seen & ADJUST_DELTAS) == 0)
            {
                throw JsonInput.invalid("at least one of onHandDelta, inTransitDelta, safetyStockDelta is required");
            }
        }
        catch (final StreamReadException ex)
        {
            throw malformed(ex);
        }
    }

    /** Decodes {@code POST …/receive}: {@code {"quantity":n}}. */
    public void receive(final String sku, final String warehouse, final byte[] body, final int offset,
        final int length, final Command command) throws IOException
    {
        command.receive(sku, warehouse, -1);
        try (JsonParser parser = JsonInput.openObject(body, offset, length))
        {
            int seen = 0;
            for (String field = JsonInput.nextField(parser); field != null; field = JsonInput.nextField(parser))
            {
                seen = RECEIVE_FIELDS.mark(seen, field);
                command.quantity = JsonInput.quantity(parser, field, 1, MAX_QUANTITY);
            }
            JsonInput.expectEnd(parser);
            if (command.quantity < 0)
            {
                throw JsonInput.invalid("quantity is required");
            }
        }
        catch (final StreamReadException ex)
        {
            throw malformed(ex);
        }
    }

    private static String listingId(final String value)
    {
        if (!Validation.isListingId(value))
        {
            throw JsonInput.invalid("listing must be 1..128 printable ASCII characters without spaces or '/'");
        }
        return value;
    }

    private static String orderId(final String value)
    {
        if (!Validation.isOrderId(value))
        {
            throw JsonInput.invalid("orderId must be 1..64 printable ASCII characters");
        }
        return value;
    }
}
