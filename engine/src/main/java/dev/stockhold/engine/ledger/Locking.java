package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.OrderLines;
import dev.stockhold.engine.command.ReservationView;
import dev.stockhold.engine.command.ShortLines;
import dev.stockhold.engine.command.Validation;
import org.agrona.collections.IntArrayList;

import java.util.Arrays;

/**
 * The lock command: all lines or none. Each line is first planned into scratch arrays against what the
 * earlier lines of the same order already took; only when every line fits is anything changed, so a
 * failed lock needs no rollback. Ledger thread only.
 */
final class Locking
{
    private final StockCells cells;
    private final ReservationBook book;
    private final ExpiryQueue expiry;
    private final PresaleQueues presale;
    private final LedgerConfig config;

    private int[] lineCell = new int[8];
    private int[] lineSku = new int[8];
    private int[] planCell = new int[8];
    private long[] planQuantity = new long[8];
    private boolean[] planPresale = new boolean[8];
    private int planCount;

    Locking(final StockCells cells, final ReservationBook book, final ExpiryQueue expiry,
        final PresaleQueues presale, final LedgerConfig config)
    {
        this.cells = cells;
        this.book = book;
        this.expiry = expiry;
        this.presale = presale;
        this.config = config;
    }

    void lock(final Command command, final long nowMillis, final long lockSequence)
    {
        final CommandResult result = command.result;
        if (!isValidOrder(command, result))
        {
            return;
        }
        // Every interned code was checked when its cell was created, so when all lines resolve only the
        // quantities need checking; otherwise the full check, line by line, picks the error as it always has.
        final boolean resolved = resolve(command.lines);
        if (!(resolved ? hasValidQuantities(command.lines, result) : hasValidLines(command.lines, result)))
        {
            return;
        }
        final Reservation existing = book.find(command.orderId);
        if (existing != null)
        {
            // A line naming an unknown code cannot be one of the existing order's lines.
            if (resolved && existing.linesFingerprint == linesFingerprint(command.lines))
            {
                result.replayed(true);
                existing.copyTo(result.reservation(), cells);
            }
            else
            {
                result.fail(ErrorCode.ORDER_CONFLICT, "the order is already locked with other lines");
            }
            return;
        }
        if (book.openCount() >= config.maxOpenReservations())
        {
            result.fail(ErrorCode.OVERLOADED, "open reservation limit reached");
            return;
        }
        if (!resolved)
        {
            result.fail(ErrorCode.SKU_NOT_FOUND, "no stock cell for a line's sku and warehouse");
            return;
        }
        if (plan(command, result.shortLines()))
        {
            apply(command, nowMillis, lockSequence, linesFingerprint(command.lines)).copyTo(result.reservation(), cells);
        }
        else
        {
            result.fail(ErrorCode.INSUFFICIENT_STOCK, "not every line fits in the available stock");
        }
    }

    /** Checks everything but the lines' contents. */
    private boolean isValidOrder(final Command command, final CommandResult result)
    {
        final int lineCount = command.lines.count();
        if (!Validation.isOrderId(command.orderId))
        {
            result.fail(ErrorCode.INVALID_REQUEST, "orderId must be 1-64 printable ASCII characters");
        }
        else if (!Validation.isChannel(command.channel))
        {
            result.fail(ErrorCode.INVALID_REQUEST, "channel must be at most 64 characters");
        }
        else if (!Validation.isTtlSeconds(command.ttlSeconds))
        {
            result.fail(ErrorCode.INVALID_REQUEST, "ttlSeconds must be 1..31536000");
        }
        else if (lineCount < 1 || lineCount > config.maxLinesPerOrder())
        {
            result.fail(ErrorCode.INVALID_REQUEST, "a lock needs 1..100 lines");
        }
        return result.isOk();
    }

    private static boolean hasValidLines(final OrderLines lines, final CommandResult result)
    {
        for (int i = 0; i < lines.count(); i++)
        {
            if (!Validation.isCode(lines.sku(i)) || (lines.warehouse(i) != null && !Validation.isCode(lines.warehouse(i))))
            {
                result.fail(ErrorCode.INVALID_REQUEST, "sku and warehouse must be 1-64 printable ASCII, no space or /");
                return false;
            }
            if (!Validation.isRequestQuantity(lines.quantity(i)))
            {
                return failQuantity(result);
            }
        }
        return true;
    }

    private static boolean hasValidQuantities(final OrderLines lines, final CommandResult result)
    {
        for (int i = 0; i < lines.count(); i++)
        {
            if (!Validation.isRequestQuantity(lines.quantity(i)))
            {
                return failQuantity(result);
            }
        }
        return true;
    }

    private static boolean failQuantity(final CommandResult result)
    {
        result.fail(ErrorCode.INVALID_QUANTITY, "quantity must be an integer 1..1000000000");
        return false;
    }

    /** Finds each line's SKU and, when named, its cell; @return false when a line names an unknown code. */
    private boolean resolve(final OrderLines lines)
    {
        if (lineCell.length < lines.count())
        {
            lineCell = new int[lines.count() * 2];
            lineSku = new int[lines.count() * 2];
        }
        for (int i = 0; i < lines.count(); i++)
        {
            if (lines.sku(i) == null)
            {
                return false;
            }
            // A named warehouse needs only the cell; the SKU's id matters when the engine chooses.
            final boolean named = lines.warehouse(i) != null;
            final int cell = named ? cells.find(lines.sku(i), lines.warehouse(i)) : StockCells.MISSING;
            final int skuId = named ? StockCells.MISSING : cells.findSku(lines.sku(i));
            if (named ? cell == StockCells.MISSING : skuId == StockCells.MISSING)
            {
                return false;
            }
            lineSku[i] = skuId;
            lineCell[i] = cell;
        }
        return true;
    }

