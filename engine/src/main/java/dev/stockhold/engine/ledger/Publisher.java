package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ChannelViews;
import dev.stockhold.engine.command.PublishedChanges;
import org.agrona.collections.IntArrayList;

/**
 * The published quantity of every listing (docs/channels.md, "Published quantity"), kept current: after
 * each command it recomputes only the listings that command can have changed, found through the reverse
 * indexes (a changed cell: the listings of its SKU, and of the kits its SKU is a component of, in channels
 * its warehouse feeds), each at most once, and records every change in the command's result. Ledger
 * thread only; allocates nothing once its sums cover every SKU and kit asked for.
 * <p>
 * For a channel fed by every warehouse, a SKU listing's formula needs only three sums over the SKU's
 * cells: the shared pool, the presale stock and the allocated units. They are kept per SKU
 * ({@link SkuSums}) from the cells each command changes, so recomputing such a listing reads three
 * numbers, not every cell of its SKU. A kit listing's needs the kit's whole kits and allocated units over
 * the warehouses where each component has a cell, kept per kit ({@link KitSums}) the same way, so a
 * changed cell recounts its own warehouse, not every warehouse of the kit. {@link #recompute} reads every
 * cell, for the checks.
 */
final class Publisher
{
    private final StockCells cells;
    private final ChannelTable channels;
    private final ListingTable listings;
    private final KitTable kits;
    private final AllocationTable allocations;
    private final KitCells kitCells;
    private final SkuSums sums;
    private final KitSums kitSums;
    /** Per channel id, its place in code order: the feed record sorts by it. Rebuilt when a channel is added. */
    private int[] channelRank = new int[0];
    private int rankedChannels;
    /** True between a command's start and its {@link #afterCommand}: still true at the next start if it threw. */
    private boolean commandOpen;
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
        this.sums = new SkuSums(cells);
        this.kitSums = new KitSums(cells, kits);
    }

    /** Starts a new command: every listing may be recomputed once more. */
    void beginCommand()
    {
        if (commandOpen)
        {
            // The last command threw before its end: what it changed was never folded into the sums.
            sums.forget();
            kitSums.forget();
        }
        sums.beginCommand();
        commandOpen = true;
        commandNumber++;
    }

    /** Recomputes the listings the cells changed by the current command can affect; records the changes. */
    void afterCommand(final PublishedChanges changes)
    {
        commandOpen = false;
        fold();
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
        fold();
        for (int slot = listings.firstOfChannel(channel); slot != ListingTable.NONE;
            slot = listings.nextOfChannel(slot))
        {
            refresh(slot, changes);
        }
    }

    /** Recomputes every listing of a kit (its components changed). */
    void refreshKit(final int kit, final PublishedChanges changes)
    {
        fold();
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
        fold();
        listings.firstVisit(slot, commandNumber);
        final long value = compute(slot);
        listings.published(slot, value);
        if (value != previous || !previousSku.equals(targetCode(slot)))
        {
            record(slot, previous, value, changes);
        }
    }

    /** Brings the per-SKU and per-kit sums up to date with the cells changed so far. */
    private void fold()
    {
        sums.fold();
        kitSums.fold();
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
            record(slot, before, value, changes);
        }
    }

    private void record(final int slot, final long previous, final long value, final PublishedChanges changes)
    {
        final int channel = listings.channel(slot);
        changes.add(rank(channel), channels.code(channel), listings.listingId(slot), listings.firstOrderKey(slot),
            listings.secondOrderKey(slot), targetCode(slot), previous, value);
    }

    /** @return the channel's place in code order. */
    private int rank(final int channel)
    {
        if (rankedChannels != channels.count())
        {
            rankedChannels = channels.count();
            if (channelRank.length < rankedChannels)
            {
                channelRank = new int[Math.max(16, rankedChannels * 2)];
            }
            for (int rank = 0; rank < rankedChannels; rank++)
            {
                channelRank[channels.inCodeOrder(rank)] = rank;
            }
        }
        return channelRank[channel];
    }

    /** @return the code the listing is bound to: its SKU or its kit. */
    String targetCode(final int slot)
    {
        final int sku = listings.sku(slot);
        return sku != ListingTable.NONE ? cells.skuCodeOf(sku) : kits.code(listings.kit(slot));
    }

    /**
     * @return the listing's published quantity by the formula, from the current state; call after
     * {@link #fold} has seen the cells changed so far (every entry point above does).
     */
    long compute(final int slot)
    {
        final int channel = listings.channel(slot);
        if (channels.warehouses(channel) == null)
        {
            // Fed by every warehouse: the sums over every cell serve every such channel while nothing is allocated.
            final int sku = listings.sku(slot);
            if (sku != ListingTable.NONE)
            {
                sums.ensure(sku);
                if (sums.allocated(sku) == 0)
                {
                    return publish(channel, sums.pool(sku), 0, channels.allowPresale(channel) ? sums.presale(sku) : 0);
                }
            }
            else
            {
                final int kit = listings.kit(slot);
                kitSums.ensure(kit);
                if (kitSums.allocated(kit) == 0)
                {
                    return publish(channel, kitSums.pool(kit), 0, 0);
                }
            }
        }
        return recompute(slot);
    }

    /** @return the listing's published quantity by the formula, reading every cell it depends on. */
    long recompute(final int slot)
    {
        final int channel = listings.channel(slot);
        final long[] totals = this.totals;
        totals[0] = 0;
        totals[1] = 0;
        totals[2] = 0;
        if (listings.sku(slot) != ListingTable.NONE)
        {
            sumSku(channel, listings.sku(slot), totals);
        }
        else
        {
            sumKit(channel, listings.kit(slot), totals);
        }
        return publish(channel, totals[0], totals[1], totals[2]);
    }

    /** K, E and presale P of the formula: reused, so computing allocates nothing. */
    private final long[] totals = new long[3];

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
