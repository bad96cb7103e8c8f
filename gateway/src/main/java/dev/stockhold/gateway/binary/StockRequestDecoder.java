package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.Validation;
import dev.stockhold.client.sbe.AdjustDecoder;
import dev.stockhold.client.sbe.GetReservationDecoder;
import dev.stockhold.client.sbe.GetStockDecoder;
import dev.stockhold.client.sbe.LockDecoder;
import dev.stockhold.client.sbe.MessageHeaderDecoder;
import dev.stockhold.client.sbe.ReceiveDecoder;
import dev.stockhold.client.sbe.SetStockDecoder;
import dev.stockhold.client.sbe.SettleDecoder;
import org.agrona.DirectBuffer;

/**
 * Turns the stock and order requests (lock, settle, set, adjust, receive and their reads) into engine commands
 * for {@link RequestDecoder}, checking fields by the rules of {@link Validation} with the error codes HTTP
 * answers, as {@link ChannelRequestDecoder} does for the channel requests. Each method is given a message whose
 * block length is already checked and returns where it ends; a bad field is recorded in the shared
 * {@link FieldReader} and the message is still read to its end. Event loop only, one per connection.
 */
final class StockRequestDecoder
{
    private final FieldReader fields;
    private final LockDecoder lock = new LockDecoder();
    private final SettleDecoder settle = new SettleDecoder();
    private final SetStockDecoder setStock = new SetStockDecoder();
    private final AdjustDecoder adjust = new AdjustDecoder();
    private final ReceiveDecoder receive = new ReceiveDecoder();
    private final GetStockDecoder getStock = new GetStockDecoder();
    private final GetReservationDecoder getReservation = new GetReservationDecoder();

    StockRequestDecoder(final FieldReader fields)
    {
        this.fields = fields;
    }

    /** Reads a {@code Lock}: its lines (each a SKU or a listing), order id, channel and idempotency key. */
    int lock(final DirectBuffer frame, final int body, final Command into)
    {
        lock.wrap(frame, body, LockDecoder.BLOCK_LENGTH, MessageHeaderDecoder.SCHEMA_VERSION);
        final int ttlSeconds = lock.ttlSeconds();
        if (!Validation.isTtlSeconds(ttlSeconds))
        {
            fields.fail(ErrorCode.INVALID_REQUEST, "ttlSeconds out of range");
        }
        into.lock(null, null, ttlSeconds, fields.flag(lock.allowPresaleRaw()), fields.flag(lock.allowSplitRaw()));
        final LockDecoder.LinesDecoder lines = lock.lines();
        fields.checkGroup(lines.actingBlockLength(), LockDecoder.LinesDecoder.sbeBlockLength());
        if (lines.count() == 0)
        {
            fields.fail(ErrorCode.INVALID_REQUEST, "a lock needs at least one line");
        }
        while (lines.hasNext())
        {
            // A line's codes are judged before its quantity, as in the documented JSON body.
            lines.next();
            final long quantity = lines.quantity();
            fields.readVar(lock);
            final String sku = fields.code(true, "bad sku");
            fields.readVar(lock);
            final String warehouse = fields.code(true, "bad warehouse");
            fields.readVar(lock);
            final String listing = fields.listingId(true, "bad listing");
            fields.quantity(quantity);
            if ((sku == null) == (listing == null))
            {
                fields.fail(ErrorCode.INVALID_REQUEST, "a line needs either sku or listing, not both");
            }
            into.lines.add(sku, listing, warehouse, quantity);
        }
        fields.readVar(lock);
        into.orderId = fields.orderId();
        fields.readVar(lock);
        into.channel = fields.unicodeText(Validation.MAX_CHANNEL_LENGTH, "bad channel", true);
        fields.readVar(lock);
        into.idempotencyKey = fields.text(Validation.MAX_IDEMPOTENCY_KEY_LENGTH, true, "bad idempotency key");
        return lock.limit();
    }

    /** Reads a {@code Settle}: a release, deduct or return of an order, whole or by lines. */
    int settle(final DirectBuffer frame, final int body, final Command into)
    {
        settle.wrap(frame, body, SettleDecoder.BLOCK_LENGTH, MessageHeaderDecoder.SCHEMA_VERSION);
        final CommandType type = CommandType.fromCode(settle.actionRaw());
        if (type != CommandType.RELEASE && type != CommandType.DEDUCT && type != CommandType.RETURN)
        {
            fields.fail(ErrorCode.INVALID_REQUEST, "unknown settle action");
        }
        into.settle(type, null);
        final SettleDecoder.LinesDecoder lines = settle.lines();
        fields.checkGroup(lines.actingBlockLength(), SettleDecoder.LinesDecoder.sbeBlockLength());
        while (lines.hasNext())
        {
            lines.next();
            final long quantity = fields.quantity(lines.quantity());
            fields.readVar(settle);
            final String sku = fields.code(false, "bad sku");
            fields.readVar(settle);
            into.lines.add(sku, fields.code(false, "bad warehouse"), quantity);
        }
        fields.readVar(settle);
        into.orderId = fields.orderId();
        fields.readVar(settle);
        into.idempotencyKey = fields.text(Validation.MAX_IDEMPOTENCY_KEY_LENGTH, true, "bad idempotency key");
        return settle.limit();
    }

