package dev.stockhold.journal.codec;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The payloads of the read-only commands a client sends, which travel (in a cluster's log) but are never
 * journaled (layout in {@link JournalCodec}). Stateless.
 */
final class ReadPayloads
{
    private ReadPayloads()
    {
    }

    /** @return true for a read a client may send: every read-only type but the engine's own snapshot request. */
    static boolean carries(final CommandType type)
    {
        return !type.isMutating() && type != CommandType.SNAPSHOT;
    }

    static void encode(final Command command, final MutableDirectBuffer buffer, final EntryFields fields)
    {
        switch (command.type)
        {
            case GET_CELL:
            case GET_SKU:
                fields.putString(buffer, command.sku);
                fields.putString(buffer, command.warehouse);
                break;
            case GET_RESERVATION:
                fields.putString(buffer, command.orderId);
                break;
            case GET_DIGEST:
            case GET_STATS:
            case LIST_CHANNELS:
                break;
            case GET_CHANNEL:
            case GET_PUSH:
            case NEXT_DELIVERY:
                fields.putString(buffer, command.channel);
                break;
            case GET_LISTING:
                fields.putString(buffer, command.channel);
                fields.putString(buffer, command.listing);
                break;
            case GET_KIT:
                fields.putString(buffer, command.sku);
                break;
            case GET_ALLOCATION:
                fields.putString(buffer, command.channel);
                fields.putString(buffer, command.sku);
                fields.putString(buffer, command.warehouse);
                break;
            default:
                throw new IllegalArgumentException("not a command a client sends: " + command.type);
        }
    }

    static void decode(final DirectBuffer buffer, final CommandType type, final Command into, final EntryFields fields)
    {
        switch (type)
        {
            case GET_CELL:
            case GET_SKU:
                into.sku = fields.getCode(buffer);
                into.warehouse = fields.getCode(buffer);
                break;
            case GET_RESERVATION:
                into.orderId = fields.getString(buffer);
                break;
            case GET_CHANNEL:
            case GET_PUSH:
            case NEXT_DELIVERY:
                into.channel = fields.getCode(buffer);
                break;
            case GET_LISTING:
                into.channel = fields.getCode(buffer);
                into.listing = fields.getString(buffer);
                break;
            case GET_KIT:
                into.sku = fields.getCode(buffer);
                break;
            case GET_ALLOCATION:
                into.channel = fields.getCode(buffer);
                into.sku = fields.getCode(buffer);
                into.warehouse = fields.getCode(buffer);
                break;
            default:
                break;
        }
    }
}
