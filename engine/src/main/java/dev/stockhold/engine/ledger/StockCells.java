package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Levels;
import org.agrona.collections.IntArrayList;

import java.util.Arrays;
import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * Every stock cell, one per (SKU, warehouse), kept as parallel primitive arrays indexed by a dense cell
 * id. Cell ids, SKU ids and warehouse ids are assigned in creation order, so a replay assigns the same.
 * Ledger thread only.
 * <p>
 * A cell's version moves once per command that changes it: {@link #touch} bumps it the first time a
 * command changes the cell and records the cell for that command's change list.
 * <p>
 * The rows' layout and the per-cell reads are in {@link StockCellRows}; this class adds the SKU and warehouse
 * code tables, the index of cells by codes, each SKU's cells in warehouse priority order and the change
 * tracking of the current command, and makes every change through {@link #touch}.
 */
final class StockCells extends StockCellRows
{
    /** No such cell; the same value as the code tables' "no such code", which {@link #find} passes on. */
    static final int MISSING = CodeTable.MISSING;

    private final CodeTable skus = new CodeTable();
    private final CodeTable warehouses = new CodeTable();
    private final WarehouseRanks ranks;
    /** Cells by the hash of (sku, warehouse): one probe, checked against the cell's own codes. */
    private final HashSlots cellIndex = new HashSlots(1024);
    /** Per SKU id, its cells in priority order: an array, so reaching a SKU's list is one dereference fewer. */
    private IntArrayList[] cellsBySku = new IntArrayList[64];

    private final IntArrayList touched = new IntArrayList();
    /**
     * Per cell the current command changed (in {@link #touched} order): its available, presale-available
     * and allocated units before the first change, taken while its row is at hand, so that per-SKU sums
     * can be moved by the difference without keeping a copy per cell.
     */
    private long[] touchedBefore = new long[3 * 16];
    private long commandNumber;
    /** Told the code and id of each warehouse the first time a cell brings it. */
    private ObjIntConsumer<String> warehouseListener = (code, id) -> { };

    StockCells(final List<String> warehousePriority)
    {
        this.ranks = new WarehouseRanks(warehousePriority);
    }

    void warehouseListener(final ObjIntConsumer<String> listener)
    {
        this.warehouseListener = listener;
    }

    /** @return the id of the warehouse, or {@link #MISSING} when it has no cell. */
    int findWarehouse(final String warehouse)
    {
        return warehouses.find(warehouse);
    }

    /** @return how many warehouses have cells; ids run from 0 to this, exclusive. */
    int warehouseCount()
    {
        return warehouses.size();
    }

    /** @return the code of SKU id {@code skuId}. */
    String skuCodeOf(final int skuId)
    {
        return skus.code(skuId);
    }

    /** @return how many SKUs have cells; ids run from 0 to this, exclusive. */
    int skuCount()
    {
        return skus.size();
    }

    /** @return the number of cells the current command changed so far. */
    int touchedCount()
    {
        return touched.size();
    }

    /** @return the {@code i}-th cell the current command changed, in order of first change. */
    int touchedCell(final int i)
    {
        return touched.getInt(i);
    }

    /** @return the id of the SKU, or {@link #MISSING} when it has no cell. */
    int findSku(final String sku)
    {
        return skus.find(sku);
    }

    /** @return the cell of (sku, warehouse), or {@link #MISSING}. */
    int find(final String sku, final String warehouse)
    {
        final int hash = HashSlots.hash(sku, warehouse);
        for (int at = cellIndex.first(hash); at >= 0; at = cellIndex.next(hash, at))
        {
            final int cell = cellIndex.value(at);
            if (hasSku(cell, sku) && warehouse.equals(warehouseCode(cell)))
            {
                return cell;
            }
        }
        return MISSING;
    }

    /**
     * @return the cell of a SKU known by its id in {@code warehouse}, or {@link #MISSING}: the SKU is hashed
     * and compared by id, without reading its code.
     */
    int find(final int skuId, final String warehouse)
    {
        final int hash = HashSlots.hash(skus.hashCodeOf(skuId), warehouse);
        for (int at = cellIndex.first(hash); at >= 0; at = cellIndex.next(hash, at))
        {
            final int cell = cellIndex.value(at);
            if (skuId(cell) == skuId && warehouse.equals(warehouseCode(cell)))
            {
                return cell;
            }
        }
        return MISSING;
    }

    /** @return true when the SKU has a cell in the warehouse: a walk over the SKU's few cells, no hashing. */
    boolean hasCell(final int skuId, final int warehouseId)
    {
        final IntArrayList skuCells = cellsBySku[skuId];
        for (int c = 0; c < skuCells.size(); c++)
        {
            if (warehouseId(skuCells.getInt(c)) == warehouseId)
            {
                return true;
            }
        }
        return false;
    }

    /** @return the cells of a SKU in warehouse priority order; never modify it. */
    IntArrayList cellsOfSku(final int skuId)
    {
        return cellsBySku[skuId];
    }

    /** Creates the cell of (sku, warehouse) at version 1 with zero levels; it must not exist. */
    int create(final String sku, final String warehouse)
    {
        final int skuId = skus.intern(sku);
        final int warehouseId = warehouses.intern(warehouse);
        if (warehouseId == ranks.size())
        {
            ranks.seen(warehouse);
            warehouseListener.accept(warehouse, warehouseId);
        }
        if (skuId == cellsBySku.length)
        {
            cellsBySku = Arrays.copyOf(cellsBySku, skuId * 2);
        }
        if (cellsBySku[skuId] == null)
        {
            cellsBySku[skuId] = new IntArrayList(2, IntArrayList.DEFAULT_NULL_VALUE);
        }
        ensureCapacity(count + 1);
        final int cell = count++;
        final int base = row(cell);
        data[base + CODES] = key(skuId, warehouseId);
        storeSkuKey(base, sku);
        cellIndex.add(HashSlots.hash(sku, warehouse), cell);
        insertByRank(cellsBySku[skuId], cell);
        data[base + VERSION] = 1;
        data[base + TOUCHED_BY] = commandNumber;
        addTouched(cell, 0, 0, 0);
        return cell;
    }

    private void insertByRank(final IntArrayList cells, final int cell)
    {
        final int rank = ranks.rank(warehouseId(cell));
        int at = cells.size();
        while (at > 0 && ranks.rank(warehouseId(cells.getInt(at - 1))) > rank)
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

    /**
     * Records that the current command is about to change {@code cell}: bumps its version the first time
     * and keeps what it held before.
     */
    void touch(final int cell)
    {
        final int base = row(cell);
        if (data[base + TOUCHED_BY] != commandNumber)
        {
            data[base + TOUCHED_BY] = commandNumber;
            data[base + VERSION]++;
            addTouched(cell, available(cell), presaleAvailable(cell), data[base + ALLOCATED]);
        }
    }

    private void addTouched(final int cell, final long availableBefore, final long presaleBefore,
        final long allocatedBefore)
    {
        final int at = touched.size() * 3;
        if (at + 3 > touchedBefore.length)
        {
            touchedBefore = Arrays.copyOf(touchedBefore, touchedBefore.length * 2);
        }
        touchedBefore[at] = availableBefore;
        touchedBefore[at + 1] = presaleBefore;
        touchedBefore[at + 2] = allocatedBefore;
        touched.addInt(cell);
    }

    /** @return the available units of the {@code i}-th changed cell before the current command changed it. */
    long availableBefore(final int i)
    {
        return touchedBefore[i * 3];
    }

    /** @return the presale-available units of the {@code i}-th changed cell before the current command. */
    long presaleAvailableBefore(final int i)
    {
        return touchedBefore[i * 3 + 1];
    }

    /** @return the allocated units of the {@code i}-th changed cell before the current command. */
    long allocatedBefore(final int i)
    {
        return touchedBefore[i * 3 + 2];
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
        final int base = row(cell);
        levels.add(skuCode(cell), warehouseCode(cell), data[base + ON_HAND], data[base + RESERVED],
            data[base + IN_TRANSIT], data[base + PRESALE_RESERVED], data[base + SAFETY_STOCK], data[base + VERSION],
            data[base + ALLOCATED]);
    }

    String skuCode(final int cell)
    {
        return skus.code((int)(data[row(cell) + CODES] >>> 32));
    }

    String warehouseCode(final int cell)
    {
        return warehouses.code(warehouseId(cell));
    }

    /** @return the priority rank of the cell's warehouse: lower is tried first; unique per warehouse. */
    int rank(final int cell)
    {
        return ranks.rank(warehouseId(cell));
    }

    // Mutators: callers have validated; each records the change, before making it.

    void addReserved(final int cell, final long delta)
    {
        touch(cell);
        data[row(cell) + RESERVED] += delta;
    }

    void addPresaleReserved(final int cell, final long delta)
    {
        touch(cell);
        data[row(cell) + PRESALE_RESERVED] += delta;
    }

    void addOnHand(final int cell, final long delta)
    {
        touch(cell);
        data[row(cell) + ON_HAND] += delta;
    }

    void addInTransit(final int cell, final long delta)
    {
        touch(cell);
        data[row(cell) + IN_TRANSIT] += delta;
    }

    void addSafetyStock(final int cell, final long delta)
    {
        touch(cell);
        data[row(cell) + SAFETY_STOCK] += delta;
    }

    void addAllocated(final int cell, final long delta)
    {
        touch(cell);
        data[row(cell) + ALLOCATED] += delta;
    }

    /** @return whether {@code cell} belongs to {@code sku}, comparing its inline key when it has one. */
    private boolean hasSku(final int cell, final String sku)
    {
        final int matched = InlineKeys.matches(data, row(cell) + SKU_KEY, sku);
        return matched == InlineKeys.NOT_INLINE ? sku.equals(skuCode(cell)) : matched == 1;
    }
}
