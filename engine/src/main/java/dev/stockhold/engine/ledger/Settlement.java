package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.OrderLines;
import dev.stockhold.engine.command.Validation;

/**
 * Release (stock goes back), deduct (shipped: reserved stock leaves) and return (cancelled after
 * shipping: stock comes back), of a whole order or of some of its lines. A release gives what came from
 * the lock's channel allocation back to it; a deduct ships that part first; a return goes to the shared pool. The quantity taken from each
 * reservation line is worked out first in a scratch array; nothing changes unless every part is valid.
 * Ledger thread only.
 */
final class Settlement
{
    private final StockCells cells;
    private final ReservationBook book;
    private final LedgerConfig config;
    private final Escrow escrow;
    private final KitTable kits;
    private long[] take = new long[8];

    Settlement(final StockCells cells, final ReservationBook book, final LedgerConfig config,
        final ChannelState channelState)
    {
        this.cells = cells;
        this.book = book;
        this.config = config;
        this.escrow = channelState.escrow;
        this.kits = channelState.kits;
    }

    void settle(final Command command, final long nowMillis)
    {
        final CommandResult result = command.result;
        // A stored order id was checked when its order was locked: only an id not found needs the check.
        final Reservation reservation = command.orderId == null ? null : book.find(command.orderId);
        if (!isValid(command, reservation != null, result))
        {
            return;
        }
        final CommandType type = command.type;
        if (reservation == null)
        {
            result.fail(ErrorCode.ORDER_NOT_FOUND, "no reservation with that orderId");
        }
        else if (type != CommandType.RETURN && reservation.expired)
        {
            result.fail(ErrorCode.RESERVATION_EXPIRED, "the reservation expired");
        }
        else if (!hasAnything(reservation, type))
        {
            result.fail(ErrorCode.INVALID_STATE, type == CommandType.RETURN
                ? "nothing deducted is left to return" : "nothing is left open");
        }
        else if (planTakes(command, reservation, result) && fitsOnHand(reservation, type, result))
        {
            apply(reservation, type, nowMillis);
        }
        if (reservation != null && result.isOk())
        {
            reservation.copyTo(result.reservation(), cells, kits);
        }
    }

    private boolean isValid(final Command command, final boolean knownOrder, final CommandResult result)
    {
        final OrderLines lines = command.lines;
        if (!knownOrder && !Validation.isOrderId(command.orderId))
        {
            result.fail(ErrorCode.INVALID_REQUEST, "orderId must be 1-64 printable ASCII characters");
            return false;
        }
        if (lines.count() > config.maxLinesPerOrder())
        {
            result.fail(ErrorCode.INVALID_REQUEST, "at most 100 lines");
            return false;
        }
        for (int i = 0; i < lines.count(); i++)
        {
            if (!Validation.isCode(lines.sku(i)) || !Validation.isCode(lines.warehouse(i)))
            {
                result.fail(ErrorCode.INVALID_REQUEST, "each line needs a valid sku and warehouse");
                return false;
            }
            if (!Validation.isRequestQuantity(lines.quantity(i)))
            {
                result.fail(ErrorCode.INVALID_QUANTITY, "quantity must be an integer 1..1000000000");
                return false;
            }
        }
        return true;
    }

    private static long pool(final Reservation reservation, final int line, final CommandType type)
    {
        return type == CommandType.RETURN ? reservation.returnable(line) : reservation.open(line);
    }

    private static boolean hasAnything(final Reservation reservation, final CommandType type)
    {
        for (int i = 0; i < reservation.lineCount; i++)
        {
            if (pool(reservation, i, type) > 0)
            {
                return true;
            }
        }
        return false;
    }

