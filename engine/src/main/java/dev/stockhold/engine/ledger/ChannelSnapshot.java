package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.CodeList;
import dev.stockhold.engine.command.OrderLines;

/**
 * The channel state in a ledger snapshot, written after the cells (whose ids it refers to). Layout:
 * <pre>
 *   int32 channels, then per channel in id order: str code, int32 warehouses (-1: every warehouse), str
 *       each, int64 bufferUnits, percent, maxUnits (-1: no cap), int8 allowPresale, int64 version
 *   int32 kits, then per kit in id order: str code, int32 components, then per component str sku,
 *       int64 quantity; int64 version
 *   int32 listings, then per bound listing: int32 channel id, str listing id, int8 kind (0 SKU, 1 kit),
 *       int32 SKU or kit id, int64 published, int64 version
 *   int32 allocations, then per allocation: int32 channel id, int32 cell, int64 units, version, setOrder
 *   int32 pushing channels (a push set, or an acknowledgement kept), then per channel: int32 channel id,
 *       str url (null: no push), str secret, int64 ratePerSecond, burst, maxListings, acknowledgedSeq,
 *       str lastError, int32 entries, then per entry (flowing ones oldest first, then dead letters in the
 *       order they were parked): str listing id, str sku, int64 published, seq, acknowledged (-1: never),
 *       firstAt, lastAt, int32 deadStatus (0: flowing), int64 deadAt
 * </pre>
 */
final class ChannelSnapshot
{
    private ChannelSnapshot()
    {
    }

    static void write(final SnapshotBytes.Writer out, final ChannelState state, final StockCells cells)
    {
        final ChannelTable channels = state.channels;
        out.putInt(channels.count());
        for (int id = 0; id < channels.count(); id++)
        {
            out.putString(channels.code(id));
            final String[] warehouses = channels.warehouses(id);
            out.putInt(warehouses == null ? -1 : warehouses.length);
            for (int w = 0; warehouses != null && w < warehouses.length; w++)
            {
                out.putString(warehouses[w]);
            }
            out.putLong(channels.bufferUnits(id));
            out.putLong(channels.percent(id));
            out.putLong(channels.maxUnits(id));
            out.putByte(channels.allowPresale(id) ? 1 : 0);
            out.putLong(channels.version(id));
        }
        final KitTable kits = state.kits;
        out.putInt(kits.count());
        for (int id = 0; id < kits.count(); id++)
        {
            out.putString(kits.code(id));
            out.putInt(kits.componentCount(id));
            for (int i = 0; i < kits.componentCount(id); i++)
            {
                out.putString(cells.skuCodeOf(kits.componentSku(id, i)));
                out.putLong(kits.componentQuantity(id, i));
            }
            out.putLong(kits.version(id));
        }
        writeListings(out, state.listings);
        writeAllocations(out, state.allocations);
        writePushes(out, state.pushes, channels);
    }

    private static void writePushes(final SnapshotBytes.Writer out, final ChannelPushes pushes,
        final ChannelTable channels)
    {
        int count = 0;
        for (int id = 0; id < channels.count(); id++)
        {
            count += hasPushState(pushes, id) ? 1 : 0;
        }
        out.putInt(count);
        for (int id = 0; id < channels.count(); id++)
        {
            if (!hasPushState(pushes, id))
            {
                continue;
            }
            final String url = pushes.url(id);
            out.putInt(id);
            out.putString(url);
            out.putString(url == null ? null : pushes.secret(id));
            out.putLong(url == null ? 0 : pushes.ratePerSecond(id));
            out.putLong(url == null ? 0 : pushes.burst(id));
            out.putLong(url == null ? 0 : pushes.maxListings(id));
            out.putLong(pushes.acknowledgedSeq(id));
            out.putString(url == null ? null : pushes.lastError(id));
            final PushQueue queue = pushes.queue(id);
            if (url == null || queue == null)
            {
                out.putInt(0);
                continue;
            }
            out.putInt(queue.size());
            for (PushEntry e = queue.oldest(); e != null; e = e.newer)
            {
                writeEntry(out, e);
            }
            for (PushEntry e = queue.first(PushQueue.DEAD); e != null; e = e.next)
            {
                writeEntry(out, e);
            }
        }
    }

