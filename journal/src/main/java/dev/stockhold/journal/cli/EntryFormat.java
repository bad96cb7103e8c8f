package dev.stockhold.journal.cli;

import dev.stockhold.engine.command.Command;

import java.time.Instant;

/** One journal entry as a line of text, for {@code dump}. */
final class EntryFormat
{
    private final StringBuilder line = new StringBuilder(256);

    String format(final Command c)
    {
        line.setLength(0);
        line.append(Instant.ofEpochMilli(c.timestampMillis)).append("  seq=").append(c.sequence)
            .append(" client=").append(c.clientId).append(" req=").append(c.requestId);
        if (c.idempotencyKey != null)
        {
            line.append(" key=").append(c.idempotencyKey);
        }
        line.append("  ");
        appendCommand(c);
        return line.toString();
    }

    /** @return the command's type and key fields, without the entry's time, sequence and client. */
    String describe(final Command c)
    {
        line.setLength(0);
        appendCommand(c);
        return line.toString();
    }

    private void appendCommand(final Command c)
    {
        line.append(c.type);
        switch (c.type)
        {
            case LOCK:
                line.append(" order=").append(c.orderId);
                if (c.channel != null)
                {
                    line.append(" channel=").append(c.channel);
                }
                if (c.ttlSeconds > 0)
                {
                    line.append(" ttl=").append(c.ttlSeconds).append('s');
                }
                line.append(c.allowPresale ? " presale" : "").append(c.allowSplit ? " split" : "");
                lines(c);
                break;
            case RELEASE:
            case DEDUCT:
            case RETURN:
                line.append(" order=").append(c.orderId);
                lines(c);
                break;
            case SET_STOCK:
                for (int i = 0; i < c.items.count(); i++)
                {
                    line.append(i == 0 ? " " : ", ").append(c.items.sku(i)).append('@').append(c.items.warehouse(i));
                    field(" onHand=", c.items.onHand(i));
                    field(" inTransit=", c.items.inTransit(i));
                    field(" safety=", c.items.safetyStock(i));
                    field(" expectedVersion=", c.items.expectedVersion(i));
                }
                break;
            case ADJUST:
                line.append(' ').append(c.sku).append('@').append(c.warehouse).append(" onHand").append(signed(c.onHandDelta))
                    .append(" inTransit").append(signed(c.inTransitDelta)).append(" safety")
                    .append(signed(c.safetyStockDelta)).append(" reason=").append(c.reason);
                break;
            case RECEIVE:
                line.append(' ').append(c.sku).append('@').append(c.warehouse).append(" quantity=").append(c.quantity);
                break;
            default:
                channelCommand(c);
                break;
        }
    }

    private void channelCommand(final Command c)
    {
        switch (c.type)
        {
            case PUT_CHANNEL:
                line.append(" channel=").append(c.channel).append(" warehouses=");
                for (int i = 0; i < c.channelWarehouses.count(); i++)
                {
                    line.append(i == 0 ? "" : ",").append(c.channelWarehouses.get(i));
                }
                line.append(c.channelWarehouses.isPresent() ? "" : "*").append(" buffer=").append(c.bufferUnits)
                    .append(" percent=").append(c.percent);
                field(" maxUnits=", c.maxUnits);
                line.append(c.allowPresale ? " presale" : "");
                if (c.pushUrl != null)
                {
                    // The secret stays out of the dump, as out of every answer.
                    line.append(" push=").append(c.pushUrl).append(" rate=").append(c.pushRatePerSecond)
                        .append(" burst=").append(c.pushBurst).append(" maxListings=").append(c.pushMaxListings);
                }
                break;
            case PUSH_OUTCOME:
                line.append(" channel=").append(c.channel).append(" delivery=").append(c.delivery).append(" status=")
                    .append(c.status == 0 ? "none" : Integer.toString(c.status));
                if (c.reason != null)
                {
                    line.append(" error=\"").append(c.reason).append('"');
                }
                line.append(" seq=").append(c.pushed.maxSequence()).append(" listings=");
                for (int i = 0; i < c.pushed.count(); i++)
                {
                    line.append(i == 0 ? "" : ",").append(c.pushed.listingId(i)).append(':').append(c.pushed.sku(i))
                        .append('=').append(c.pushed.published(i)).append('@').append(c.pushed.sequence(i));
                }
                break;
            case BIND_LISTING:
                line.append(" channel=").append(c.channel).append(" listing=").append(c.listing).append(" sku=")
                    .append(c.sku);
                break;
            case UNBIND_LISTING:
                line.append(" channel=").append(c.channel).append(" listing=").append(c.listing);
                break;
            case PUT_KIT:
                line.append(" kit=").append(c.sku);
                lines(c);
                break;
            case SET_ALLOCATION:
                line.append(" channel=").append(c.channel).append(' ').append(c.sku).append('@').append(c.warehouse)
                    .append(" units=").append(c.quantity);
                break;
            default:
                break;
        }
    }

    private void lines(final Command c)
    {
        if (c.lines.count() == 0)
        {
            line.append(" (whole order)");
        }
        for (int i = 0; i < c.lines.count(); i++)
        {
            line.append(i == 0 ? " " : ", ").append(c.lines.listing(i) == null ? c.lines.sku(i)
                : "listing " + c.lines.listing(i)).append('@')
                .append(c.lines.warehouse(i) == null ? "*" : c.lines.warehouse(i)).append(" x").append(c.lines.quantity(i));
        }
    }

    private void field(final String name, final long value)
    {
        if (value != Command.ABSENT)
        {
            line.append(name).append(value);
        }
    }

    private static String signed(final long value)
    {
        return value >= 0 ? "+" + value : Long.toString(value);
    }
}
