package dev.stockhold.engine.model;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.StockItems;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Set, adjust and receive in the model. */
final class ModelStock
{
    private final ModelState state;

    ModelStock(final ModelState state)
    {
        this.state = state;
    }

    private static boolean isAbsentOrLevel(final long value)
    {
        return value == Command.ABSENT || ModelCodes.isLevel(value);
    }

    ModelResult set(final Command command)
    {
        final long seq = command.sequence;
        final StockItems items = command.items;
        if (items.count() < 1 || items.count() > state.config.maxBatchItems())
        {
            return ReferenceLedger.error(ErrorCode.INVALID_REQUEST, seq);
        }
        for (int i = 0; i < items.count(); i++)
        {
            if (!ModelCodes.isCode(items.sku(i)) || !ModelCodes.isCode(items.warehouse(i)))
            {
                return ReferenceLedger.error(ErrorCode.INVALID_REQUEST, seq);
            }
            if (!isAbsentOrLevel(items.onHand(i)) || !isAbsentOrLevel(items.inTransit(i))
                || !isAbsentOrLevel(items.safetyStock(i)))
            {
                return ReferenceLedger.error(ErrorCode.INVALID_QUANTITY, seq);
            }
            if (items.expectedVersion(i) != Command.ABSENT && items.expectedVersion(i) < 0)
            {
                return ReferenceLedger.error(ErrorCode.INVALID_REQUEST, seq);
            }
        }
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.count(); i++)
        {
            if (!seen.add(items.sku(i) + "\u0000" + items.warehouse(i))
                || state.catalog.kits.containsKey(items.sku(i)))
            {
                return ReferenceLedger.error(ErrorCode.INVALID_REQUEST, seq);
            }
        }
        int creating = 0;
        for (int i = 0; i < items.count(); i++)
        {
            final ModelCell cell = state.cell(items.sku(i), items.warehouse(i));
            final long expected = items.expectedVersion(i);
            if (cell == null)
            {
                creating++;
                if (expected != Command.ABSENT && expected != 0)
                {
                    return ReferenceLedger.error(ErrorCode.VERSION_CONFLICT, seq);
                }
            }
            else if (expected != Command.ABSENT && expected != cell.version)
            {
                return ReferenceLedger.error(ErrorCode.VERSION_CONFLICT, seq);
            }
        }
        if (state.cells.size() + creating > state.config.maxCells())
        {
            return ReferenceLedger.error(ErrorCode.INVALID_REQUEST, seq);
        }
        final List<ModelCell> answered = new ArrayList<>();
        for (int i = 0; i < items.count(); i++)
        {
            ModelCell cell = state.cell(items.sku(i), items.warehouse(i));
            if (cell == null)
            {
                cell = state.createCell(items.sku(i), items.warehouse(i));
            }
            state.touch(cell);
            if (items.onHand(i) != Command.ABSENT)
            {
                cell.onHand = items.onHand(i);
            }
            if (items.inTransit(i) != Command.ABSENT)
            {
                cell.inTransit = items.inTransit(i);
            }
            if (items.safetyStock(i) != Command.ABSENT)
            {
                cell.safetyStock = items.safetyStock(i);
            }
            state.catalog.cutAfterCount(cell);
            answered.add(cell);
        }
        final List<ModelLevel> changes = state.finishChanges();
        return new ModelResult(ErrorCode.OK, false, seq, answered.stream().map(ModelCell::level).toList(), changes,
            null, List.of(), null);
    }

    private static boolean isDelta(final long delta)
    {
        return delta >= -ModelCodes.MAX_LEVEL && delta <= ModelCodes.MAX_LEVEL;
    }

    ModelResult adjust(final Command command)
    {
        final long seq = command.sequence;
        if (!ModelCodes.isCode(command.sku) || !ModelCodes.isCode(command.warehouse))
        {
            return ReferenceLedger.error(ErrorCode.INVALID_REQUEST, seq);
        }
        final ModelCell cell = state.cell(command.sku, command.warehouse);
        if (cell == null)
        {
            return ReferenceLedger.error(ErrorCode.SKU_NOT_FOUND, seq);
        }
        if (!isDelta(command.onHandDelta) || !isDelta(command.inTransitDelta) || !isDelta(command.safetyStockDelta)
            || !ModelCodes.isLevel(cell.onHand + command.onHandDelta)
            || !ModelCodes.isLevel(cell.inTransit + command.inTransitDelta)
            || !ModelCodes.isLevel(cell.safetyStock + command.safetyStockDelta))
        {
            return ReferenceLedger.error(ErrorCode.INVALID_QUANTITY, seq);
        }
        state.touch(cell);
        cell.onHand += command.onHandDelta;
        cell.inTransit += command.inTransitDelta;
        cell.safetyStock += command.safetyStockDelta;
        state.catalog.cutAfterCount(cell);
        final List<ModelLevel> changes = state.finishChanges();
        return new ModelResult(ErrorCode.OK, false, seq, List.of(cell.level()), changes, null, List.of(), null);
    }

    ModelResult receive(final Command command)
    {
        final long seq = command.sequence;
        if (!ModelCodes.isCode(command.sku) || !ModelCodes.isCode(command.warehouse))
        {
            return ReferenceLedger.error(ErrorCode.INVALID_REQUEST, seq);
        }
        if (!ModelCodes.isRequestQuantity(command.quantity))
        {
            return ReferenceLedger.error(ErrorCode.INVALID_QUANTITY, seq);
        }
        final ModelCell cell = state.cell(command.sku, command.warehouse);
        if (cell == null)
        {
            return ReferenceLedger.error(ErrorCode.SKU_NOT_FOUND, seq);
        }
        if (command.quantity > cell.inTransit)
        {
            return ReferenceLedger.error(ErrorCode.INVALID_QUANTITY, seq);
        }
        state.touch(cell);
        cell.inTransit -= command.quantity;
        cell.onHand += command.quantity;
        convertPresale(cell);
        final List<ModelLevel> changes = state.finishChanges();
        return new ModelResult(ErrorCode.OK, false, seq, List.of(cell.level()), changes, null, List.of(), null);
    }

    /** Oldest presale line of the cell first; stops at the first whose open quantity does not fit. */
    private void convertPresale(final ModelCell cell)
    {
        final List<ModelReservation> byAge = new ArrayList<>(state.reservations.values());
        byAge.sort(Comparator.comparingLong(r -> r.lockOrder));
        for (final ModelReservation reservation : byAge)
        {
            for (final ModelLine line : reservation.lines)
            {
                if (!line.presale || line.open() == 0 || !line.isAt(cell.sku, cell.warehouse))
                {
                    continue;
                }
                if (line.open() > cell.available())
                {
                    return;
                }
                cell.presaleReserved -= line.open();
                cell.reserved += line.open();
                line.presale = false;
            }
        }
    }
}
