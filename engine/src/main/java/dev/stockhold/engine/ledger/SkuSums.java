package dev.stockhold.engine.ledger;

import org.agrona.collections.IntArrayList;

import java.util.Arrays;

/**
 * Per SKU, three sums over all its cells: available units (the shared pool), presale-available units and
 * allocated units, which is all the published-quantity formula reads of a SKU for a channel fed by every
 * warehouse. A SKU's sums are built from its cells the first time they are asked for; from then on
 * {@link #fold} keeps them current from the cells each command changed, by the difference between each
 * cell's values now and before the command changed it ({@link StockCells#touch} keeps those while the
 * cell's row is at hand), so nothing is kept per cell. A cell created later starts from zero, so its
 * first fold counts it whole. Ledger thread only; allocates only when the SKUs outgrow its array, which is
 * sized for every SKU there is when first used.
 * <p>
 * Memory: 32 bytes per SKU, from the first SKU listing recomputed on.
 */
final class SkuSums
{
    /** Per SKU one row: pool, presale, allocated, and whether the row is built (1) or not (0). */
    private static final int FIELDS = 4;
    private static final int POOL = 0;
    private static final int PRESALE = 1;
    private static final int ALLOCATED = 2;
    private static final int BUILT = 3;

    private final StockCells cells;
    private long[] bySku = new long[0];
    /**
     * Per cell the current command changed (in the order {@link StockCells#touchedCell} gives them): the
     * pool, presale and allocated units last folded; the first {@link #seenCount} are set, the others are
     * taken from the cell's values before the command.
     */
    private long[] seen = new long[3 * 16];
    private int seenCount;

    SkuSums(final StockCells cells)
    {
        this.cells = cells;
    }

    /** Starts a command: none of its changed cells is folded yet. */
    void beginCommand()
    {
        seenCount = 0;
    }

    /** Brings the built sums up to date with the cells the current command changed so far; idempotent. */
    void fold()
    {
        if (bySku.length == 0)
        {
            // Nothing is built, so nothing moves; the first build catches up (ensure).
            return;
        }
        final int touched = cells.touchedCount();
        if (seen.length < touched * 3)
        {
            seen = Arrays.copyOf(seen, Math.max(touched * 3, seen.length * 2));
        }
        for (int i = seenCount; i < touched; i++)
        {
            seen[i * 3] = cells.availableBefore(i);
            seen[i * 3 + 1] = cells.presaleAvailableBefore(i);
            seen[i * 3 + 2] = cells.allocatedBefore(i);
        }
        seenCount = touched;
        for (int i = 0; i < touched; i++)
        {
            final int cell = cells.touchedCell(i);
            final int sums = cells.skuId(cell) * FIELDS;
            final int at = i * 3;
            final long pool = cells.available(cell);
            final long presale = cells.presaleAvailable(cell);
            final long allocated = cells.allocated(cell);
            if (sums < bySku.length && bySku[sums + BUILT] != 0)
            {
                bySku[sums + POOL] += pool - seen[at];
                bySku[sums + PRESALE] += presale - seen[at + 1];
                bySku[sums + ALLOCATED] += allocated - seen[at + 2];
            }
            seen[at] = pool;
            seen[at + 1] = presale;
            seen[at + 2] = allocated;
        }
    }

    /** Forgets every sum: each is built again from its cells when next asked for. */
    void forget()
    {
        Arrays.fill(bySku, 0);
    }

    /** Builds the SKU's sums if they are not yet; only after a {@link #fold} of the cells changed so far. */
    void ensure(final int sku)
    {
        final int sums = sku * FIELDS;
        if (sums < bySku.length && bySku[sums + BUILT] != 0)
        {
            return;
        }
        if (sums >= bySku.length)
        {
            // Room for every SKU there is at once, so that building the others later allocates nothing.
            final int capacity = Math.max(Math.max(sku + 1, cells.skuCount()), Math.max(16, bySku.length / FIELDS * 2));
            final boolean first = bySku.length == 0;
            bySku = Arrays.copyOf(bySku, capacity * FIELDS);
            if (first)
            {
                // Folds did nothing so far: what the current command changed is in the cells already.
                fold();
            }
        }
        long pool = 0;
        long presale = 0;
        long allocated = 0;
        final IntArrayList skuCells = cells.cellsOfSku(sku);
        for (int c = 0; c < skuCells.size(); c++)
        {
            final int cell = skuCells.getInt(c);
            pool += cells.available(cell);
            presale += cells.presaleAvailable(cell);
            allocated += cells.allocated(cell);
        }
        bySku[sums + POOL] = pool;
        bySku[sums + PRESALE] = presale;
        bySku[sums + ALLOCATED] = allocated;
        bySku[sums + BUILT] = 1;
    }

    /** @return the SKU's available units over every warehouse; {@link #ensure} first. */
    long pool(final int sku)
    {
        return bySku[sku * FIELDS + POOL];
    }

    /** @return the SKU's presale-available units over every warehouse; {@link #ensure} first. */
    long presale(final int sku)
    {
        return bySku[sku * FIELDS + PRESALE];
    }

    /** @return the SKU's allocated units over every warehouse; {@link #ensure} first. */
    long allocated(final int sku)
    {
        return bySku[sku * FIELDS + ALLOCATED];
    }
}
