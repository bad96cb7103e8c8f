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
    private final KitCells kitCells;
    private long commandNumber;

    Publisher(final StockCells cells, final ChannelTable channels, final ListingTable listings, final KitTable kits,
        final AllocationTable allocations)
    {
        this.cells = cells;
        this.channels = channels;
        this.listings = listings;
        this.kits = kits;
        this.allocations = allocations;
        this.kitCells = new KitCells(cells, kits);
    }

    /** Starts a new command: every listing may be recomputed once more. */
    void beginCommand()
    {
        commandNumber++;
        memoCount = 0;
    }

    /** Recomputes the listings the cells changed by the current command can affect; records the changes. */
    void afterCommand(final PublishedChanges changes)
    {
        memoCount = 0;
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
        if (channels.warehouses(channel) == null)
        {
            // Fed by every warehouse: the same sums serve every such channel while nothing is allocated.
            final int memo = memo(listings.sku(slot), listings.kit(slot));
            if (memo >= 0 && memoAllocated[memo] == 0)
            {
                return publish(channel, memoPool[memo], 0, channels.allowPresale(channel) ? memoPresale[memo] : 0);
            }
        }
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

    /**
     * The sums over every warehouse of the SKUs and kits the current command recomputes, so listings of one
     * code in several channels fed by every warehouse sum its cells once: the pool, the presale stock and
     * the allocated units (when some are, each channel sums its own). A few codes per command; a command
     * that recomputes more goes without.
     */
    private static final int MEMO = 16;
    private final int[] memoSku = new int[MEMO];
    private final int[] memoKit = new int[MEMO];
    private final long[] memoPool = new long[MEMO];
    private final long[] memoPresale = new long[MEMO];
    private final long[] memoAllocated = new long[MEMO];
    private int memoCount;

    /** @return the memo entry of the SKU or kit (one of them {@link ListingTable#NONE}), or -1 when full. */
    private int memo(final int sku, final int kit)
    {
        for (int m = 0; m < memoCount; m++)
        {
            if (memoSku[m] == sku && memoKit[m] == kit)
            {
                return m;
            }
        }
        if (memoCount == MEMO)
        {
            return -1;
        }
        final int m = memoCount++;
        memoSku[m] = sku;
        memoKit[m] = kit;
        memoPool[m] = 0;
        memoPresale[m] = 0;
        memoAllocated[m] = 0;
        if (sku != ListingTable.NONE)
        {
            final IntArrayList skuCells = cells.cellsOfSku(sku);
            for (int c = 0; c < skuCells.size(); c++)
            {
                final int cell = skuCells.getInt(c);
                memoPool[m] += cells.available(cell);
                memoPresale[m] += cells.presaleAvailable(cell);
                memoAllocated[m] += cells.allocated(cell);
            }
            return m;
        }
        for (kitCells.begin(kit); kitCells.next(); )
        {
            long whole = Long.MAX_VALUE;
            for (int i = 0; i < kits.componentCount(kit); i++)
            {
                final int cell = kitCells.cell(i);
                whole = Math.min(whole, cells.available(cell) / kits.componentQuantity(kit, i));
                memoAllocated[m] += cells.allocated(cell);
            }
            memoPool[m] += whole;
        }
        return m;
    }

    private void sumSku(final int channel, final int sku, final long[] into)
    {
        final IntArrayList skuCells = cells.cellsOfSku(sku);
        final boolean presale = channels.allowPresale(channel);
        for (int c = 0; c < skuCells.size(); c++)
        {
            final int cell = skuCells.getInt(c);
            if (channels.includes(channel, cells.warehouseId(cell)))
            {
                final long allocation = allocation(channel, cell);
                into[0] += cells.available(cell) + allocation;
                into[1] += allocation;
                into[2] += presale ? cells.presaleAvailable(cell) : 0;
            }
        }
    }

    /** Per warehouse where every component has a cell, whole kits from the pool and from the allocations. */
    private void sumKit(final int channel, final int kit, final long[] into)
    {
        for (kitCells.begin(kit); kitCells.next(); )
        {
            if (!channels.includes(channel, kitCells.warehouseId()))
            {
                continue;
            }
            long whole = Long.MAX_VALUE;
            long escrow = Long.MAX_VALUE;
            for (int i = 0; i < kits.componentCount(kit); i++)
            {
                final int cell = kitCells.cell(i);
                final long quantity = kits.componentQuantity(kit, i);
                final long allocation = allocation(channel, cell);
                whole = Math.min(whole, (cells.available(cell) + allocation) / quantity);
                escrow = Math.min(escrow, allocation / quantity);
            }
            into[0] += whole;
            into[1] += escrow;
        }
    }

    /** @return the channel's allocation of the cell; no lookup when the cell has nothing allocated. */
    private long allocation(final int channel, final int cell)
    {
        return cells.allocated(cell) == 0 ? 0 : allocations.unitsOf(channel, cell);
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
