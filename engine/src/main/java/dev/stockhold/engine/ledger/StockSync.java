package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.StockItems;
import dev.stockhold.engine.command.Validation;
import org.agrona.collections.LongHashSet;

/**
 * What warehouses report: absolute counts (set, one cell or an atomic batch), relative corrections
 * (adjust) and arrivals of in-transit stock (receive, which converts waiting presale lines). Every
 * item is validated before any cell changes. A count that leaves a cell's on-hand stock below its reserved
 * and allocated units cuts its allocations first. Ledger thread only.
 */
final class StockSync
{
    private final StockCells cells;
    private final PresaleQueues presale;
    private final LedgerConfig config;
    private final KitTable kits;
    private final Escrow escrow;
    private final LongHashSet seenItems = new LongHashSet();
    private int[] itemCell = new int[16];

    StockSync(final StockCells cells, final PresaleQueues presale, final LedgerConfig config,
        final ChannelState channelState)
    {
        this.cells = cells;
        this.presale = presale;
        this.config = config;
        this.kits = channelState.kits;
        this.escrow = channelState.escrow;
    }

    void set(final Command command)
    {
        final CommandResult result = command.result;
        final StockItems items = command.items;
        if (!isValidSet(items, result) || !resolveItems(items, result))
        {
            return;
        }
        for (int i = 0; i < items.count(); i++)
        {
            int cell = itemCell[i];
            if (cell == StockCells.MISSING)
            {
                cell = cells.create(items.sku(i), items.warehouse(i));
            }
            if (items.onHand(i) != Command.ABSENT && items.onHand(i) != cells.onHand(cell))
            {
                cells.addOnHand(cell, items.onHand(i) - cells.onHand(cell));
            }
            if (items.inTransit(i) != Command.ABSENT && items.inTransit(i) != cells.inTransit(cell))
            {
                cells.addInTransit(cell, items.inTransit(i) - cells.inTransit(cell));
            }
            if (items.safetyStock(i) != Command.ABSENT && items.safetyStock(i) != cells.safetyStock(cell))
            {
                cells.addSafetyStock(cell, items.safetyStock(i) - cells.safetyStock(cell));
            }
            escrow.afterCount(cell);
            cells.copyLevel(cell, result.levels());
        }
    }

    private boolean isValidSet(final StockItems items, final CommandResult result)
    {
        if (items.count() < 1 || items.count() > config.maxBatchItems())
        {
            result.fail(ErrorCode.INVALID_REQUEST, "a batch needs 1..10000 items");
            return false;
        }
        seenItems.clear();
        for (int i = 0; i < items.count(); i++)
        {
            if (!Validation.isCode(items.sku(i)) || !Validation.isCode(items.warehouse(i)))
            {
                result.fail(ErrorCode.INVALID_REQUEST, "sku and warehouse must be 1-64 printable ASCII, no space or /");
                return false;
            }
            if (!isLevelOrAbsent(items.onHand(i)) || !isLevelOrAbsent(items.inTransit(i))
                || !isLevelOrAbsent(items.safetyStock(i)))
            {
                result.fail(ErrorCode.INVALID_QUANTITY, "levels must be integers 0..1000000000000");
                return false;
            }
            if (items.expectedVersion(i) != Command.ABSENT && items.expectedVersion(i) < 0)
            {
                result.fail(ErrorCode.INVALID_REQUEST, "expectedVersion must be 0 or more");
                return false;
            }
            if (isDuplicate(items, i))
            {
                result.fail(ErrorCode.INVALID_REQUEST, "the same cell appears twice in the batch");
                return false;
            }
            if (kits.count() > 0 && kits.find(items.sku(i)) != KitTable.MISSING)
            {
                result.fail(ErrorCode.INVALID_REQUEST, "a kit has no stock of its own");
                return false;
            }
        }
        return true;
    }

    /** A hash set finds candidates; only a hash collision pays for the exact scan. */
    private boolean isDuplicate(final StockItems items, final int i)
    {
        final long hash = Hashing.mix(Hashing.mix(Hashing.SEED, items.sku(i)), items.warehouse(i));
        if (seenItems.add(hash))
        {
            return false;
        }
        for (int j = 0; j < i; j++)
        {
            if (items.sku(j).equals(items.sku(i)) && items.warehouse(j).equals(items.warehouse(i)))
            {
                return true;
            }
        }
        return false;
    }

