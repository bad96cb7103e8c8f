package dev.stockhold.engine.ledger;

import org.agrona.collections.IntArrayList;

import java.util.Arrays;

/**
 * Per SKU, three sums over all its cells: available units (the shared pool), presale-available units and
 * allocated units, which is all the published-quantity formula reads of a SKU for a channel fed by every
 * warehouse. A SKU's sums are built from its cells the first time they are asked for; from then on
 * {@link #fold} keeps them current from the cells each command changed, by the difference between each
 * cell's values now and those last counted (kept per cell). A cell created later starts from zero, so its
 * first fold counts it whole. Ledger thread only; allocates only when the cells or SKUs outgrow its arrays,
 * which are sized for every cell and SKU there is when first used.
 * <p>
 * Memory: 24 bytes per cell and 25 per SKU, from the first SKU listing recomputed on.
 */
final class SkuSums
{
    private static final int FIELDS = 3;
    private static final int POOL = 0;
    private static final int PRESALE = 1;
    private static final int ALLOCATED = 2;

    private final StockCells cells;
    /** Per SKU: pool, presale, allocated. */
    private long[] bySku = new long[0];
    /** Per SKU: whether its sums are built (and kept). */
    private boolean[] built = new boolean[0];
    /** Per cell: the pool, presale and allocated units last counted in its SKU's sums. */
    private long[] counted = new long[0];

    SkuSums(final StockCells cells)
    {
        this.cells = cells;
    }

    /** Brings the built sums up to date with the cells the current command changed so far; idempotent. */
    void fold()
    {
        for (int i = 0; i < cells.touchedCount(); i++)
        {
            final int cell = cells.touchedCell(i);
            final int sku = cells.skuId(cell);
            if (sku < built.length && built[sku])
            {
                count(cell, sku);
            }
        }
    }

    /** Forgets every sum: each is built again from its cells when next asked for. */
    void forget()
    {
        Arrays.fill(built, false);
        Arrays.fill(bySku, 0);
        Arrays.fill(counted, 0);
    }

    /** Builds the SKU's sums if they are not yet. */
    void ensure(final int sku)
    {
        if (sku < built.length && built[sku])
        {
            return;
        }
        if (sku >= built.length)
        {
            // Room for every SKU there is at once, so that building the others later allocates nothing.
            final int capacity = Math.max(Math.max(sku + 1, cells.skuCount()), Math.max(16, built.length * 2));
            built = Arrays.copyOf(built, capacity);
            bySku = Arrays.copyOf(bySku, capacity * FIELDS);
        }
        built[sku] = true;
        final IntArrayList skuCells = cells.cellsOfSku(sku);
        for (int c = 0; c < skuCells.size(); c++)
        {
            count(skuCells.getInt(c), sku);
        }
    }

    /** Moves the SKU's sums by what changed in the cell since it was last counted. */
    private void count(final int cell, final int sku)
    {
        if ((cell + 1) * FIELDS > counted.length)
        {
            // Room for every cell there is at once: only cells created later make it grow again.
            counted = Arrays.copyOf(counted, Math.max(Math.max(cell + 1, cells.count()) * FIELDS,
                Math.max(64, counted.length * 2)));
        }
        final int at = cell * FIELDS;
        final int sums = sku * FIELDS;
        final long pool = cells.available(cell);
        final long presale = cells.presaleAvailable(cell);
        final long allocated = cells.allocated(cell);
        bySku[sums + POOL] += pool - counted[at + POOL];
        bySku[sums + PRESALE] += presale - counted[at + PRESALE];
        bySku[sums + ALLOCATED] += allocated - counted[at + ALLOCATED];
        counted[at + POOL] = pool;
        counted[at + PRESALE] = presale;
        counted[at + ALLOCATED] = allocated;
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
