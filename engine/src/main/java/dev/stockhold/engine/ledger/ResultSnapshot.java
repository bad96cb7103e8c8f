package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.AllocationView;
import dev.stockhold.engine.command.ChannelViews;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.KitView;
import dev.stockhold.engine.command.Levels;
import dev.stockhold.engine.command.ListingView;
import dev.stockhold.engine.command.ReservationState;
import dev.stockhold.engine.command.ReservationView;
import dev.stockhold.engine.command.ShortLines;

/**
 * A remembered result (of an idempotency key) in a ledger snapshot. Layout, in order: int32 code, str
 * detail, int8 replayed, int64 sequence; levels (int32 count, then per level str sku, str warehouse,
 * int64 onHand, reserved, inTransit, presaleReserved, safetyStock, version, allocated); int8 reservation
 * present, then str orderId, str channel, int8 state, int64 createdAt, expiresAt, int32 lines, per line str
 * sku, str warehouse, int64 quantity, int8 presale, int64 deducted, released, returned, str kit, str
 * listing; short lines (int32 count, per line str sku, str warehouse, int64 requested, available);
 * int8 channel parts present (0: nothing of what follows), then channels (int32 count, per channel str
 * code, int32 warehouses or -1 for every, strs, int64 buffer, percent, maxUnits, int8 presale, int64
 * version); int8 listing present, then str channel, listing id,
 * sku, int64 published, version; int8 kit present, then str sku, int64 version, int32 components (str sku,
 * int64 quantity each), int32 warehouses (str warehouse, int64 available each); int8 allocation present,
 * then str channel, sku, warehouse, int64 units, version. The channel feed's record is never remembered.
 */
final class ResultSnapshot
{
    private ResultSnapshot()
    {
    }

    static void write(final SnapshotBytes.Writer out, final CommandResult result)
    {
        out.putInt(result.code().wireCode());
        out.putString(result.detail());
        out.putByte(result.isReplayed() ? 1 : 0);
        out.putLong(result.sequence());
        final Levels levels = result.levels();
        out.putInt(levels.count());
        for (int i = 0; i < levels.count(); i++)
        {
            out.putString(levels.sku(i));
            out.putString(levels.warehouse(i));
            out.putLong(levels.onHand(i));
            out.putLong(levels.reserved(i));
            out.putLong(levels.inTransit(i));
            out.putLong(levels.presaleReserved(i));
            out.putLong(levels.safetyStock(i));
            out.putLong(levels.version(i));
            out.putLong(levels.allocated(i));
        }
        writeReservation(out, result.reservation());
        final ShortLines shortLines = result.shortLines();
        out.putInt(shortLines.count());
        for (int i = 0; i < shortLines.count(); i++)
        {
            out.putString(shortLines.sku(i));
            out.putString(shortLines.warehouse(i));
            out.putLong(shortLines.requested(i));
            out.putLong(shortLines.available(i));
        }
        // Most remembered results have no channel part: one byte says so, and reading makes none.
        out.putByte(result.hasChannelParts() ? 1 : 0);
        if (result.hasChannelParts())
        {
            writeChannels(out, result.channels());
            writeViews(out, result);
        }
    }

    private static void writeReservation(final SnapshotBytes.Writer out, final ReservationView view)
    {
        out.putByte(view.isPresent() ? 1 : 0);
        if (!view.isPresent())
        {
            return;
        }
        out.putString(view.orderId());
        out.putString(view.channel());
        out.putByte(view.state().ordinal());
        out.putLong(view.createdAtMillis());
        out.putLong(view.expiresAtMillis());
        out.putInt(view.lineCount());
        for (int i = 0; i < view.lineCount(); i++)
        {
            out.putString(view.sku(i));
            out.putString(view.warehouse(i));
            out.putLong(view.quantity(i));
            out.putByte(view.presale(i) ? 1 : 0);
            out.putLong(view.deducted(i));
            out.putLong(view.released(i));
            out.putLong(view.returned(i));
            out.putString(view.kit(i));
            out.putString(view.listing(i));
        }
    }

    private static void writeChannels(final SnapshotBytes.Writer out, final ChannelViews channels)
    {
        out.putInt(channels.count());
        for (int i = 0; i < channels.count(); i++)
        {
            out.putString(channels.channel(i));
            out.putInt(channels.everyWarehouse(i) ? -1 : channels.warehouseCount(i));
            for (int w = 0; w < channels.warehouseCount(i); w++)
            {
                out.putString(channels.warehouse(i, w));
            }
            out.putLong(channels.bufferUnits(i));
            out.putLong(channels.percent(i));
            out.putLong(channels.maxUnits(i));
            out.putByte(channels.allowPresale(i) ? 1 : 0);
            out.putLong(channels.version(i));
        }
    }

