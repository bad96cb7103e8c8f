package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.Validation;

/**
 * Allocations (docs/channels.md, "Allocations"): the PUT and GET of a channel's allocation of a cell, and
 * how locks, releases, deducts and counts move allocated units. Every change of an allocation's units
 * moves the cell's {@code allocated} level by the same amount, so that level is always the sum of the
 * cell's allocations. Ledger thread only.
 */
final class Escrow
{
    private final StockCells cells;
    private final ChannelTable channels;
    private final AllocationTable allocations;

    Escrow(final StockCells cells, final ChannelTable channels, final AllocationTable allocations)
    {
        this.cells = cells;
        this.channels = channels;
        this.allocations = allocations;
    }

    /**
     * Sets the units channel c holds of a cell; a raise takes the difference from the cell's available stock.
     *
     * @param order a replay-stable number of this command: later PUTs are cut first.
     */
    void setAllocation(final Command command, final long order)
    {
        final CommandResult result = command.result;
        if (!Validation.isCode(command.channel) || !Validation.isCode(command.sku)
            || !Validation.isCode(command.warehouse))
        {
            result.fail(ErrorCode.INVALID_REQUEST, "channel, sku and warehouse must be 1-64 printable ASCII");
            return;
        }
        if (!Validation.isLevel(command.quantity))
        {
            result.fail(ErrorCode.INVALID_QUANTITY, "units must be an integer 0..1000000000000");
            return;
        }
        final int channel = findChannel(command, result);
        final int cell = channel == ChannelTable.MISSING ? StockCells.MISSING : findCell(command, result);
        if (cell == StockCells.MISSING)
        {
            return;
        }
        final int slot = allocations.find(channel, cell);
        final long current = slot == AllocationTable.NONE ? 0 : allocations.units(slot);
        final long units = command.quantity;
        final boolean unchanged = slot == AllocationTable.NONE ? units == 0 : units == current && units != 0;
        if (!unchanged)
        {
            final long raise = units - current;
            if (raise > cells.available(cell))
            {
                result.shortLines().add(command.sku, command.warehouse, raise, cells.available(cell));
                result.fail(ErrorCode.INSUFFICIENT_STOCK, "the raise does not fit in the cell's available stock");
                return;
            }
            allocations.put(channel, cell, units, order);
            if (raise != 0)
            {
                cells.addAllocated(cell, raise);
            }
        }
        copyAllocation(channel, cell, result);
    }

    void getAllocation(final Command command)
    {
        final CommandResult result = command.result;
        final int channel = findChannel(command, result);
        final int cell = channel == ChannelTable.MISSING ? StockCells.MISSING : findCell(command, result);
        if (cell != StockCells.MISSING)
        {
            copyAllocation(channel, cell, result);
        }
    }

    /**
     * A lock of channel {@code channel} puts {@code quantity} on a regular line of {@code cell}: it takes
     * from the channel's allocation first.
     *
     * @return the part taken from the allocation.
     */
    long takeForLock(final int channel, final int cell, final long quantity)
    {
        if (channel < 0 || cells.allocated(cell) == 0)
        {
            return 0;
        }
        final int slot = allocations.find(channel, cell);
        if (slot == AllocationTable.NONE)
        {
            return 0;
        }
        final long taken = Math.min(quantity, allocations.units(slot));
        if (taken > 0)
        {
            allocations.addUnits(slot, -taken);
            cells.addAllocated(cell, -taken);
        }
        return taken;
    }

    /**
     * Releases (or expires) {@code quantity} of a regular open line: the cell's reserved level drops, and
     * what of it came from the channel's allocation goes back to that allocation while it exists (a PUT of
     * 0 removed it: then to the shared pool), never beyond what the cell holds outside its reservations and
     * allocations (after a count's shortage the rest goes to the pool).
     */
    void release(final Reservation reservation, final int line, final long quantity)
    {
        final int cell = reservation.cell(line);
        final long fromAllocation = Math.min(quantity, reservation.fromAllocation(line));
        reservation.addFromAllocation(line, -fromAllocation);
        cells.addReserved(cell, -quantity);
        if (fromAllocation == 0 || reservation.channelId < 0)
        {
            return;
        }
        final int slot = allocations.find(reservation.channelId, cell);
        if (slot == AllocationTable.NONE)
        {
            return;
        }
        final long room = Math.max(0, cells.onHand(cell) - cells.reserved(cell) - cells.allocated(cell));
        final long back = Math.min(fromAllocation, room);
        if (back > 0)
        {
            allocations.addUnits(slot, back);
            cells.addAllocated(cell, back);
        }
    }

    /** A deduct ships {@code quantity} of a regular line: the part that came from an allocation goes first. */
    static void deduct(final Reservation reservation, final int line, final long quantity)
    {
        reservation.addFromAllocation(line, -Math.min(quantity, reservation.fromAllocation(line)));
    }

    /** After a count: while on-hand stock is below reserved plus allocated, cut the cell's allocations. */
    void afterCount(final int cell)
    {
        final long excess = cells.reserved(cell) + cells.allocated(cell) - cells.onHand(cell);
        if (excess > 0 && cells.allocated(cell) > 0)
        {
            cells.addAllocated(cell, -allocations.cut(cell, excess));
        }
    }

    private int findChannel(final Command command, final CommandResult result)
    {
        final int channel = Validation.isCode(command.channel) ? channels.find(command.channel) : ChannelTable.MISSING;
        if (channel == ChannelTable.MISSING)
        {
            result.fail(ErrorCode.CHANNEL_NOT_FOUND, "no such configured channel");
        }
        return channel;
    }

    private int findCell(final Command command, final CommandResult result)
    {
        final int cell = Validation.isCode(command.sku) && Validation.isCode(command.warehouse)
            ? cells.find(command.sku, command.warehouse) : StockCells.MISSING;
        if (cell == StockCells.MISSING)
        {
            result.fail(ErrorCode.SKU_NOT_FOUND, "no stock cell for that sku and warehouse");
        }
        return cell;
    }

    private void copyAllocation(final int channel, final int cell, final CommandResult result)
    {
        final int slot = allocations.find(channel, cell);
        result.allocation().set(channels.code(channel), cells.skuCode(cell), cells.warehouseCode(cell),
            slot == AllocationTable.NONE ? 0 : allocations.units(slot),
            slot == AllocationTable.NONE ? 0 : allocations.version(slot));
    }
}