    /** Finds each item's cell and checks versions and the cell limit. */
    private boolean resolveItems(final StockItems items, final CommandResult result)
    {
        if (itemCell.length < items.count())
        {
            itemCell = new int[items.count() * 2];
        }
        int newCells = 0;
        for (int i = 0; i < items.count(); i++)
        {
            final int cell = cells.find(items.sku(i), items.warehouse(i));
            itemCell[i] = cell;
            final long expected = items.expectedVersion(i);
            final long actual = cell == StockCells.MISSING ? 0 : cells.version(cell);
            newCells += cell == StockCells.MISSING ? 1 : 0;
            if (expected != Command.ABSENT && expected != actual)
            {
                result.fail(ErrorCode.VERSION_CONFLICT, "expectedVersion differs from the cell's version");
                return false;
            }
        }
        if ((long)cells.count() + newCells > config.maxCells())
        {
            result.fail(ErrorCode.INVALID_REQUEST, "cell limit reached");
            return false;
        }
        return true;
    }

    void adjust(final Command command)
    {
        final CommandResult result = command.result;
        if (!Validation.isCode(command.sku) || !Validation.isCode(command.warehouse))
        {
            result.fail(ErrorCode.INVALID_REQUEST, "sku and warehouse must be 1-64 printable ASCII, no space or /");
            return;
        }
        if (!Validation.isDelta(command.onHandDelta) || !Validation.isDelta(command.inTransitDelta)
            || !Validation.isDelta(command.safetyStockDelta))
        {
            result.fail(ErrorCode.INVALID_QUANTITY, "deltas must be integers within +-1000000000000");
            return;
        }
        if (!Validation.isReason(command.reason))
        {
            result.fail(ErrorCode.INVALID_REQUEST, "reason must be at most 256 characters of Unicode text");
            return;
        }
        final int cell = cells.find(command.sku, command.warehouse);
        if (cell == StockCells.MISSING)
        {
            result.fail(ErrorCode.SKU_NOT_FOUND, "no stock cell for that sku and warehouse");
            return;
        }
        if (!Validation.isLevel(cells.onHand(cell) + command.onHandDelta)
            || !Validation.isLevel(cells.inTransit(cell) + command.inTransitDelta)
            || !Validation.isLevel(cells.safetyStock(cell) + command.safetyStockDelta))
        {
            result.fail(ErrorCode.INVALID_QUANTITY, "a level would go below 0 or above 1000000000000");
            return;
        }
        if (command.onHandDelta != 0)
        {
            cells.addOnHand(cell, command.onHandDelta);
        }
        if (command.inTransitDelta != 0)
        {
            cells.addInTransit(cell, command.inTransitDelta);
        }
        if (command.safetyStockDelta != 0)
        {
            cells.addSafetyStock(cell, command.safetyStockDelta);
        }
        escrow.afterCount(cell);
        cells.copyLevel(cell, result.levels());
    }

    void receive(final Command command)
    {
        final CommandResult result = command.result;
        if (!Validation.isCode(command.sku) || !Validation.isCode(command.warehouse))
        {
            result.fail(ErrorCode.INVALID_REQUEST, "sku and warehouse must be 1-64 printable ASCII, no space or /");
            return;
        }
        if (!Validation.isRequestQuantity(command.quantity))
        {
            result.fail(ErrorCode.INVALID_QUANTITY, "quantity must be an integer 1..1000000000");
            return;
        }
        final int cell = cells.find(command.sku, command.warehouse);
        if (cell == StockCells.MISSING)
        {
            result.fail(ErrorCode.SKU_NOT_FOUND, "no stock cell for that sku and warehouse");
            return;
        }
        if (command.quantity > cells.inTransit(cell))
        {
            result.fail(ErrorCode.INVALID_QUANTITY, "cannot receive more than is in transit");
            return;
        }
        if (!Validation.isLevel(cells.onHand(cell) + command.quantity))
        {
            result.fail(ErrorCode.INVALID_QUANTITY, "onHand would exceed " + Validation.MAX_LEVEL);
            return;
        }
        cells.addInTransit(cell, -command.quantity);
        cells.addOnHand(cell, command.quantity);
        presale.convert(cell, cells);
        cells.copyLevel(cell, result.levels());
    }

    private static boolean isLevelOrAbsent(final long level)
    {
        return level == Command.ABSENT || Validation.isLevel(level);
    }
}
