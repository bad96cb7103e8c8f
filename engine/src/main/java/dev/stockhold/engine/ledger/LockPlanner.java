package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ShortLines;
import org.agrona.collections.IntArrayList;

import java.util.Arrays;

/**
 * Places the lines of one lock into scratch arrays, each against what the earlier lines of the same order
 * already took from the same cell (demand is summed per cell), without changing anything. A configured
 * channel's lock counts its own allocations as available to it and places a line without a warehouse only
 * in the channel's warehouses; a kit line becomes one planned line per component, all in one warehouse.
 * Ledger thread only.
 */
final class LockPlanner
{
    private final StockCells cells;
    private final ChannelTable channels;
    private final KitTable kits;
    private final AllocationTable allocations;

    int[] planCell = new int[8];
    long[] planQuantity = new long[8];
    boolean[] planPresale = new boolean[8];
    int[] planKit = new int[8];
    String[] planListing = new String[8];
    int planCount;
    /** The configured channel of the lock being planned, or -1. */
    private int channel = -1;
    private final KitCells walk;

    LockPlanner(final StockCells cells, final ChannelTable channels, final KitTable kits,
        final AllocationTable allocations)
    {
        this.cells = cells;
        this.channels = channels;
        this.kits = kits;
        this.allocations = allocations;
        this.walk = new KitCells(cells, kits);
    }

    /** Starts the plan of a lock of configured channel {@code channelId} (-1 for none). */
    void begin(final int channelId)
    {
        Arrays.fill(planListing, 0, planCount, null);
        planCount = 0;
        channel = channelId;
    }

    /**
     * A line of a plain SKU in a named warehouse: regular, else presale when allowed, else short.
     *
     * @param code the code the line named, or null to name the cell's SKU (a line by listing).
     */
    void named(final int cell, final long quantity, final boolean allowPresale, final String code,
        final String listing, final ShortLines shortLines)
    {
        final long free = freeRegular(cell);
        if (quantity <= free)
        {
            add(cell, quantity, false, -1, listing);
        }
        else if (allowPresale && quantity <= freePresale(cell))
        {
            add(cell, quantity, true, -1, listing);
        }
        else
        {
            shortLines.add(code != null ? code : cells.skuCode(cell), cells.warehouseCode(cell), quantity, free);
        }
    }

    /**
     * A line of a plain SKU the engine places: whole in the first warehouse that takes it; else split; else
     * presale.
     *
     * @param code the code the line named, or null to name the SKU by its id (a line by listing).
     */
    void chosen(final int skuId, final long quantity, final boolean allowSplit, final boolean allowPresale,
        final String code, final String listing, final ShortLines shortLines)
    {
        final IntArrayList candidates = cells.cellsOfSku(skuId);
        long largest = -1;
        int closest = StockCells.MISSING;
        long total = 0;
        for (int c = 0; c < candidates.size(); c++)
        {
            final int cell = candidates.getInt(c);
            if (!feeds(cell))
            {
                continue;
            }
            final long free = freeRegular(cell);
            if (quantity <= free)
            {
                add(cell, quantity, false, -1, listing);
                return;
            }
            if (free > largest)
            {
                largest = free;
                closest = cell;
            }
            total += free;
        }
        if (allowSplit && closest != StockCells.MISSING && total >= quantity)
        {
            long remaining = quantity;
            for (int c = 0; c < candidates.size() && remaining > 0; c++)
            {
                final int cell = candidates.getInt(c);
                final long take = feeds(cell) ? Math.min(freeRegular(cell), remaining) : 0;
                if (take > 0)
                {
                    add(cell, take, false, -1, listing);
                    remaining -= take;
                }
            }
            return;
        }
        if (allowPresale)
        {
            for (int c = 0; c < candidates.size(); c++)
            {
                final int cell = candidates.getInt(c);
                if (feeds(cell) && quantity <= freePresale(cell))
                {
                    add(cell, quantity, true, -1, listing);
                    return;
                }
            }
        }
        // Named after the warehouse that came closest (the first in priority order of those with the most),
        // so every short line names one; with a split allowed, what they all hold together is what was short.
        // A channel none of whose warehouses has a cell of the SKU names none, with nothing available.
        shortLines.add(code != null ? code : cells.skuCodeOf(skuId),
            closest == StockCells.MISSING ? null : cells.warehouseCode(closest), quantity,
            closest == StockCells.MISSING ? 0 : allowSplit ? total : largest);
    }

    /**
     * A kit line of {@code count} whole kits: every component in one warehouse, the named one or else the
     * first in priority order where all fit; never split, never presale.
     *
     * @param warehouseId the named warehouse, or {@link StockCells#MISSING} for the engine to choose.
     */
    void kit(final int kitId, final int warehouseId, final long count, final String listing,
        final ShortLines shortLines)
    {
        long best = -1;
        String bestWarehouse = null;
        for (walk.begin(kitId); walk.next(); )
        {
            final boolean candidate = warehouseId == StockCells.MISSING ? feeds(walk.cell(0))
                : walk.warehouseId() == warehouseId;
            if (!candidate)
            {
                continue;
            }
            final long fits = wholeKits(kitId);
            if (count <= fits)
            {
                for (int i = 0; i < kits.componentCount(kitId); i++)
                {
                    add(walk.cell(i), kits.componentQuantity(kitId, i) * count, false, kitId, listing);
                }
                return;
            }
            if (fits > best)
            {
                best = fits;
                bestWarehouse = cells.warehouseCode(walk.cell(0));
            }
        }
        shortLines.add(kits.code(kitId), bestWarehouse, count, Math.max(0, best));
    }

    private long wholeKits(final int kitId)
    {
        long whole = Long.MAX_VALUE;
        for (int i = 0; i < kits.componentCount(kitId); i++)
        {
            whole = Math.min(whole, Math.max(0, freeRegular(walk.cell(i))) / kits.componentQuantity(kitId, i));
        }
        return whole;
    }

    /** @return true when the lock's channel (if any) is fed by the cell's warehouse. */
    private boolean feeds(final int cell)
    {
        return channel < 0 || channels.includes(channel, cells.warehouseId(cell));
    }

    private long freeRegular(final int cell)
    {
        final long allocation = channel < 0 || cells.allocated(cell) == 0 ? 0 : allocations.unitsOf(channel, cell);
        return cells.available(cell) + allocation - planned(cell, false);
    }

    private long freePresale(final int cell)
    {
        return cells.presaleAvailable(cell) - planned(cell, true);
    }

    private long planned(final int cell, final boolean isPresale)
    {
        long sum = 0;
        for (int p = 0; p < planCount; p++)
        {
            if (planCell[p] == cell && planPresale[p] == isPresale)
            {
                sum += planQuantity[p];
            }
        }
        return sum;
    }

    private void add(final int cell, final long quantity, final boolean isPresale, final int kitId,
        final String listing)
    {
        if (planCount == planCell.length)
        {
            final int capacity = planCount * 2;
            planCell = Arrays.copyOf(planCell, capacity);
            planQuantity = Arrays.copyOf(planQuantity, capacity);
            planPresale = Arrays.copyOf(planPresale, capacity);
            planKit = Arrays.copyOf(planKit, capacity);
            planListing = Arrays.copyOf(planListing, capacity);
        }
        planCell[planCount] = cell;
        planQuantity[planCount] = quantity;
        planPresale[planCount] = isPresale;
        planKit[planCount] = kitId;
        planListing[planCount] = listing;
        planCount++;
    }
}