    private static boolean hasPushState(final ChannelPushes pushes, final int channel)
    {
        return pushes.url(channel) != null || pushes.acknowledgedSeq(channel) != 0;
    }

    private static void writeEntry(final SnapshotBytes.Writer out, final PushEntry e)
    {
        out.putString(e.listingId);
        out.putString(e.sku);
        out.putLong(e.published);
        out.putLong(e.sequence);
        out.putLong(e.acknowledged);
        out.putLong(e.firstAtMillis);
        out.putLong(e.lastAtMillis);
        out.putInt(e.deadStatus);
        out.putLong(e.deadAtMillis);
    }

    private static void readPushes(final SnapshotBytes.Reader in, final ChannelPushes pushes)
    {
        final int count = in.getCount();
        for (int i = 0; i < count; i++)
        {
            final int channel = in.getInt();
            final String url = in.getString();
            final String secret = in.getString();
            pushes.configure(channel, url, secret, in.getLong(), in.getLong(), in.getLong());
            pushes.restoreProgress(channel, in.getLong(), in.getString());
            final int entries = in.getCount();
            final PushQueue queue = pushes.queue(channel);
            for (int e = 0; e < entries; e++)
            {
                queue.restore(in.getString(), in.getString(), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                    in.getLong(), in.getInt(), in.getLong());
            }
        }
    }

    private static void writeListings(final SnapshotBytes.Writer out, final ListingTable listings)
    {
        out.putInt(listings.count());
        for (int slot = 0; slot < listings.slots(); slot++)
        {
            if (listings.isBound(slot))
            {
                out.putInt(listings.channel(slot));
                out.putString(listings.listingId(slot));
                final boolean isKit = listings.sku(slot) == ListingTable.NONE;
                out.putByte(isKit ? 1 : 0);
                out.putInt(isKit ? listings.kit(slot) : listings.sku(slot));
                out.putLong(listings.published(slot));
                out.putLong(listings.version(slot));
            }
        }
    }

    private static void writeAllocations(final SnapshotBytes.Writer out, final AllocationTable allocations)
    {
        out.putInt(allocations.count());
        for (int slot = 0; slot < allocations.slots(); slot++)
        {
            if (allocations.isUsed(slot))
            {
                out.putInt(allocations.channel(slot));
                out.putInt(allocations.cell(slot));
                out.putLong(allocations.units(slot));
                out.putLong(allocations.version(slot));
                out.putLong(allocations.setOrder(slot));
            }
        }
    }

    static void read(final SnapshotBytes.Reader in, final ChannelState state, final StockCells cells)
    {
        final CodeList warehouses = new CodeList();
        final int channelCount = in.getCount();
        for (int i = 0; i < channelCount; i++)
        {
            final String code = in.getString();
            final int count = in.getInt();
            warehouses.clear();
            for (int w = 0; w < count; w++)
            {
                warehouses.add(in.getString());
            }
            state.channels.restore(code, warehouses, in.getLong(), in.getLong(), in.getLong(), in.getByte() != 0,
                in.getLong());
        }
        final OrderLines components = new OrderLines();
        final int kitCount = in.getCount();
        for (int i = 0; i < kitCount; i++)
        {
            final String code = in.getString();
            final int count = in.getCount();
            components.clear();
            final int[] skuIds = new int[count];
            for (int c = 0; c < count; c++)
            {
                final String sku = in.getString();
                skuIds[c] = cells.findSku(sku);
                components.add(sku, null, in.getLong());
            }
            state.kits.restore(code, components, skuIds, in.getLong());
        }
        final int listingCount = in.getCount();
        for (int i = 0; i < listingCount; i++)
        {
            final int channel = in.getInt();
            final String listing = in.getString();
            final boolean isKit = in.getByte() != 0;
            final int target = in.getInt();
            state.listings.restore(channel, listing, isKit ? ListingTable.NONE : target,
                isKit ? target : ListingTable.NONE, in.getLong(), in.getLong());
        }
        final int allocationCount = in.getCount();
        for (int i = 0; i < allocationCount; i++)
        {
            state.allocations.restore(in.getInt(), in.getInt(), in.getLong(), in.getLong(), in.getLong());
        }
        readPushes(in, state.pushes);
    }
}
