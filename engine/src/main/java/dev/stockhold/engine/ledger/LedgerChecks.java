package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.Levels;
import dev.stockhold.engine.command.PublishedChanges;
import dev.stockhold.engine.command.Validation;

import java.util.Arrays;

/**
 * The ledger's invariants, stated in code and checked after every command that changed a cell. A broken one
 * throws {@link LedgerInvariantException}: the pipeline then stops the engine (fail-stop) rather than answer
 * from a state that can no longer be trusted, and recovery refuses to replay past it.
 * <p>
 * Always on, and allocation-free: every changed level stays within 0..{@link Validation#MAX_LEVEL}, a
 * lock leaves each cell it touched either within its on-hand stock or its presale within in-transit stock,
 * and no published quantity is negative.
 * <p>
 * With {@code -Dstockhold.checks=true} (the model-based and crash tests run with it) also, against a
 * shadow copy of every cell's previous levels: versions step by exactly one; only a count (set, adjust)
 * creates a shortage; each command type moves only the levels it may, by the amounts it implies (a lock
 * leaves on-hand stock, a deduct ships exactly what it unreserves, a receive moves in-transit to on-hand);
 * every {@value #CONSERVATION_EVERY} commands, conservation (each cell's reserved and presale-reserved
 * levels equal the open quantities of the reservations holding it) and allocations (each cell's allocated
 * level equals the sum of its allocations); and every listing's published quantity equals its formula
 * recomputed from scratch, after every command while there are at most {@value #FEW_LISTINGS} listings,
 * else every {@value #CONSERVATION_EVERY} commands.
 * <p>
 * Thread: the ledger's.
 */
final class LedgerChecks
{
    /** Whether the full checks run; read once. */
    static final boolean FULL = Boolean.getBoolean("stockhold.checks");
    static final int CONSERVATION_EVERY = 1024;

    private static final int ON_HAND = 0;
    private static final int RESERVED = 1;
    private static final int IN_TRANSIT = 2;
    private static final int PRESALE = 3;
    private static final int SAFETY = 4;
    private static final int VERSION = 5;
    private static final int FIELDS = 6;

    /** Up to this many listings, the full checks recompute every published quantity after every command. */
    static final int FEW_LISTINGS = 256;

    private final StockCells cells;
    private final ReservationBook book;
    private final ChannelState channels;
    private long[] previous = new long[0];
    private long commands;

    LedgerChecks(final StockCells cells, final ReservationBook book, final ChannelState channels)
    {
        this.cells = cells;
        this.book = book;
        this.channels = channels;
    }

    /** Takes the current levels as the starting point (after a snapshot was loaded). */
    void restarted()
    {
        if (FULL)
        {
            for (int cell = 0; cell < cells.count(); cell++)
            {
                remember(cell);
            }
        }
    }

    /** Checks the cells {@code command} changed (its result's changes); call after it was applied. */
    void afterCommand(final Command command)
    {
        final Levels changed = command.result.changes();
        final boolean locked = command.type == CommandType.LOCK && command.result.isOk()
            && !command.result.isReplayed();
        for (int i = 0; i < changed.count(); i++)
        {
            checkBounds(command, changed, i);
            // A lock may use its channel's allocation even where safety stock has since grown over the pool,
            // so the bound is on-hand stock against reservations plus allocations.
            if (locked && changed.reserved(i) + changed.allocated(i) > changed.onHand(i)
                && changed.presaleReserved(i) > changed.inTransit(i))
            {
                throw broken(command, changed, i, "a lock oversold the cell");
            }
            if (FULL)
            {
                final int cell = cells.find(changed.sku(i), changed.warehouse(i));
                require(cell >= 0, command, changed, i, "a changed cell exists");
                checkAgainstPrevious(command, changed, i, cell);
                remember(cell);
            }
        }
        final PublishedChanges published = command.result.published();
        for (int i = 0; i < published.count(); i++)
        {
            if (published.published(i) < 0)
            {
                throw new LedgerInvariantException("published quantities are never negative: sequence "
                    + command.sequence + " listing " + published.channel(i) + "/" + published.listingId(i) + " "
                    + published.published(i));
            }
        }
        if (FULL && command.type.isMutating() && ++commands % CONSERVATION_EVERY == 0)
        {
            checkConservation(command);
            checkAllocations(command);
        }
        if (FULL && command.type.isMutating()
            && (channels.listings.count() <= FEW_LISTINGS || commands % CONSERVATION_EVERY == 0))
        {
            checkPublished(command);
        }
    }

    /** Each cell's allocated level is the sum of its allocations, and no allocation is negative. */
    private void checkAllocations(final Command command)
    {
        final AllocationTable allocations = channels.allocations;
        for (int slot = 0; slot < allocations.slots(); slot++)
        {
            if (allocations.isUsed(slot) && allocations.units(slot) < 0)
            {
                throw new LedgerInvariantException("allocations are never negative: sequence " + command.sequence);
            }
        }
        for (int cell = 0; cell < cells.count(); cell++)
        {
            if (cells.allocated(cell) != allocations.sumOfCell(cell))
            {
                throw new LedgerInvariantException("allocated equals the sum of the cell's allocations: sequence "
                    + command.sequence + " cell " + cells.skuCode(cell) + "/" + cells.warehouseCode(cell)
                    + " allocated " + cells.allocated(cell) + " sum " + allocations.sumOfCell(cell));
            }
        }
    }

