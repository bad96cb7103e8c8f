package dev.stockhold.engine.command;

/**
 * How a {@link Command} is filled for the channel side of the engine: channels and their push, listings, kits
 * and allocations. {@link Command}'s builders of those types delegate here, so that {@link Command} itself
 * holds the slot's fields and the stock and order commands, which a reader of the hot path looks for first.
 * Like every builder, each one (except {@link #push}, which adds to a PUT_CHANNEL) clears the request first,
 * so no stale field survives. Allocates nothing.
 */
final class ChannelFills
{
    private ChannelFills()
    {
    }

    /**
     * Fills a PUT of a channel's rules; add warehouses to {@link Command#channelWarehouses} (none added: every
     * warehouse).
     *
     * @param maxUnits the cap on published quantities, or {@link Command#ABSENT} for none.
     */
    static Command putChannel(final Command command, final String channel, final long bufferUnits, final long percent,
        final long maxUnits, final boolean allowPresale)
    {
        RequestFields.clear(command);
        command.type = CommandType.PUT_CHANNEL;
        command.channel = channel;
        command.bufferUnits = bufferUnits;
        command.percent = percent;
        command.maxUnits = maxUnits;
        command.allowPresale = allowPresale;
        return command;
    }

    /** Adds push settings to a {@link #putChannel} just filled: the channel's deliveries go to {@code url}. */
    static Command push(final Command command, final String url, final String secret, final long ratePerSecond,
        final long burst, final long maxListings)
    {
        command.pushUrl = url;
        command.pushSecret = secret;
        command.pushRatePerSecond = ratePerSecond;
        command.pushBurst = burst;
        command.pushMaxListings = maxListings;
        return command;
    }

    /**
     * Fills the outcome of one push delivery; add its listings to {@link Command#pushed}.
     *
     * @param status the HTTP status, 0 when no answer came.
     * @param error  what went wrong, or null for a 2xx.
     */
    static Command pushOutcome(final Command command, final String channel, final String delivery, final int status,
        final String error)
    {
        RequestFields.clear(command);
        command.type = CommandType.PUSH_OUTCOME;
        command.channel = channel;
        command.delivery = delivery;
        command.status = status;
        command.reason = error;
        return command;
    }

    /** Fills a read of a channel's push progress. */
    static Command getPush(final Command command, final String channel)
    {
        RequestFields.clear(command);
        command.type = CommandType.GET_PUSH;
        command.channel = channel;
        return command;
    }

    /** Fills a read of a channel's push settings and next delivery. */
    static Command nextDelivery(final Command command, final String channel)
    {
        RequestFields.clear(command);
        command.type = CommandType.NEXT_DELIVERY;
        command.channel = channel;
        return command;
    }

    /** Fills a binding of a channel's listing to a stocked SKU or a kit. */
    static Command bindListing(final Command command, final String channel, final String listing, final String sku)
    {
        RequestFields.clear(command);
        command.type = CommandType.BIND_LISTING;
        command.channel = channel;
        command.listing = listing;
        command.sku = sku;
        return command;
    }

    /** Fills an unbinding of a channel's listing. */
    static Command unbindListing(final Command command, final String channel, final String listing)
    {
        RequestFields.clear(command);
        command.type = CommandType.UNBIND_LISTING;
        command.channel = channel;
        command.listing = listing;
        return command;
    }

    /** Fills a PUT of a kit; add its components to {@link Command#lines} (SKU, no warehouse, quantity). */
    static Command putKit(final Command command, final String kit)
    {
        RequestFields.clear(command);
        command.type = CommandType.PUT_KIT;
        command.sku = kit;
        return command;
    }

    /** Fills a PUT of the units of a cell that a channel holds for itself (0 removes the allocation). */
    static Command setAllocation(final Command command, final String channel, final String sku, final String warehouse,
        final long units)
    {
        RequestFields.clear(command);
        command.type = CommandType.SET_ALLOCATION;
        command.channel = channel;
        command.sku = sku;
        command.warehouse = warehouse;
        command.quantity = units;
        return command;
    }

    /** Fills a read of one channel's rules, or of every channel's when {@code channel} is null. */
    static Command getChannel(final Command command, final String channel)
    {
        RequestFields.clear(command);
        command.type = channel == null ? CommandType.LIST_CHANNELS : CommandType.GET_CHANNEL;
        command.channel = channel;
        return command;
    }

    /** Fills a read of one channel listing. */
    static Command getListing(final Command command, final String channel, final String listing)
    {
        RequestFields.clear(command);
        command.type = CommandType.GET_LISTING;
        command.channel = channel;
        command.listing = listing;
        return command;
    }

    /** Fills a read of one kit. */
    static Command getKit(final Command command, final String kit)
    {
        RequestFields.clear(command);
        command.type = CommandType.GET_KIT;
        command.sku = kit;
        return command;
    }

    /** Fills a read of one channel's allocation of a cell. */
    static Command getAllocation(final Command command, final String channel, final String sku, final String warehouse)
    {
        RequestFields.clear(command);
        command.type = CommandType.GET_ALLOCATION;
        command.channel = channel;
        command.sku = sku;
        command.warehouse = warehouse;
        return command;
    }
}
