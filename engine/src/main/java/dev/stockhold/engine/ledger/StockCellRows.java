package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Levels;

import java.util.Arrays;

/**
 * The rows of {@link StockCells}: one row of longs per cell, indexed by a dense cell id, with the cell's levels,
 * its version, its SKU and warehouse ids and its SKU code inline, and the per-row reads that the ledger makes
 * on every command. {@link StockCells} adds the code tables, the index and the change tracking on top.
 * <p>
 * A superclass rather than a field of {@link StockCells}, so that a read of a cell stays one load of
 * {@link #data} from the table the ledger holds, with no object in between; every method is final, so no call
 * is virtual. Ledger thread only.
 */
abstract class StockCellRows
{
    /**
     * Two cache lines per cell at {@code row(cell)}: the levels in the first, the allocated level and the SKU
     * code's characters in the second. The ledger touches several fields of a cell per command, so keeping
     * them together costs one cache miss instead of one per field; and a lookup checks the SKU against the row it reads anyway,
     * with the same miss, instead of chasing the stored code's String and its bytes (about a sixth of the
     * pipeline's throughput with 100,000 cells).
     */
    static final int STRIDE = 16;
    static final int ON_HAND = 0;
    static final int RESERVED = 1;
    static final int IN_TRANSIT = 2;
    static final int PRESALE_RESERVED = 3;
    static final int SAFETY_STOCK = 4;
    static final int VERSION = 5;
    static final int TOUCHED_BY = 6;
    /** SKU id in the high 32 bits, warehouse id in the low 32 bits. */
    static final int CODES = 7;
    /** The sum of the channels' allocations of the cell. */
    static final int ALLOCATED = 8;
    /** The SKU code's length, or {@link InlineKeys#NOT_INLINE}; then its ASCII characters, eight to a long. */
    static final int SKU_KEY = 9;
    static final int KEY_LONGS = STRIDE - SKU_KEY - 1;
    /** Kept inline: ASCII codes of at most this many characters. */
    static final int MAX_INLINE_LENGTH = KEY_LONGS * Long.BYTES;

    /**
     * Rows start {@code ROW_OFFSET} longs in, so that behind the 16-byte array header each row fills an
     * aligned 128-byte pair of cache lines whenever the array itself is allocated on such a boundary, as
     * large arrays are (G1 humongous regions, ZGC large pages): the pair a cache's adjacent-line prefetch
     * fetches together. Unaligned, a row would straddle three lines.
     */
    static final int ROW_OFFSET = 14;

    /**
     * The rows, behind {@link #ROW_OFFSET} longs of padding; grown by {@link #ensureCapacity}. Written here and
     * by {@link StockCells} (a new cell, a change), nowhere else.
     */
    long[] data = new long[ROW_OFFSET + 1024 * STRIDE];
    /** The number of cells: ids run from 0 to this, exclusive. */
    int count;

    final int count()
    {
        return count;
    }

    final int skuId(final int cell)
    {
        return (int)(data[row(cell) + CODES] >>> 32);
    }

    final int warehouseId(final int cell)
    {
        return (int)data[row(cell) + CODES];
    }

    final long onHand(final int cell)
    {
        return data[row(cell) + ON_HAND];
    }

    final long reserved(final int cell)
    {
        return data[row(cell) + RESERVED];
    }

    final long inTransit(final int cell)
    {
        return data[row(cell) + IN_TRANSIT];
    }

    final long presaleReserved(final int cell)
    {
        return data[row(cell) + PRESALE_RESERVED];
    }

    final long safetyStock(final int cell)
    {
        return data[row(cell) + SAFETY_STOCK];
    }

    final long version(final int cell)
    {
        return data[row(cell) + VERSION];
    }

    final long allocated(final int cell)
    {
        return data[row(cell) + ALLOCATED];
    }

    /** @return what a lock may still take from the cell's shared pool of on-hand stock. */
    final long available(final int cell)
    {
        final int base = row(cell);
        return Levels.available(data[base + ON_HAND], data[base + RESERVED], data[base + SAFETY_STOCK],
            data[base + ALLOCATED]);
    }

    /** @return what a presale lock may still take from the cell's in-transit stock. */
    final long presaleAvailable(final int cell)
    {
        final int base = row(cell);
        return Math.max(0, data[base + IN_TRANSIT] - data[base + PRESALE_RESERVED]);
    }

    /** Restores a cell's fields exactly (snapshot load), without counting it as a change. */
    final void restore(final int cell, final long onHand, final long reserved, final long inTransit,
        final long presaleReserved, final long safetyStock, final long version, final long allocated)
    {
        final int base = row(cell);
        data[base + ALLOCATED] = allocated;
        data[base + ON_HAND] = onHand;
        data[base + RESERVED] = reserved;
        data[base + IN_TRANSIT] = inTransit;
        data[base + PRESALE_RESERVED] = presaleReserved;
        data[base + SAFETY_STOCK] = safetyStock;
        data[base + VERSION] = version;
    }

    /** Keeps {@code sku} inline in the row at {@code base} when it is short ASCII. */
    final void storeSkuKey(final int base, final String sku)
    {
        InlineKeys.store(data, base + SKU_KEY, KEY_LONGS, sku);
    }

    static long key(final int skuId, final int warehouseId)
    {
        return ((long)skuId << 32) | (warehouseId & 0xFFFF_FFFFL);
    }

    final void ensureCapacity(final int required)
    {
        if (ROW_OFFSET + (long)required * STRIDE > data.length)
        {
            data = Arrays.copyOf(data, Math.max(ROW_OFFSET + required * STRIDE, data.length * 2 - ROW_OFFSET));
        }
    }

    static int row(final int cell)
    {
        return ROW_OFFSET + cell * STRIDE;
    }
}
