package dev.stockhold.engine.command;

/**
 * The field-by-field reset and copy of a {@link Command}'s request (header, reply context and payload, never
 * its result), kept apart from the builders so that {@link Command} reads as the list of its fields and the
 * commands that fill them. A request field added to {@link Command} is reset in {@link #clear} and copied in
 * {@link #copy}: nothing else knows the whole list. Allocates nothing; the caller's thread owns the slots.
 */
final class RequestFields
{
    private RequestFields()
    {
    }

    /** Resets the header, reply context and payload of {@code command}, keeping its lists' capacity. */
    static void clear(final Command command)
    {
        command.sequence = 0;
        command.timestampMillis = 0;
        command.clientId = 0;
        command.requestId = 0;
        command.type = null;
        command.idempotencyKey = null;
        command.replyTo = null;
        command.correlationId = 0;
        command.orderId = null;
        command.channel = null;
        command.ttlSeconds = 0;
        command.allowPresale = false;
        command.allowSplit = false;
        command.lines.clear();
        command.items.clear();
        command.sku = null;
        command.warehouse = null;
        command.onHandDelta = 0;
        command.inTransitDelta = 0;
        command.safetyStockDelta = 0;
        command.reason = null;
        command.quantity = 0;
        command.listing = null;
        command.channelWarehouses.clear();
        command.bufferUnits = 0;
        command.percent = 0;
        command.maxUnits = 0;
        clearPush(command);
    }

    private static void clearPush(final Command command)
    {
        command.pushUrl = null;
        command.pushSecret = null;
        command.pushRatePerSecond = 0;
        command.pushBurst = 0;
        command.pushMaxListings = 0;
        command.delivery = null;
        command.status = 0;
        command.pushed.clear();
    }

    /** Copies the header (not the sequence) and payload of {@code from} into {@code into}, keeping capacity. */
    static void copy(final Command from, final Command into)
    {
        into.timestampMillis = from.timestampMillis;
        into.clientId = from.clientId;
        into.requestId = from.requestId;
        into.type = from.type;
        into.idempotencyKey = from.idempotencyKey;
        into.replyTo = from.replyTo;
        into.correlationId = from.correlationId;
        into.orderId = from.orderId;
        into.channel = from.channel;
        into.ttlSeconds = from.ttlSeconds;
        into.allowPresale = from.allowPresale;
        into.allowSplit = from.allowSplit;
        into.lines.copyFrom(from.lines);
        into.items.copyFrom(from.items);
        into.sku = from.sku;
        into.warehouse = from.warehouse;
        into.onHandDelta = from.onHandDelta;
        into.inTransitDelta = from.inTransitDelta;
        into.safetyStockDelta = from.safetyStockDelta;
        into.reason = from.reason;
        into.quantity = from.quantity;
        into.listing = from.listing;
        into.channelWarehouses.copyFrom(from.channelWarehouses);
        into.bufferUnits = from.bufferUnits;
        into.percent = from.percent;
        into.maxUnits = from.maxUnits;
        into.pushUrl = from.pushUrl;
        into.pushSecret = from.pushSecret;
        into.pushRatePerSecond = from.pushRatePerSecond;
        into.pushBurst = from.pushBurst;
        into.pushMaxListings = from.pushMaxListings;
        into.delivery = from.delivery;
        into.status = from.status;
        into.pushed.copyFrom(from.pushed);
    }
}
