package dev.stockhold.journal.cli;

import dev.stockhold.engine.command.Command;

import java.time.Instant;
import java.util.Objects;

/** The {@code dump} filters: an entry passes when it matches every filter given. */
final class EntryFilter
{
    private final String sku;
    private final String warehouse;
    private final String order;
    private final String channel;
    private final Integer client;
    private final long fromMillis;
    private final long toMillis;

    EntryFilter(final String sku, final String warehouse, final String order, final String channel,
        final Integer client, final String from, final String to)
    {
        this.channel = channel;
        this.sku = sku;
        this.warehouse = warehouse;
        this.order = order;
        this.client = client;
        this.fromMillis = from == null ? Long.MIN_VALUE : parseTime(from);
        this.toMillis = to == null ? Long.MAX_VALUE : parseTime(to);
    }

    /** @return epoch millis of an ISO-8601 instant (2026-11-23T10:00:00Z) or a number of epoch millis. */
    static long parseTime(final String text)
    {
        if (text.chars().allMatch(Character::isDigit))
        {
            return Long.parseLong(text);
        }
        return Instant.parse(text).toEpochMilli();
    }

    /** @return the earliest time an entry may have, epoch millis ({@link Long#MIN_VALUE} without {@code --from}). */
    long fromMillis()
    {
        return fromMillis;
    }

    boolean matches(final Command c)
    {
        if (c.timestampMillis < fromMillis || c.timestampMillis >= toMillis)
        {
            return false;
        }
        if (client != null && c.clientId != client)
        {
            return false;
        }
        if (order != null && !order.equals(c.orderId))
        {
            return false;
        }
        if (channel != null && !channel.equals(c.channel))
        {
            return false;
        }
        return (sku == null || mentions(c, sku, true)) && (warehouse == null || mentions(c, warehouse, false));
    }

    private static boolean mentions(final Command c, final String code, final boolean isSku)
    {
        if (Objects.equals(code, isSku ? c.sku : c.warehouse))
        {
            return true;
        }
        for (int i = 0; i < c.lines.count(); i++)
        {
            if (code.equals(isSku ? c.lines.sku(i) : c.lines.warehouse(i)))
            {
                return true;
            }
        }
        for (int i = 0; i < c.items.count(); i++)
        {
            if (code.equals(isSku ? c.items.sku(i) : c.items.warehouse(i)))
            {
                return true;
            }
        }
        return false;
    }
}
