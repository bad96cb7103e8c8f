package dev.stockhold.journal;

import dev.stockhold.engine.command.Command;

/** Test helper: a readable, field-by-field description of a command's journaled part, to compare two. */
public final class Commands
{
    private Commands()
    {
    }

    /** @return every journaled field of {@code c}, in a stable text form. */
    public static String describe(final Command c)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append(c.type).append(" seq=").append(c.sequence).append(" t=").append(c.timestampMillis)
            .append(" client=").append(c.clientId).append(" req=").append(c.requestId)
            .append(" key=").append(c.idempotencyKey);
        switch (c.type)
        {
            case LOCK:
                sb.append(" order=").append(c.orderId).append(" channel=").append(c.channel).append(" ttl=")
                    .append(c.ttlSeconds).append(" presale=").append(c.allowPresale).append(" split=")
                    .append(c.allowSplit);
                lines(c, sb);
                break;
            case RELEASE:
            case DEDUCT:
            case RETURN:
                sb.append(" order=").append(c.orderId);
                lines(c, sb);
                break;
            case SET_STOCK:
                for (int i = 0; i < c.items.count(); i++)
                {
                    sb.append(" [").append(c.items.sku(i)).append('@').append(c.items.warehouse(i)).append(' ')
                        .append(c.items.onHand(i)).append('/').append(c.items.inTransit(i)).append('/')
                        .append(c.items.safetyStock(i)).append('/').append(c.items.expectedVersion(i)).append(']');
                }
                break;
            case ADJUST:
                sb.append(' ').append(c.sku).append('@').append(c.warehouse).append(' ').append(c.onHandDelta)
                    .append('/').append(c.inTransitDelta).append('/').append(c.safetyStockDelta).append(" reason=")
                    .append(c.reason);
                break;
            case RECEIVE:
                sb.append(' ').append(c.sku).append('@').append(c.warehouse).append(" q=").append(c.quantity);
                break;
            case PUT_CHANNEL:
                sb.append(' ').append(c.channel).append(" warehouses=").append(c.channelWarehouses.isPresent()
                    ? "" : "null");
                for (int i = 0; i < c.channelWarehouses.count(); i++)
                {
                    sb.append(c.channelWarehouses.get(i)).append(',');
                }
                sb.append(" buffer=").append(c.bufferUnits).append(" percent=").append(c.percent).append(" max=")
                    .append(c.maxUnits).append(" presale=").append(c.allowPresale).append(" push=").append(c.pushUrl)
                    .append(' ').append(c.pushSecret).append(' ').append(c.pushRatePerSecond).append('/')
                    .append(c.pushBurst).append('/').append(c.pushMaxListings);
                break;
            case PUSH_OUTCOME:
                sb.append(' ').append(c.channel).append(" delivery=").append(c.delivery).append(" status=")
                    .append(c.status).append(" error=").append(c.reason);
                for (int i = 0; i < c.pushed.count(); i++)
                {
                    sb.append(" [").append(c.pushed.listingId(i)).append(' ').append(c.pushed.sku(i)).append('=')
                        .append(c.pushed.published(i)).append('@').append(c.pushed.sequence(i)).append(']');
                }
                break;
            case BIND_LISTING:
            case UNBIND_LISTING:
                sb.append(' ').append(c.channel).append('/').append(c.listing).append(" -> ").append(c.sku);
                break;
            case PUT_KIT:
                sb.append(' ').append(c.sku);
                lines(c, sb);
                break;
            case SET_ALLOCATION:
                sb.append(' ').append(c.channel).append(' ').append(c.sku).append('@').append(c.warehouse)
                    .append(" units=").append(c.quantity);
                break;
            default:
                break;
        }
        return sb.toString();
    }

    private static void lines(final Command c, final StringBuilder sb)
    {
        for (int i = 0; i < c.lines.count(); i++)
        {
            sb.append(" [").append(c.lines.sku(i)).append(" listing=").append(c.lines.listing(i)).append('@')
                .append(c.lines.warehouse(i)).append(" x")
                .append(c.lines.quantity(i)).append(']');
        }
    }
}
