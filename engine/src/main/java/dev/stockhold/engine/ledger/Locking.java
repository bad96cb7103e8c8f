package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.OrderLines;
import dev.stockhold.engine.command.ReservationView;
import dev.stockhold.engine.command.Validation;

/**
 * The lock command: all lines or none. Each line is resolved (a SKU, a kit, or a channel's listing of
 * either), then planned by the {@link LockPlanner} against what the earlier lines of the same order
 * already took; only when every line fits is anything changed, so a failed lock needs no rollback. A
 * configured channel's lock takes from the channel's allocations first. Ledger thread only.
 */
final class Locking
{
    private final StockCells cells;
    private final ReservationBook book;
    private final ExpiryQueue expiry;
    private final PresaleQueues presale;
    private final LedgerConfig config;
    private final ChannelTable channels;
    private final ListingTable listings;
    private final KitTable kits;
    private final Escrow escrow;
    private final LockPlanner planner;

    /** Per request line: its named cell, or its SKU id (engine-chosen warehouse), or its kit id and warehouse. */
    private int[] lineCell = new int[8];
    private int[] lineSku = new int[8];
    private int[] lineKit = new int[8];
    private int[] lineWarehouse = new int[8];
    /**
     * Per request line by SKU: the code it names, for short lines; null for a line by listing, whose short
     * line the planner names from the ids (reading a code no lock that fits needs).
     */
    private String[] lineCode = new String[8];

    Locking(final StockCells cells, final ReservationBook book, final ExpiryQueue expiry,
        final PresaleQueues presale, final LedgerConfig config, final ChannelState channelState)
    {
        this.cells = cells;
        this.book = book;
        this.expiry = expiry;
        this.presale = presale;
        this.config = config;
        this.channels = channelState.channels;
        this.listings = channelState.listings;
        this.kits = channelState.kits;
        this.escrow = channelState.escrow;
        this.planner = new LockPlanner(cells, channels, kits, channelState.allocations);
    }