    private static void writeViews(final SnapshotBytes.Writer out, final CommandResult result)
    {
        final ListingView listing = result.listing();
        out.putByte(listing.isPresent() ? 1 : 0);
        if (listing.isPresent())
        {
            out.putString(listing.channel());
            out.putString(listing.listingId());
            out.putString(listing.sku());
            out.putLong(listing.published());
            out.putLong(listing.version());
        }
        final KitView kit = result.kit();
        out.putByte(kit.isPresent() ? 1 : 0);
        if (kit.isPresent())
        {
            out.putString(kit.sku());
            out.putLong(kit.version());
            out.putInt(kit.componentCount());
            for (int i = 0; i < kit.componentCount(); i++)
            {
                out.putString(kit.componentSku(i));
                out.putLong(kit.componentQuantity(i));
            }
            out.putInt(kit.warehouseCount());
            for (int i = 0; i < kit.warehouseCount(); i++)
            {
                out.putString(kit.warehouse(i));
                out.putLong(kit.warehouseAvailable(i));
            }
        }
        final AllocationView allocation = result.allocation();
        out.putByte(allocation.isPresent() ? 1 : 0);
        if (allocation.isPresent())
        {
            out.putString(allocation.channel());
            out.putString(allocation.sku());
            out.putString(allocation.warehouse());
            out.putLong(allocation.units());
            out.putLong(allocation.version());
        }
    }

    static void read(final SnapshotBytes.Reader in, final CommandResult result)
    {
        result.clear();
        final ErrorCode code = ErrorCode.fromWireCode(in.getInt());
        if (code == null)
        {
            throw new IllegalStateException("unknown error code in snapshot");
        }
        result.fail(code, in.getString());
        result.replayed(in.getByte() != 0);
        result.sequence(in.getLong());
        final int levels = in.getCount();
        for (int i = 0; i < levels; i++)
        {
            result.levels().add(in.getString(), in.getString(), in.getLong(), in.getLong(), in.getLong(),
                in.getLong(), in.getLong(), in.getLong(), in.getLong());
        }
        if (in.getByte() != 0)
        {
            final ReservationView view = result.reservation();
            view.set(in.getString(), in.getString(), ReservationState.values()[in.getByte()], in.getLong(),
                in.getLong());
            final int lines = in.getCount();
            for (int i = 0; i < lines; i++)
            {
                view.addLine(in.getString(), in.getString(), in.getLong(), in.getByte() != 0, in.getLong(),
                    in.getLong(), in.getLong(), in.getString(), in.getString());
            }
        }
        final int shortLines = in.getCount();
        for (int i = 0; i < shortLines; i++)
        {
            result.shortLines().add(in.getString(), in.getString(), in.getLong(), in.getLong());
        }
        if (in.getByte() != 0)
        {
            readChannels(in, result.channels());
            readViews(in, result);
        }
    }

    private static void readChannels(final SnapshotBytes.Reader in, final ChannelViews channels)
    {
        final int count = in.getCount();
        for (int i = 0; i < count; i++)
        {
            final String channel = in.getString();
            final int warehouses = in.getInt();
            final String[] codes = new String[Math.max(0, warehouses)];
            for (int w = 0; w < codes.length; w++)
            {
                codes[w] = in.getString();
            }
            channels.add(channel, warehouses < 0, in.getLong(), in.getLong(), in.getLong(), in.getByte() != 0,
                in.getLong());
            for (final String code : codes)
            {
                channels.addWarehouse(code);
            }
        }
    }

    private static void readViews(final SnapshotBytes.Reader in, final CommandResult result)
    {
        if (in.getByte() != 0)
        {
            result.listing().set(in.getString(), in.getString(), in.getString(), in.getLong(), in.getLong());
        }
        if (in.getByte() != 0)
        {
            final KitView kit = result.kit();
            kit.set(in.getString(), in.getLong());
            final int components = in.getCount();
            for (int i = 0; i < components; i++)
            {
                kit.addComponent(in.getString(), in.getLong());
            }
            final int warehouses = in.getCount();
            for (int i = 0; i < warehouses; i++)
            {
                kit.addWarehouse(in.getString(), in.getLong());
            }
        }
        if (in.getByte() != 0)
        {
            result.allocation().set(in.getString(), in.getString(), in.getString(), in.getLong(), in.getLong());
        }
    }
}
