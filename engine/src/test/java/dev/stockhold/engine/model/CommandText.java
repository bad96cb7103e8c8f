package dev.stockhold.engine.model;

import dev.stockhold.engine.command.Command;

/** Writes a command as one readable line, for failure reports. */
public final class CommandText
{
    private CommandText()
    {
    }

    private static String level(final long value)
    {
        return value == Command.ABSENT ? "-" : Long.toString(value);
    }

    /** @return the command's header and the payload fields its type reads. */
    public static String describe(final Command c)
    {
        final StringBuilder text = new StringBuilder();
        text.append("#").append(c.sequence).append(" t=").append(c.timestampMillis).append(' ').append(c.type);
        if (c.idempotencyKey != null)
        {
            text.append(" key=").append(c.clientId).append('/').append(c.idempotencyKey);
        }
        switch (c.type)
        {
            case LOCK -> text.append(' ').append(c.orderId).append(" channel=").append(c.channel).append(" ttl=")
                .append(c.ttlSeconds).append(c.allowPresale ? " presale" : "").append(c.allowSplit ? " split" : "")
                .append(lines(c));
            case RELEASE, DEDUCT, RETURN -> text.append(' ').append(c.orderId).append(lines(c));
            case SET_STOCK ->
            {
                for (int i = 0; i < c.items.count(); i++)
                {
                    text.append(" [").append(c.items.sku(i)).append('/').append(c.items.warehouse(i)).append(" onHand=")
                        .append(level(c.items.onHand(i))).append(" inTransit=").append(level(c.items.inTransit(i)))
                        .append(" safety=").append(level(c.items.safetyStock(i))).append(" expect=")
                        .append(level(c.items.expectedVersion(i))).append(']');
                }
            }
            case ADJUST -> text.append(' ').append(c.sku).append('/').append(c.warehouse).append(" onHand")
                .append(c.onHandDelta).append(" inTransit").append(c.inTransitDelta).append(" safety")
                .append(c.safetyStockDelta).append(" reason=").append(c.reason);
            case RECEIVE -> text.append(' ').append(c.sku).append('/').append(c.warehouse).append(" q=")
                .append(c.quantity);
            case GET_CELL, GET_SKU -> text.append(' ').append(c.sku).append('/').append(c.warehouse);
            case GET_RESERVATION -> text.append(' ').append(c.orderId);
            case PUT_CHANNEL ->
            {
                text.append(' ').append(c.channel).append(" warehouses=");
                for (int i = 0; i < c.channelWarehouses.count(); i++)
                {
                    text.append(i == 0 ? "" : ",").append(c.channelWarehouses.get(i));
                }
                text.append(c.channelWarehouses.isPresent() ? "" : "*").append(" buffer=").append(c.bufferUnits)
                    .append(" percent=").append(c.percent).append(" max=").append(level(c.maxUnits))
                    .append(c.allowPresale ? " presale" : "");
            }
            case BIND_LISTING, UNBIND_LISTING, GET_LISTING -> text.append(' ').append(c.channel).append('/')
                .append(c.listing).append(" -> ").append(c.sku);
            case PUT_KIT, GET_KIT -> text.append(' ').append(c.sku).append(lines(c));
            case SET_ALLOCATION, GET_ALLOCATION -> text.append(' ').append(c.channel).append(' ').append(c.sku)
                .append('/').append(c.warehouse).append(" units=").append(c.quantity);
            case GET_CHANNEL -> text.append(' ').append(c.channel);
            default -> text.append("");
        }
        return text.toString();
    }

    private static String lines(final Command c)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < c.lines.count(); i++)
        {
            text.append(" (").append(c.lines.listing(i) == null ? "" : "listing " + c.lines.listing(i) + " ")
                .append(c.lines.sku(i)).append('/').append(c.lines.warehouse(i)).append(" x")
                .append(c.lines.quantity(i)).append(')');
        }
        return text.toString();
    }
}
