package dev.stockhold.journal.codec;

import dev.stockhold.engine.command.CodeList;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.PushedListings;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** The payloads of the channel commands in a journal entry (layout in {@link JournalCodec}). Stateless. */
final class ChannelPayloads
{
    private ChannelPayloads()
    {
    }

    static void encode(final Command command, final MutableDirectBuffer buffer, final EntryFields fields)
    {
        switch (command.type)
        {
            case PUT_CHANNEL:
                fields.putString(buffer, command.channel);
                final CodeList warehouses = command.channelWarehouses;
                buffer.putShort(fields.cursor, (short)(warehouses.isPresent() ? warehouses.count() : EntryFields.NULL_STRING));
                fields.cursor += 2;
                for (int i = 0; i < warehouses.count(); i++)
                {
                    fields.putString(buffer, warehouses.get(i));
                }
                fields.putLong(buffer, command.bufferUnits);
                fields.putLong(buffer, command.percent);
                fields.putLong(buffer, command.maxUnits);
                final boolean push = command.pushUrl != null;
                buffer.putByte(fields.cursor++, (byte)((command.allowPresale ? JournalCodec.FLAG_PRESALE : 0)
                    | (push ? JournalCodec.FLAG_PUSH : 0)));
                if (push)
                {
                    fields.putString(buffer, command.pushUrl);
                    fields.putString(buffer, command.pushSecret);
                    fields.putLong(buffer, command.pushRatePerSecond);
                    fields.putLong(buffer, command.pushBurst);
                    fields.putLong(buffer, command.pushMaxListings);
                }
                break;
            case PUSH_OUTCOME:
                encodeOutcome(command, buffer, fields);
                break;
            case BIND_LISTING:
            case UNBIND_LISTING:
                fields.putString(buffer, command.channel);
                fields.putString(buffer, command.listing);
                if (command.type == CommandType.BIND_LISTING)
                {
                    fields.putString(buffer, command.sku);
                }
                break;
            case PUT_KIT:
                fields.putString(buffer, command.sku);
                buffer.putByte(fields.cursor++, (byte)(command.lines.hasListings() ? JournalCodec.FLAG_LISTINGS : 0));
                fields.putLines(buffer, command.lines, command.lines.hasListings());
                break;
            case SET_ALLOCATION:
                fields.putString(buffer, command.channel);
                fields.putString(buffer, command.sku);
                fields.putString(buffer, command.warehouse);
                fields.putLong(buffer, command.quantity);
                break;
            default:
                throw new IllegalArgumentException("not a journaled command type: " + command.type);
        }
    }

    private static void encodeOutcome(final Command command, final MutableDirectBuffer buffer,
        final EntryFields fields)
    {
        fields.putString(buffer, command.channel);
        fields.putString(buffer, command.delivery);
        buffer.putInt(fields.cursor, command.status);
        fields.cursor += 4;
        fields.putString(buffer, command.reason);
        final PushedListings pushed = command.pushed;
        buffer.putShort(fields.cursor, (short)pushed.count());
        fields.cursor += 2;
        for (int i = 0; i < pushed.count(); i++)
        {
            fields.putString(buffer, pushed.listingId(i));
            fields.putString(buffer, pushed.sku(i));
            fields.putLong(buffer, pushed.published(i));
            fields.putLong(buffer, pushed.sequence(i));
        }
    }

    private static void decodeOutcome(final DirectBuffer buffer, final Command into, final EntryFields fields)
    {
        into.channel = fields.getCode(buffer);
        into.delivery = fields.getString(buffer);
        fields.require(4);
        into.status = buffer.getInt(fields.cursor);
        fields.cursor += 4;
        into.reason = fields.getString(buffer);
        fields.require(2);
        final int count = buffer.getShort(fields.cursor) & 0xFFFF;
        fields.cursor += 2;
        for (int i = 0; i < count; i++)
        {
            final String listing = fields.getString(buffer);
            final String sku = fields.getString(buffer);
            final long published = fields.getLong(buffer);
            into.pushed.add(listing, sku, published, fields.getLong(buffer));
        }
    }

    static void decode(final DirectBuffer buffer, final CommandType type, final Command into, final EntryFields fields)
    {
        switch (type)
        {
            case PUT_CHANNEL:
                into.channel = fields.getCode(buffer);
                fields.require(2);
                final int count = buffer.getShort(fields.cursor) & 0xFFFF;
                fields.cursor += 2;
                if (count != EntryFields.NULL_STRING)
                {
                    into.channelWarehouses.present();
                    for (int i = 0; i < count; i++)
                    {
                        into.channelWarehouses.add(fields.getCode(buffer));
                    }
                }
                into.bufferUnits = fields.getLong(buffer);
                into.percent = fields.getLong(buffer);
                into.maxUnits = fields.getLong(buffer);
                fields.require(1);
                final int flags = buffer.getByte(fields.cursor++);
                into.allowPresale = (flags & JournalCodec.FLAG_PRESALE) != 0;
                if ((flags & JournalCodec.FLAG_PUSH) != 0)
                {
                    into.pushUrl = fields.getString(buffer);
                    into.pushSecret = fields.getString(buffer);
                    into.pushRatePerSecond = fields.getLong(buffer);
                    into.pushBurst = fields.getLong(buffer);
                    into.pushMaxListings = fields.getLong(buffer);
                }
                break;
            case PUSH_OUTCOME:
                decodeOutcome(buffer, into, fields);
                break;
            case BIND_LISTING:
            case UNBIND_LISTING:
                into.channel = fields.getCode(buffer);
                into.listing = fields.getString(buffer);
                into.sku = type == CommandType.BIND_LISTING ? fields.getCode(buffer) : null;
                break;
            case PUT_KIT:
                into.sku = fields.getCode(buffer);
                fields.require(1);
                fields.getLines(buffer, into.lines, (buffer.getByte(fields.cursor++) & JournalCodec.FLAG_LISTINGS) != 0);
                break;
            case SET_ALLOCATION:
                into.channel = fields.getCode(buffer);
                into.sku = fields.getCode(buffer);
                into.warehouse = fields.getCode(buffer);
                into.quantity = fields.getLong(buffer);
                break;
            default:
                break;
        }
    }
}
