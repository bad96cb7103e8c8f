package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Levels;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.Long2LongHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every stock cell, one per (SKU, warehouse), kept as parallel primitive arrays indexed by a dense cell
 * id. Cell ids, SKU ids and warehouse ids are assigned in creation order, so a replay assigns the same.
 * Ledger thread only.
 * <p>
 * A cell's version moves once per command that changes it: {@link #touch} bumps it the first time a
 * command changes the cell and records the cell for that command's change list.
 */
final class StockCells
{
    static final int MISSING = -1;

    private final CodeTable skus = new CodeTable();
    private final CodeTable warehouses = new CodeTable();
    private final WarehouseRanks ranks;
    private final Long2LongHashMap cellByKey = new Long2LongHashMap(MISSING);
    private final List<IntArrayList> cellsBySku = new ArrayList<>();

    private int[] skuOf = new int[1024];
    private int[] warehouseOf = new int[1024];
    private long[] onHand = new long[1024];
    private long[] reserved = new long[1024];
    private long[] inTransit = new long[1024];
    private long[] presaleReserved = new long[1024];
    private long[] safetyStock = new long[1024];
    private long[] version = new long[1024];
    private long[] touchedBy = new long[1024];
    private int count;

    private final IntArrayList touched = new IntArrayList();
    private long commandNumber;

    StockCells(final List<String> warehousePriority)
    {
        this.ranks = new WarehouseRanks(warehousePriority);
    }

    /** @return the id of the SKU, or {@link #MISSING} when it has no cell. */
    int findSku(final String sku)
    {
        return skus.find(sku);
    }

    /** @return the cell of (sku, warehouse), or {@link #MISSING}. */
    int find(final String sku, final String warehouse)
    {
        final int skuId = skus.find(sku);
        final int warehouseId = skuId == MISSING ? MISSING : warehouses.find(warehouse);
        return warehouseId == MISSING ? MISSING : (int)cellByKey.get(key(skuId, warehouseId));
    }

    /** @return the cells of a SKU in warehouse priority order; never modify it. */
    IntArrayList cellsOfSku(final int skuId)
    {
        return cellsBySku.get(skuId);
    }

    /** Creates the cell of (sku, warehouse) at version 1 with zero levels; it must not exist. */
    int create(final String sku, final String warehouse)
    {
        final int skuId = skus.intern(sku);
        final int warehouseId = warehouses.intern(warehouse);
        if (warehouseId == ranks.size())
        {
            ranks.seen(warehouse);
        }
        if (skuId == cellsBySku.size())
        {
            cellsBySku.add(new IntArrayList(2, IntArrayList.DEFAULT_NULL_VALUE));
        }
        ensureCapacity(count + 1);
        final int cell = count++;
        skuOf[cell] = skuId;
        warehouseOf[cell] = warehouseId;
        cellByKey.put(key(skuId, warehouseId), cell);
        insertByRank(cellsBySku.get(skuId), cell);
        version[cell] = 1;
        touchedBy[cell] = commandNumber;
        touched.addInt(cell);
        return cell;
    }

    private void insertByRank(final IntArrayList cells, final int cell)
    {
        final int rank = ranks.rank(warehouseOf[cell]);
        int at = cells.size();
        while (at > 0 && ranks.rank(warehouseOf[cells.getInt(at - 1)]) > rank)
        {
            at--;
        }
        cells.addInt(at, cell);
    }

    /** Starts a new command: from now on the first change of each cell bumps its version once. */
    void beginCommand()
    {
        commandNumber++;
        touched.clear();
    }

    /** Records that the current command changes {@code cell}: bumps its version the first time. */
    void touch(final int cell)
    {
        if (touchedBy[cell] != commandNumber)
        {
            touchedBy[cell] = commandNumber;
            version[cell]++;
            touched.addInt(cell);
        }
    }

    /** Appends the final levels of every cell the current command changed, in order of first change. */
    void copyChanges(final Levels changes)
    {
        for (int i = 0; i < touched.size(); i++)
        {
            copyLevel(touched.getInt(i), changes);
        }
    }

