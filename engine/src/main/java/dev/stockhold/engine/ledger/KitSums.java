package dev.stockhold.engine.ledger;

import java.util.Arrays;

/**
 * Per kit, its whole kits over every warehouse: {@code Σ_w min_i ⌊available(s_i,w) / q_i⌋} over the
 * warehouses where every component has a cell, which is the pool a kit listing of a channel fed by every
 * warehouse publishes from while none of those cells has units allocated (also kept: their allocated
 * units). A kit's sum is built the first time it is asked for, with the kit's cells per
 * warehouse and each warehouse's whole kits as last counted; from then on {@link #fold} keeps it current
 * from the cells each command changed, recounting only the warehouse of each changed cell, which reads the
 * other components' cells there instead of walking every cell of the kit.
 * <p>
 * A new cell can make a warehouse where every component has a cell, and a kit's new components change
 * everything: either forgets every sum, to be built again when asked for. Ledger thread only; a kit's
 * arrays are reused when it is built again, so nothing is allocated once every kit asked for has been
 * built.
 * <p>
 * Memory: for each kit asked for, 8 bytes per component and per (warehouse, component) plus 16 per
 * warehouse and 48 more, in one {@code long[]}.
 */
final class KitSums
{
    /**
     * Per kit: the sum, the allocated units of its cells, the number of warehouses W, the number of
     * components n, the n quantities, then per warehouse: its whole kits and allocated units as last
     * counted, and its n cells.
     */
    private static final int POOL = 0;
    private static final int ALLOCATED = 1;
    private static final int WAREHOUSES = 2;
    private static final int COMPONENTS = 3;
    private static final int QUANTITIES = 4;
    /** In a warehouse's part: its whole kits, its allocated units, then its cells. */
    private static final int WHOLE = 0;
    private static final int ALLOCATED_HERE = 1;
    private static final int CELLS = 2;

    private final StockCells cells;
    private final KitTable kits;
    private final KitCells walk;
    /** Per kit id: its sums and cells as above; null when never built. */
    private long[][] byKit = new long[0][];
    /** Per kit id: the {@link #epoch} its sum was built in; a sum of another epoch is not built. */
    private long[] builtIn = new long[0];
    private long epoch = 1;
    private int cellsSeen;
    private long definitionsSeen;

    KitSums(final StockCells cells, final KitTable kits)
    {
        this.cells = cells;
        this.kits = kits;
        this.walk = new KitCells(cells, kits);
    }

    /** Forgets every sum: each is built again from its cells when next asked for. */
    void forget()
    {
        epoch++;
    }

    /** Brings the built sums up to date with the cells the current command changed so far; idempotent. */
    void fold()
    {
        if (cells.count() != cellsSeen || kits.definitions() != definitionsSeen)
        {
            cellsSeen = cells.count();
            definitionsSeen = kits.definitions();
            forget();
            return;
        }
        for (int i = 0; i < cells.touchedCount(); i++)
        {
            final int cell = cells.touchedCell(i);
            final int sku = cells.skuId(cell);
            final int count = kits.kitsOfSkuCount(sku);
            for (int k = 0; k < count; k++)
            {
                final int kit = kits.kitOfSku(sku, k);
                if (isBuilt(kit))
                {
                    recount(byKit[kit], cell);
                }
            }
        }
    }

    /** Builds the kit's sums if they are not yet; only after a {@link #fold} of the cells changed so far. */
    void ensure(final int kit)
    {
        if (!isBuilt(kit))
        {
            build(kit);
        }
    }

    /** @return the kit's whole kits over every warehouse where each component has a cell; {@link #ensure} first. */
    long pool(final int kit)
    {
        return byKit[kit][POOL];
    }

    /** @return the units allocated in the cells of those warehouses; {@link #ensure} first. */
    long allocated(final int kit)
    {
        return byKit[kit][ALLOCATED];
    }

    private boolean isBuilt(final int kit)
    {
        return kit < builtIn.length && builtIn[kit] == epoch;
    }

    /** Counts again the warehouse where {@code cell} is one of the kit's cells, if it is. */
    private void recount(final long[] sums, final int cell)
    {
        final int components = (int)sums[COMPONENTS];
        final int stride = CELLS + components;
        final int first = QUANTITIES + components;
        final int end = first + (int)sums[WAREHOUSES] * stride;
        for (int at = first; at < end; at += stride)
        {
            for (int i = 0; i < components; i++)
            {
                if (sums[at + CELLS + i] == cell)
                {
                    count(sums, at, components);
                    return;
                }
            }
        }
    }

    /** Counts the warehouse at {@code at} again: moves the kit's sums by what changed since last counted. */
    private void count(final long[] sums, final int at, final int components)
    {
        long whole = Long.MAX_VALUE;
        long allocated = 0;
        for (int i = 0; i < components; i++)
        {
            final int cell = (int)sums[at + CELLS + i];
            whole = Math.min(whole, cells.available(cell) / sums[QUANTITIES + i]);
            allocated += cells.allocated(cell);
        }
        sums[POOL] += whole - sums[at + WHOLE];
        sums[ALLOCATED] += allocated - sums[at + ALLOCATED_HERE];
        sums[at + WHOLE] = whole;
        sums[at + ALLOCATED_HERE] = allocated;
    }

    private void build(final int kit)
    {
        if (kit >= builtIn.length)
        {
            // Room for every kit there is at once, so that building the others later allocates nothing.
            final int capacity = Math.max(Math.max(kit + 1, kits.count()), Math.max(16, builtIn.length * 2));
            builtIn = Arrays.copyOf(builtIn, capacity);
            byKit = Arrays.copyOf(byKit, capacity);
        }
        final int components = kits.componentCount(kit);
        int warehouses = 0;
        for (walk.begin(kit); walk.next(); )
        {
            warehouses++;
        }
        final int length = QUANTITIES + components + warehouses * (CELLS + components);
        long[] sums = byKit[kit];
        if (sums == null || sums.length < length)
        {
            sums = new long[length];
            byKit[kit] = sums;
        }
        sums[WAREHOUSES] = warehouses;
        sums[COMPONENTS] = components;
        for (int i = 0; i < components; i++)
        {
            sums[QUANTITIES + i] = kits.componentQuantity(kit, i);
        }
        sums[POOL] = 0;
        sums[ALLOCATED] = 0;
        int at = QUANTITIES + components;
        for (walk.begin(kit); walk.next(); at += CELLS + components)
        {
            for (int i = 0; i < components; i++)
            {
                sums[at + CELLS + i] = walk.cell(i);
            }
            sums[at + WHOLE] = 0;
            sums[at + ALLOCATED_HERE] = 0;
            count(sums, at, components);
        }
        builtIn[kit] = epoch;
    }
}
