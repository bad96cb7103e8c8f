package dev.stockhold.engine.model;

import dev.stockhold.engine.ledger.LedgerConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's whole state: cells, the order warehouses were first seen in, reservations and engine
 * time, plus the bookkeeping of which cells the current command changed.
 */
final class ModelState
{
    final LedgerConfig config;
    final Map<String, ModelCell> cells = new LinkedHashMap<>();
    final List<String> warehousesSeen = new ArrayList<>();
    final Map<String, ModelReservation> reservations = new LinkedHashMap<>();
    final ModelCatalog catalog = new ModelCatalog(this);
    long engineTimeMillis;
    long lockCounter;
    long closeCounter;
    /** Cells touched by the current command, in order of first touch, with their fields before (null: created). */
    private final Map<ModelCell, long[]> touched = new LinkedHashMap<>();

    ModelState(final LedgerConfig config)
    {
        this.config = config;
    }

    private static String key(final String sku, final String warehouse)
    {
        return sku + "\u0000" + warehouse;
    }

    ModelCell cell(final String sku, final String warehouse)
    {
        return cells.get(key(sku, warehouse));
    }

    ModelCell createCell(final String sku, final String warehouse)
    {
        final ModelCell cell = new ModelCell(sku, warehouse);
        cells.put(key(sku, warehouse), cell);
        if (!warehousesSeen.contains(warehouse))
        {
            warehousesSeen.add(warehouse);
        }
        touched.put(cell, null);
        return cell;
    }

    /** @return the position of a warehouse in priority order: the configured list, then first seen. */
    int priority(final String warehouse)
    {
        final int configured = config.warehousePriority().indexOf(warehouse);
        if (configured >= 0)
        {
            return configured;
        }
        return config.warehousePriority().size() + warehousesSeen.indexOf(warehouse);
    }

    /** @return every cell of {@code sku}, in warehouse priority order. */
    List<ModelCell> cellsOf(final String sku)
    {
        final List<ModelCell> result = new ArrayList<>();
        for (final ModelCell cell : cells.values())
        {
            if (cell.sku.equals(sku))
            {
                result.add(cell);
            }
        }
        result.sort(Comparator.comparingInt(c -> priority(c.warehouse)));
        return result;
    }

    /** Call before changing a cell's fields. */
    void touch(final ModelCell cell)
    {
        if (!touched.containsKey(cell))
        {
            touched.put(cell, cell.fields());
        }
    }

    /** Bumps the version of every cell the command changed, once, and @return their final levels. */
    List<ModelLevel> finishChanges()
    {
        final List<ModelLevel> changes = new ArrayList<>();
        for (final Map.Entry<ModelCell, long[]> entry : touched.entrySet())
        {
            final ModelCell cell = entry.getKey();
            final long[] before = entry.getValue();
            if (before == null)
            {
                changes.add(cell.level());
            }
            else if (!Arrays.equals(before, cell.fields()))
            {
                cell.version++;
                changes.add(cell.level());
            }
        }
        touched.clear();
        return List.copyOf(changes);
    }

    long openCount()
    {
        return reservations.values().stream().filter(r -> !r.isClosed()).count();
    }

    long closedCount()
    {
        return reservations.values().stream().filter(ModelReservation::isClosed).count();
    }

    /** Marks a reservation closed now, then forgets the oldest closed ones beyond the limit. */
    void close(final ModelReservation reservation)
    {
        reservation.closedAtMillis = engineTimeMillis;
        reservation.closeOrder = closeCounter++;
        while (closedCount() > config.maxClosedReservations())
        {
            final ModelReservation oldest = reservations.values().stream().filter(ModelReservation::isClosed)
                .min(Comparator.comparingLong(r -> r.closeOrder)).orElseThrow();
            reservations.remove(oldest.orderId);
        }
    }

    /**
     * Changes a line's open quantity into released quantity, giving the stock back: what came from the lock's
     * channel allocation goes back to it while it exists, within what the cell holds beyond its reservations
     * and allocations.
     */
    void releaseFromLine(final ModelLine line, final long quantity)
    {
        final ModelCell cell = cell(line.sku, line.warehouse);
        touch(cell);
        line.released += quantity;
        if (line.presale)
        {
            cell.presaleReserved -= quantity;
            return;
        }
        final long back = Math.min(quantity, line.fromAllocation);
        line.fromAllocation -= back;
        cell.reserved -= quantity;
        if (back > 0 && catalog.allocations.containsKey(List.of(line.allocationChannel, cell.sku, cell.warehouse)))
        {
            final long give = Math.min(back, Math.max(0, cell.onHand - cell.reserved - cell.allocated));
            if (give > 0)
            {
                catalog.addUnits(line.allocationChannel, cell, give);
            }
        }
    }
}