    /** Reads a {@code SetStock}: absolute levels of one or more cells, each with an optional expected version. */
    int setStock(final DirectBuffer frame, final int body, final Command into)
    {
        setStock.wrap(frame, body, SetStockDecoder.BLOCK_LENGTH, MessageHeaderDecoder.SCHEMA_VERSION);
        into.setStock();
        final SetStockDecoder.ItemsDecoder items = setStock.items();
        fields.checkGroup(items.actingBlockLength(), SetStockDecoder.ItemsDecoder.sbeBlockLength());
        if (items.count() == 0)
        {
            fields.fail(ErrorCode.INVALID_REQUEST, "a set needs at least one item");
        }
        while (items.hasNext())
        {
            items.next();
            final long onHand = fields.level(items.onHand());
            final long inTransit = fields.level(items.inTransit());
            final long safetyStock = fields.level(items.safetyStock());
            final long expectedVersion = items.expectedVersion();
            if (expectedVersion != Command.ABSENT && expectedVersion < 0)
            {
                fields.fail(ErrorCode.INVALID_REQUEST, "expectedVersion out of range");
            }
            fields.readVar(setStock);
            final String sku = fields.code(false, "bad sku");
            fields.readVar(setStock);
            into.items.add(sku, fields.code(false, "bad warehouse"), onHand, inTransit, safetyStock, expectedVersion);
        }
        fields.readVar(setStock);
        into.idempotencyKey = fields.text(Validation.MAX_IDEMPOTENCY_KEY_LENGTH, true, "bad idempotency key");
        return setStock.limit();
    }

    /** Reads an {@code Adjust}: signed deltas of one cell's levels and the reason for them. */
    int adjust(final DirectBuffer frame, final int body, final Command into)
    {
        adjust.wrap(frame, body, AdjustDecoder.BLOCK_LENGTH, MessageHeaderDecoder.SCHEMA_VERSION);
        final long onHandDelta = fields.delta(adjust.onHandDelta());
        final long inTransitDelta = fields.delta(adjust.inTransitDelta());
        final long safetyStockDelta = fields.delta(adjust.safetyStockDelta());
        fields.readVar(adjust);
        final String sku = fields.code(false, "bad sku");
        fields.readVar(adjust);
        final String warehouse = fields.code(false, "bad warehouse");
        fields.readVar(adjust);
        final String reason = fields.unicodeText(Validation.MAX_REASON_LENGTH, "bad reason", false);
        into.adjust(sku, warehouse, onHandDelta, inTransitDelta, safetyStockDelta, reason);
        fields.readVar(adjust);
        into.idempotencyKey = fields.text(Validation.MAX_IDEMPOTENCY_KEY_LENGTH, true, "bad idempotency key");
        return adjust.limit();
    }

    /** Reads a {@code Receive}: units arriving at one cell. */
    int receive(final DirectBuffer frame, final int body, final Command into)
    {
        receive.wrap(frame, body, ReceiveDecoder.BLOCK_LENGTH, MessageHeaderDecoder.SCHEMA_VERSION);
        final long quantity = fields.quantity(receive.quantity());
        fields.readVar(receive);
        final String sku = fields.code(false, "bad sku");
        fields.readVar(receive);
        into.receive(sku, fields.code(false, "bad warehouse"), quantity);
        fields.readVar(receive);
        into.idempotencyKey = fields.text(Validation.MAX_IDEMPOTENCY_KEY_LENGTH, true, "bad idempotency key");
        return receive.limit();
    }

    /** Reads a {@code GetStock}: one cell, or a SKU in every warehouse. */
    int getStock(final DirectBuffer frame, final int body, final Command into)
    {
        getStock.wrap(frame, body, GetStockDecoder.BLOCK_LENGTH, MessageHeaderDecoder.SCHEMA_VERSION);
        fields.readVar(getStock);
        final String sku = fields.code(false, "bad sku");
        fields.readVar(getStock);
        into.getStock(sku, fields.code(true, "bad warehouse"));
        return getStock.limit();
    }

    /** Reads a {@code GetReservation}: one order. */
    int getReservation(final DirectBuffer frame, final int body, final Command into)
    {
        getReservation.wrap(frame, body, GetReservationDecoder.BLOCK_LENGTH, MessageHeaderDecoder.SCHEMA_VERSION);
        fields.readVar(getReservation);
        into.getReservation(fields.orderId());
        return getReservation.limit();
    }
}
