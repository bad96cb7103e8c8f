package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ChannelViews;
import dev.stockhold.engine.command.PublishedChanges;
import org.agrona.collections.IntArrayList;

/**
 * The published quantity of every listing (docs/channels.md, "Published quantity"), kept current: after
 * each command it recomputes only the listings that command can have changed, found through the reverse
 * indexes (a changed cell: the listings of its SKU, and of the kits its SKU is a component of, in channels
 * its warehouse feeds), each at most once, and records every change in the command's result. Ledger
 * thread only; allocates nothing.
 */
final class Publisher
{
    private final StockCells cells;
    private final ChannelTable channels;
    private final ListingTable listings;
    private final KitTable kits;
    private final AllocationTable allocations;
    private long commandNumber;

    Publisher(final StockCells cells, final ChannelTable channels, final ListingTable listings, final KitTable kits,
        final AllocationTable allocations)
    {
        this.cells = cells;
        this.channels = channels;
        this.listings = listings;
        this.kits = kits;
        this.allocations = allocations;
    }

    /** Starts a new command: every listing may be recomputed once more. */
    void beginCommand()
    {
        commandNumber++;
    }

    /** Recomputes the listings the cells changed by the current command can affect; records the changes. */
    void afterCommand(final PublishedChanges changes)
    {
        for (int i = 0; i < cells.touchedCount(); i++)
        {
            final int cell = cells.touchedCell(i);
            final int skuId = cells.skuId(cell);
            final int warehouseId = cells.warehouseId(cell);
            for (int slot = listings.firstOfSku(skuId); slot != ListingTable.NONE; slot = listings.nextOfSku(slot))
            {
                if (channels.includes(listings.channel(slot), warehouseId))
                {
                    refresh(slot, changes);
                }
            }
            for (int k = 0; k < kits.kitsOfSkuCount(skuId); k++)
            {
                final int kit = kits.kitOfSku(skuId, k);
                for (int slot = listings.firstOfKit(kit); slot != ListingTable.NONE; slot = listings.nextOfKit(slot))
                {
                    if (channels.includes(listings.channel(slot), warehouseId))
                    {
                        refresh(slot, changes);
                    }
                }
            }
        }
    }

    /** Recomputes every listing of a channel (its rules changed). */
    void refreshChannel(final int channel, final PublishedChanges changes)
    {
        for (int slot = listings.firstOfChannel(channel); slot != ListingTable.NONE;
            slot = listings.nextOfChannel(slot))
        {
            refresh(slot, changes);
        }
    }

    /** Recomputes every listing of a kit (its components changed). */
    void refreshKit(final int kit, final PublishedChanges changes)
    {
        for (int slot = listings.firstOfKit(kit); slot != ListingTable.NONE; slot = listings.nextOfKit(slot))
        {
            refresh(slot, changes);
        }
    }

    /**
     * Recomputes a listing that was just bound or rebound and records it whatever its value: a binding is
     * always an event of the channel's feed.
     */
    void bound(final int slot, final long previous, final String previousSku, final PublishedChanges changes)
    {
        listings.firstVisit(slot, commandNumber);
        final long value = compute(slot);
        listings.published(slot, value);
        if (value != previous || !previousSku.equals(targetCode(slot)))
        {
            changes.add(channels.code(listings.channel(slot)), listings.listingId(slot), targetCode(slot), previous,
                value);
        }
    }

    private void refresh(final int slot, final PublishedChanges changes)
    {
        if (!listings.firstVisit(slot, commandNumber))
        {
            return;
        }
        final long before = listings.published(slot);
        final long value = compute(slot);
        if (value != before)
        {
            listings.published(slot, value);
            changes.add(channels.code(listings.channel(slot)), listings.listingId(slot), targetCode(slot), before,
                value);
        }
    }

    /** @return the code the listing is bound to: its SKU or its kit. */
    String targetCode(final int slot)
    {
        final int sku = listings.sku(slot);
        return sku != ListingTable.NONE ? cells.skuCodeOf(sku) : kits.code(listings.kit(slot));
    }

    /** @return the listing's published quantity by the formula, from the current state. */
    long compute(final int slot)
    {
        final int channel = listings.channel(slot);
        final long[] sums = this.sums;
        sums[0] = 0;
        sums[1] = 0;
        sums[2] = 0;
        if (listings.sku(slot) != ListingTable.NONE)
        {
            sumSku(channel, listings.sku(slot), sums);
        }
        else
        {
            sumKit(channel, listings.kit(slot), sums);
        }
        return publish(channel, sums[0], sums[1], sums[2]);
    }

    /** K, E and presale P of the formula: reused, so computing allocates nothing. */
    private final long[] sums = new long[3];

    private void sumSku(final int channel, final int sku, final long[] into)
    {
        final IntArrayList skuCells = cells.cellsOfSku(sku);
        final boolean presale = channels.allowPresale(channel);
        for (int c = 0; c < skuCells.size(); c++)
        {
            final int cell = skuCells.getInt(c);
            if (channels.includes(channel, cells.warehouseId(cell)))
            {
                final long allocation = allocations.unitsOf(channel, cell);
                into[0] += cells.available(cell) + allocation;
                into[1] += allocation;
                into[2] += presale ? cells.presaleAvailable(cell) : 0;
            }
        }
    }

    /** Per warehouse of the kit's first component, whole kits from the pool and from the allocations. */
    private void sumKit(final int channel, final int kit, final long[] into)
    {
        final IntArrayList firstCells = cells.cellsOfSku(kits.componentSku(kit, 0));
        for (int c = 0; c < firstCells.size(); c++)
        {
            final int first = firstCells.getInt(c);
            if (!channels.includes(channel, cells.warehouseId(first)))
            {
                continue;
            }
            final String warehouse = cells.warehouseCode(first);
            long whole = Long.MAX_VALUE;
            long escrow = Long.MAX_VALUE;
            for (int i = 0; i < kits.componentCount(kit) && whole > 0; i++)
            {
                final int cell = i == 0 ? first : cells.find(cells.skuCodeOf(kits.componentSku(kit, i)), warehouse);
                if (cell == StockCells.MISSING)
                {
                    whole = 0;
                    escrow = 0;
                    break;
                }
                final long quantity = kits.componentQuantity(kit, i);
                final long allocation = allocations.unitsOf(channel, cell);
                whole = Math.min(whole, (cells.available(cell) + allocation) / quantity);
                escrow = Math.min(escrow, allocation / quantity);
            }
            into[0] += whole;
            into[1] += Math.min(escrow, whole);
        }
    }

    /** {@code min(maxUnits, E + ⌊max(0, K − E − bufferUnits) × percent / 100⌋ + P)}. */
    private long publish(final int channel, final long pool, final long escrow, final long presale)
    {
        final long shared = Math.max(0, pool - escrow - channels.bufferUnits(channel));
        final long value = escrow + shared * channels.percent(channel) / 100 + presale;
        final long cap = channels.maxUnits(channel);
        return cap == ChannelViews.NO_CAP ? value : Math.min(cap, value);
    }
}