    /** Appends the levels of {@code cell}. */
    void copyLevel(final int cell, final Levels levels)
    {
        levels.add(skus.code(skuOf[cell]), warehouses.code(warehouseOf[cell]), onHand[cell], reserved[cell],
            inTransit[cell], presaleReserved[cell], safetyStock[cell], version[cell]);
    }

    int count()
    {
        return count;
    }

    String skuCode(final int cell)
    {
        return skus.code(skuOf[cell]);
    }

    String warehouseCode(final int cell)
    {
        return warehouses.code(warehouseOf[cell]);
    }

    long onHand(final int cell)
    {
        return onHand[cell];
    }

    long reserved(final int cell)
    {
        return reserved[cell];
    }

    long inTransit(final int cell)
    {
        return inTransit[cell];
    }

    long presaleReserved(final int cell)
    {
        return presaleReserved[cell];
    }

    long safetyStock(final int cell)
    {
        return safetyStock[cell];
    }

    long version(final int cell)
    {
        return version[cell];
    }

    /** @return what a lock may still take from the cell's on-hand stock. */
    long available(final int cell)
    {
        return Levels.available(onHand[cell], reserved[cell], safetyStock[cell]);
    }

    /** @return what a presale lock may still take from the cell's in-transit stock. */
    long presaleAvailable(final int cell)
    {
        return Math.max(0, inTransit[cell] - presaleReserved[cell]);
    }

    // Mutators: callers have validated; each records the change.

    void addReserved(final int cell, final long delta)
    {
        reserved[cell] += delta;
        touch(cell);
    }

    void addPresaleReserved(final int cell, final long delta)
    {
        presaleReserved[cell] += delta;
        touch(cell);
    }

    void addOnHand(final int cell, final long delta)
    {
        onHand[cell] += delta;
        touch(cell);
    }

    void addInTransit(final int cell, final long delta)
    {
        inTransit[cell] += delta;
        touch(cell);
    }

    void addSafetyStock(final int cell, final long delta)
    {
        safetyStock[cell] += delta;
        touch(cell);
    }

    /** Restores a cell's fields exactly (snapshot load), without counting it as a change. */
    void restore(final int cell, final long onHand, final long reserved, final long inTransit,
        final long presaleReserved, final long safetyStock, final long version)
    {
        this.onHand[cell] = onHand;
        this.reserved[cell] = reserved;
        this.inTransit[cell] = inTransit;
        this.presaleReserved[cell] = presaleReserved;
        this.safetyStock[cell] = safetyStock;
        this.version[cell] = version;
        touched.clear();
    }

    /** @return a hash of every cell's codes and fields, in cell id order. */
    long digest()
    {
        long hash = Hashing.mix(Hashing.SEED, count);
        for (int cell = 0; cell < count; cell++)
        {
            hash = Hashing.mix(hash, skus.code(skuOf[cell]));
            hash = Hashing.mix(hash, warehouses.code(warehouseOf[cell]));
            hash = Hashing.mix(hash, onHand[cell]);
            hash = Hashing.mix(hash, reserved[cell]);
            hash = Hashing.mix(hash, inTransit[cell]);
            hash = Hashing.mix(hash, presaleReserved[cell]);
            hash = Hashing.mix(hash, safetyStock[cell]);
            hash = Hashing.mix(hash, version[cell]);
        }
        return hash;
    }

    private static long key(final int skuId, final int warehouseId)
    {
        return ((long)skuId << 32) | (warehouseId & 0xFFFF_FFFFL);
    }

    private void ensureCapacity(final int required)
    {
        if (required <= skuOf.length)
        {
            return;
        }
        final int capacity = Math.max(required, skuOf.length * 2);
        skuOf = Arrays.copyOf(skuOf, capacity);
        warehouseOf = Arrays.copyOf(warehouseOf, capacity);
        onHand = Arrays.copyOf(onHand, capacity);
        reserved = Arrays.copyOf(reserved, capacity);
        inTransit = Arrays.copyOf(inTransit, capacity);
        presaleReserved = Arrays.copyOf(presaleReserved, capacity);
        safetyStock = Arrays.copyOf(safetyStock, capacity);
        version = Arrays.copyOf(version, capacity);
        touchedBy = Arrays.copyOf(touchedBy, capacity);
    }
}