    /** Plans every line; @return true when all fit, else the short lines are filled in. */
    private boolean plan(final Command command, final ShortLines shortLines)
    {
        planCount = 0;
        final OrderLines lines = command.lines;
        for (int i = 0; i < lines.count(); i++)
        {
            final long quantity = lines.quantity(i);
            if (lineCell[i] != StockCells.MISSING)
            {
                planNamedWarehouse(lineCell[i], quantity, command.allowPresale, lines.sku(i), shortLines);
            }
            else
            {
                planChosenWarehouse(cells.cellsOfSku(lineSku[i]), quantity, command, lines.sku(i), shortLines);
            }
        }
        return shortLines.count() == 0;
    }

    private void planNamedWarehouse(final int cell, final long quantity, final boolean allowPresale,
        final String sku, final ShortLines shortLines)
    {
        final long free = freeRegular(cell);
        if (quantity <= free)
        {
            addPlan(cell, quantity, false);
        }
        else if (allowPresale && quantity <= freePresale(cell))
        {
            addPlan(cell, quantity, true);
        }
        else
        {
            shortLines.add(sku, cells.warehouseCode(cell), quantity, free);
        }
    }

    /** Whole in the first warehouse that takes it; else split; else presale; else short. */
    private void planChosenWarehouse(final IntArrayList candidates, final long quantity, final Command command,
        final String sku, final ShortLines shortLines)
    {
        long largest = -1;
        int closest = candidates.getInt(0);
        long total = 0;
        for (int c = 0; c < candidates.size(); c++)
        {
            final long free = freeRegular(candidates.getInt(c));
            if (quantity <= free)
            {
                addPlan(candidates.getInt(c), quantity, false);
                return;
            }
            if (free > largest)
            {
                largest = free;
                closest = candidates.getInt(c);
            }
            total += free;
        }
        if (command.allowSplit && total >= quantity)
        {
            long remaining = quantity;
            for (int c = 0; c < candidates.size() && remaining > 0; c++)
            {
                final long take = Math.min(freeRegular(candidates.getInt(c)), remaining);
                if (take > 0)
                {
                    addPlan(candidates.getInt(c), take, false);
                    remaining -= take;
                }
            }
            return;
        }
        if (command.allowPresale)
        {
            for (int c = 0; c < candidates.size(); c++)
            {
                if (quantity <= freePresale(candidates.getInt(c)))
                {
                    addPlan(candidates.getInt(c), quantity, true);
                    return;
                }
            }
        }
        // Named after the warehouse that came closest (the first in priority order of those with the most),
        // so every short line names one; with a split allowed, what they all hold together is what was short.
        shortLines.add(sku, cells.warehouseCode(closest), quantity, command.allowSplit ? total : largest);
    }

    private long freeRegular(final int cell)
    {
        return cells.available(cell) - planned(cell, false);
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

    private void addPlan(final int cell, final long quantity, final boolean isPresale)
    {
        if (planCount == planCell.length)
        {
            final int capacity = planCount * 2;
            planCell = Arrays.copyOf(planCell, capacity);
            planQuantity = Arrays.copyOf(planQuantity, capacity);
            planPresale = Arrays.copyOf(planPresale, capacity);
        }
        planCell[planCount] = cell;
        planQuantity[planCount] = quantity;
        planPresale[planCount] = isPresale;
        planCount++;
    }

    /** @return the new reservation, now open and registered. */
    private Reservation apply(final Command command, final long nowMillis, final long lockSequence,
        final long fingerprint)
    {
        final Reservation reservation = book.newReservation();
        final long expiresAt = command.ttlSeconds > 0 ? nowMillis + command.ttlSeconds * 1000L : ReservationView.NO_EXPIRY;
        reservation.reset(command.orderId, command.channel, nowMillis, expiresAt, lockSequence, fingerprint);
        for (int p = 0; p < planCount; p++)
        {
            final int line = reservation.addLine(planCell[p], planQuantity[p], planPresale[p]);
            if (planPresale[p])
            {
                cells.addPresaleReserved(planCell[p], planQuantity[p]);
                presale.add(planCell[p], reservation, line);
            }
            else
            {
                cells.addReserved(planCell[p], planQuantity[p]);
            }
        }
        book.add(reservation);
        if (command.ttlSeconds > 0)
        {
            expiry.add(reservation);
        }
        return reservation;
    }

    /**
     * @return a hash of the requested lines, as resolved: equal for a repeat of the same lock, in any line
     * order ("the same lines" of docs/design.md, Rules), since each line is hashed on its own and the line
     * hashes are added. Codes enter as their interned ids, which are exact (two codes never share one), so
     * only a 64-bit hash collision could make other lines pass for a repeat; a named cell and an
     * engine-chosen SKU hash apart.
     */
    private long linesFingerprint(final OrderLines lines)
    {
        long sum = 0;
        for (int i = 0; i < lines.count(); i++)
        {
            final long place = lineCell[i] != StockCells.MISSING ? lineCell[i] : -2L - lineSku[i];
            sum += Hashing.mix(Hashing.mix(Hashing.SEED, place), lines.quantity(i));
        }
        return Hashing.mix(Hashing.mix(Hashing.SEED, lines.count()), sum);
    }
}