    /** Fills {@link #take} per reservation line; @return false with the error set when the body asks wrongly. */
    private boolean planTakes(final Command command, final Reservation reservation, final CommandResult result)
    {
        if (take.length < reservation.lineCount)
        {
            take = new long[reservation.lineCount * 2];
        }
        final CommandType type = command.type;
        final OrderLines lines = command.lines;
        for (int j = 0; j < reservation.lineCount; j++)
        {
            take[j] = lines.count() == 0 ? pool(reservation, j, type) : 0;
            if (take[j] > 0 && type == CommandType.DEDUCT && reservation.presale(j))
            {
                result.fail(ErrorCode.NOT_RECEIVED, "a presale line's stock has not been received");
                return false;
            }
        }
        for (int i = 0; i < lines.count(); i++)
        {
            final int cell = cells.find(lines.sku(i), lines.warehouse(i));
            final ErrorCode error = takeLine(reservation, type, cell, lines.quantity(i));
            if (error != ErrorCode.OK)
            {
                result.fail(error, error == ErrorCode.INVALID_REQUEST ? "the reservation has no such line"
                    : error == ErrorCode.NOT_RECEIVED ? "a presale line's stock has not been received"
                    : "a line asks for more than it has open (return: deducted and not returned)");
                return false;
            }
        }
        return true;
    }

    /** Spreads one body line over the reservation lines of its cell; deduct takes regular lines first. */
    private ErrorCode takeLine(final Reservation reservation, final CommandType type, final int cell, final long quantity)
    {
        long remaining = quantity;
        boolean matched = false;
        boolean needsPresale = false;
        for (int pass = 0; pass < 2 && remaining > 0; pass++)
        {
            final boolean presalePass = pass == 1;
            for (int j = 0; j < reservation.lineCount && remaining > 0; j++)
            {
                if (reservation.cell(j) != cell || (type == CommandType.DEDUCT && reservation.presale(j) != presalePass))
                {
                    continue;
                }
                matched = true;
                final long taken = Math.min(pool(reservation, j, type) - take[j], remaining);
                if (taken > 0)
                {
                    take[j] += taken;
                    remaining -= taken;
                    needsPresale |= type == CommandType.DEDUCT && presalePass;
                }
            }
            if (type != CommandType.DEDUCT)
            {
                break;
            }
        }
        if (!matched)
        {
            return ErrorCode.INVALID_REQUEST;
        }
        if (remaining > 0)
        {
            return ErrorCode.INVALID_QUANTITY;
        }
        return needsPresale ? ErrorCode.NOT_RECEIVED : ErrorCode.OK;
    }

    /** A deduct may not take a cell's on-hand below zero, nor a return push it above the level limit. */
    private boolean fitsOnHand(final Reservation reservation, final CommandType type, final CommandResult result)
    {
        if (type == CommandType.RELEASE)
        {
            return true;
        }
        for (int j = 0; j < reservation.lineCount; j++)
        {
            long cellTotal = 0;
            for (int k = 0; k < reservation.lineCount; k++)
            {
                cellTotal += reservation.cell(k) == reservation.cell(j) ? take[k] : 0;
            }
            final long onHand = cells.onHand(reservation.cell(j));
            final boolean fits = type == CommandType.DEDUCT ? cellTotal <= onHand : onHand + cellTotal <= Validation.MAX_LEVEL;
            if (!fits)
            {
                result.fail(ErrorCode.INVALID_QUANTITY, "on-hand stock would go out of range");
                return false;
            }
        }
        return true;
    }

    private void apply(final Reservation reservation, final CommandType type, final long nowMillis)
    {
        for (int j = 0; j < reservation.lineCount; j++)
        {
            final long quantity = take[j];
            if (quantity == 0)
            {
                continue;
            }
            final int cell = reservation.cell(j);
            if (type == CommandType.RELEASE)
            {
                reservation.addReleased(j, quantity);
                if (reservation.presale(j))
                {
                    cells.addPresaleReserved(cell, -quantity);
                }
                else
                {
                    escrow.release(reservation, j, quantity);
                }
            }
            else if (type == CommandType.DEDUCT)
            {
                reservation.addDeducted(j, quantity);
                Escrow.deduct(reservation, j, quantity);
                cells.addReserved(cell, -quantity);
                cells.addOnHand(cell, -quantity);
            }
            else
            {
                reservation.addReturned(j, quantity);
                cells.addOnHand(cell, quantity);
            }
        }
        if (!reservation.closed && reservation.totalOpen() == 0)
        {
            reservation.releasedByExpiry = false;
            book.close(reservation, nowMillis);
        }
    }
}