    /** Every listing's published quantity equals the formula recomputed from scratch. */
    private void checkPublished(final Command command)
    {
        final ListingTable listings = channels.listings;
        for (int slot = 0; slot < listings.slots(); slot++)
        {
            if (listings.isBound(slot) && listings.published(slot) != channels.publisher.recompute(slot))
            {
                throw new LedgerInvariantException("a listing's published quantity follows its formula: sequence "
                    + command.sequence + " " + command.type + " listing " + listings.listingId(slot) + " published "
                    + listings.published(slot) + " formula " + channels.publisher.recompute(slot));
            }
        }
    }

    private static void checkBounds(final Command command, final Levels changed, final int i)
    {
        if (!Validation.isLevel(changed.onHand(i)) || !Validation.isLevel(changed.reserved(i))
            || !Validation.isLevel(changed.inTransit(i)) || !Validation.isLevel(changed.presaleReserved(i))
            || !Validation.isLevel(changed.safetyStock(i)) || changed.version(i) < 1)
        {
            throw broken(command, changed, i, "a level is out of 0.." + Validation.MAX_LEVEL);
        }
    }

    private void checkAgainstPrevious(final Command command, final Levels changed, final int i, final int cell)
    {
        final int base = cell * FIELDS;
        if (base >= previous.length || previous[base + VERSION] == 0)
        {
            // A cell this command created: versions start at one.
            require(changed.version(i) == 1, command, changed, i, "a new cell starts at version 1");
            return;
        }
        final long onHand = changed.onHand(i) - previous[base + ON_HAND];
        final long reserved = changed.reserved(i) - previous[base + RESERVED];
        final long inTransit = changed.inTransit(i) - previous[base + IN_TRANSIT];
        final long presale = changed.presaleReserved(i) - previous[base + PRESALE];
        final long safety = changed.safetyStock(i) - previous[base + SAFETY];
        require(changed.version(i) == previous[base + VERSION] + 1, command, changed, i, "versions step by one");
        final CommandType type = command.type;
        final boolean count = type == CommandType.SET_STOCK || type == CommandType.ADJUST;
        if (!count)
        {
            final long shortageBefore = Math.max(0, previous[base + RESERVED] - previous[base + ON_HAND]);
            require(changed.shortage(i) <= shortageBefore, command, changed, i, "only a count creates a shortage");
            require(safety == 0, command, changed, i, "only a count moves safety stock");
        }
        final boolean moved = switch (type)
        {
            case LOCK -> onHand == 0 && inTransit == 0 && reserved >= 0 && presale >= 0;
            case RELEASE, TICK -> onHand == 0 && inTransit == 0 && reserved <= 0 && presale <= 0;
            case DEDUCT -> onHand == reserved && onHand <= 0 && inTransit == 0 && presale == 0;
            case RETURN -> reserved == 0 && presale == 0 && inTransit == 0 && onHand >= 0;
            case RECEIVE -> onHand == -inTransit && onHand >= 0 && reserved + presale == 0;
            // Counts set what they like within the bounds checked above.
            default -> true;
        };
        require(moved, command, changed, i, type + " moved levels it may not, or by amounts it does not imply");
    }

    private void checkConservation(final Command command)
    {
        final long[] reserved = new long[cells.count()];
        final long[] presale = new long[cells.count()];
        book.forEach(reservation ->
        {
            if (reservation.closed)
            {
                return;
            }
            for (int line = 0; line < reservation.lineCount; line++)
            {
                final long[] into = reservation.presale(line) ? presale : reserved;
                into[reservation.cell(line)] += reservation.open(line);
            }
        });
        for (int cell = 0; cell < reserved.length; cell++)
        {
            if (cells.reserved(cell) != reserved[cell] || cells.presaleReserved(cell) != presale[cell])
            {
                throw new LedgerInvariantException("reserved levels equal the open lines holding them (conservation):"
                    + " sequence " + command.sequence + " cell " + cells.skuCode(cell) + "/" + cells.warehouseCode(cell)
                    + " reserved " + cells.reserved(cell) + " held " + reserved[cell] + " presaleReserved "
                    + cells.presaleReserved(cell) + " held " + presale[cell]);
            }
        }
    }

    private void remember(final int cell)
    {
        final int base = cell * FIELDS;
        if (base + FIELDS > previous.length)
        {
            previous = Arrays.copyOf(previous, Math.max(base + FIELDS, previous.length * 2));
        }
        previous[base + ON_HAND] = cells.onHand(cell);
        previous[base + RESERVED] = cells.reserved(cell);
        previous[base + IN_TRANSIT] = cells.inTransit(cell);
        previous[base + PRESALE] = cells.presaleReserved(cell);
        previous[base + SAFETY] = cells.safetyStock(cell);
        previous[base + VERSION] = cells.version(cell);
    }

    private static void require(final boolean condition, final Command command, final Levels changed, final int i,
        final String rule)
    {
        if (!condition)
        {
            throw broken(command, changed, i, rule);
        }
    }

    private static LedgerInvariantException broken(final Command command, final Levels changed, final int i,
        final String rule)
    {
        return new LedgerInvariantException(rule + ": sequence " + command.sequence + " " + command.type + " cell "
            + changed.sku(i) + "/" + changed.warehouse(i) + " onHand " + changed.onHand(i) + " reserved "
            + changed.reserved(i) + " inTransit " + changed.inTransit(i) + " presaleReserved "
            + changed.presaleReserved(i) + " safetyStock " + changed.safetyStock(i) + " version " + changed.version(i));
    }
}