    void lock(final Command command, final long nowMillis, final long lockSequence)
    {
        final CommandResult result = command.result;
        if (!isValidOrder(command, result))
        {
            return;
        }
        final int channel = channels.find(command.channel);
        // Every interned code was checked when it was created, so when all lines resolve only the
        // quantities need checking; otherwise the full check, line by line, picks the error as it always has.
        final ErrorCode resolved = resolve(command.lines, channel);
        final boolean ok = resolved == ErrorCode.OK;
        if (!(ok ? hasValidQuantities(command.lines, result) : hasValidLines(command.lines, result)))
        {
            return;
        }
        final Reservation existing = book.find(command.orderId);
        if (existing != null)
        {
            // A line naming an unknown code cannot be one of the existing order's lines.
            if (ok && existing.linesFingerprint == linesFingerprint(command.lines))
            {
                result.replayed(true);
                existing.copyTo(result.reservation(), cells, kits);
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
        if (!ok)
        {
            result.fail(resolved, resolved == ErrorCode.CHANNEL_NOT_FOUND ? "a listing line needs a configured channel"
                : resolved == ErrorCode.LISTING_NOT_FOUND ? "a line's listing is not bound"
                : "no stock cell for a line's sku and warehouse");
            return;
        }
        if (plan(command, channel, result))
        {
            apply(command, channel, nowMillis, lockSequence, linesFingerprint(command.lines))
                .copyTo(result.reservation(), cells, kits);
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
            final boolean bySku = lines.sku(i) != null;
            final boolean byListing = lines.listing(i) != null;
            if (bySku == byListing || (bySku && !Validation.isCode(lines.sku(i)))
                || (byListing && !Validation.isListingId(lines.listing(i)))
                || (lines.warehouse(i) != null && !Validation.isCode(lines.warehouse(i))))
            {
                result.fail(ErrorCode.INVALID_REQUEST,
                    "a line names one valid sku or listing, and a valid warehouse or none");
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

    /** Resolves every line; @return OK, or the not-found error of the first line that does not resolve. */
    private ErrorCode resolve(final OrderLines lines, final int channel)
    {
        if (lineCell.length < lines.count())
        {
            final int capacity = lines.count() * 2;
            lineCell = new int[capacity];
            lineSku = new int[capacity];
            lineKit = new int[capacity];
            lineWarehouse = new int[capacity];
            lineCode = new String[capacity];
        }
        for (int i = 0; i < lines.count(); i++)
        {
            final ErrorCode error = resolveLine(lines, i, channel);
            if (error != ErrorCode.OK)
            {
                return error;
            }
        }
        return ErrorCode.OK;
    }

    private ErrorCode resolveLine(final OrderLines lines, final int i, final int channel)
    {
        String code = lines.sku(i);
        if ((code == null) == (lines.listing(i) == null))
        {
            return ErrorCode.INVALID_REQUEST;
        }
        lineCell[i] = StockCells.MISSING;
        lineSku[i] = StockCells.MISSING;
        lineKit[i] = KitTable.MISSING;
        lineWarehouse[i] = StockCells.MISSING;
        int knownSku = StockCells.MISSING;
        int knownKit = KitTable.MISSING;
        if (code == null)
        {
            final int slot = channel < 0 ? ListingTable.NONE : listings.find(channel, lines.listing(i));
            if (slot == ListingTable.NONE)
            {
                return channel < 0 ? ErrorCode.CHANNEL_NOT_FOUND : ErrorCode.LISTING_NOT_FOUND;
            }
            knownSku = listings.sku(slot);
            knownKit = listings.kit(slot);
        }
        lineCode[i] = code;
        final String warehouse = lines.warehouse(i);
        // A named warehouse needs only the cell; the SKU's id matters when the engine chooses. A kit has no
        // cells. A listing gives its SKU's or kit's id, so nothing is looked up by code (a SKU with cells is
        // never a kit), and a kit's components' cells are found by their ids.
        if (warehouse != null)
        {
            if (knownKit == KitTable.MISSING)
            {
                lineCell[i] = knownSku >= 0 ? cells.find(knownSku, warehouse) : cells.find(code, warehouse);
                if (lineCell[i] != StockCells.MISSING)
                {
                    return ErrorCode.OK;
                }
            }
            lineKit[i] = code == null ? knownKit : kits.find(code);
            lineWarehouse[i] = cells.findWarehouse(warehouse);
            return lineKit[i] != KitTable.MISSING && lineWarehouse[i] != StockCells.MISSING
                && hasKitCells(lineKit[i], lineWarehouse[i]) ? ErrorCode.OK : ErrorCode.SKU_NOT_FOUND;
        }
        if (knownKit != KitTable.MISSING)
        {
            lineKit[i] = knownKit;
            return ErrorCode.OK;
        }
        lineSku[i] = code == null ? knownSku : cells.findSku(code);
        if (lineSku[i] == StockCells.MISSING)
        {
            lineKit[i] = kits.find(code);
        }
        return lineSku[i] != StockCells.MISSING || lineKit[i] != KitTable.MISSING ? ErrorCode.OK
            : ErrorCode.SKU_NOT_FOUND;
    }

    /** @return true when every component of the kit has a cell in the warehouse. */
    private boolean hasKitCells(final int kit, final int warehouseId)
    {
        for (int c = 0; c < kits.componentCount(kit); c++)
        {
            if (!cells.hasCell(kits.componentSku(kit, c), warehouseId))
            {
                return false;
            }
        }
        return true;
    }

    /** Plans every line; @return true when all fit, else the short lines are filled in. */
    private boolean plan(final Command command, final int channel, final CommandResult result)
    {
        planner.begin(channel);
        final OrderLines lines = command.lines;
        for (int i = 0; i < lines.count(); i++)
        {
            final long quantity = lines.quantity(i);
            if (lineKit[i] != KitTable.MISSING)
            {
                planner.kit(lineKit[i], lineWarehouse[i], quantity, lines.listing(i), result.shortLines());
            }
            else if (lineCell[i] != StockCells.MISSING)
            {
                planner.named(lineCell[i], quantity, command.allowPresale, lineCode[i], lines.listing(i),
                    result.shortLines());
            }
            else
            {
                planner.chosen(lineSku[i], quantity, command.allowSplit, command.allowPresale, lineCode[i],
                    lines.listing(i), result.shortLines());
            }
        }
        return result.shortLines().count() == 0;
    }

    /** @return the new reservation, now open and registered. */
    private Reservation apply(final Command command, final int channel, final long nowMillis, final long lockSequence,
        final long fingerprint)
    {
        final Reservation reservation = book.newReservation();
        final long expiresAt = command.ttlSeconds > 0 ? nowMillis + command.ttlSeconds * 1000L : ReservationView.NO_EXPIRY;
        reservation.reset(command.orderId, command.channel, nowMillis, expiresAt, lockSequence, fingerprint);
        reservation.channelId = channel;
        final LockPlanner plan = planner;
        for (int p = 0; p < plan.planCount; p++)
        {
            final int cell = plan.planCell[p];
            final long quantity = plan.planQuantity[p];
            final int line = reservation.addLine(cell, quantity, plan.planPresale[p], plan.planKit[p],
                plan.planListing[p]);
            if (plan.planPresale[p])
            {
                cells.addPresaleReserved(cell, quantity);
                presale.add(cell, reservation, line);
            }
            else
            {
                reservation.addFromAllocation(line, escrow.takeForLock(channel, cell, quantity));
                cells.addReserved(cell, quantity);
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
     * only a 64-bit hash collision could make other lines pass for a repeat; a named cell, an engine-chosen
     * SKU and a kit hash apart, and a line by listing hashes its listing id as well.
     */
    private long linesFingerprint(final OrderLines lines)
    {
        long sum = 0;
        for (int i = 0; i < lines.count(); i++)
        {
            long place = lineKit[i] != KitTable.MISSING ? Hashing.mix(Hashing.mix(-1L, lineKit[i]), lineWarehouse[i])
                : lineCell[i] != StockCells.MISSING ? lineCell[i] : -2L - lineSku[i];
            if (lines.listing(i) != null)
            {
                place = Hashing.mix(place, lines.listing(i));
            }
            sum += Hashing.mix(Hashing.mix(Hashing.SEED, place), lines.quantity(i));
        }
        return Hashing.mix(Hashing.mix(Hashing.SEED, lines.count()), sum);
    }
}
