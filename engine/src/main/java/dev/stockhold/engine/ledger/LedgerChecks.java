package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.Validation;

import java.util.Arrays;

/**
 * The ledger's invariants, stated in code and checked after every command that changed a cell. A broken one
 * throws {@link LedgerInvariantException}: the pipeline then stops the engine (fail-stop) rather than answer
 * from a state that can no longer be trusted, and recovery refuses to replay past it.
 * <p>
 * Always on, and allocation-free: every changed level stays within 0..{@link Validation#MAX_LEVEL}, and a
 * lock leaves each cell it touched either within its on-hand stock or its presale within in-transit stock.
 * <p>
 * With {@code -Dstockhold.checks=true} (the model-based and crash tests run with it) also, against a
 * shadow copy of every cell's previous levels: versions step by exactly one; only a count (set, adjust)
 * creates a shortage; each command type moves only the levels it may, by the amounts it implies (a lock
 * leaves on-hand stock, a deduct ships exactly what it unreserves, a receive moves in-transit to on-hand);
 * and every {@value #CONSERVATION_EVERY} commands, conservation: each cell's reserved and presale-reserved
 * levels equal the open quantities of the reservations holding it.
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

    private final StockCells cells;
    private final ReservationBook book;
    private long[] previous = new long[0];
    private long commands;

    LedgerChecks(final StockCells cells, final ReservationBook book)
    {
        this.cells = cells;
        this.book = book;
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

    /** Checks the cells {@code command} changed; call after it was applied, successful or not. */
    void afterCommand(final Command command)
    {
        final boolean locked = command.type == CommandType.LOCK && command.result.isOk()
            && !command.result.isReplayed();
        for (int i = 0; i < cells.touchedCount(); i++)
        {
            final int cell = cells.touchedCell(i);
            checkBounds(command, cell);
            if (locked && cells.reserved(cell) + cells.safetyStock(cell) > cells.onHand(cell)
                && cells.presaleReserved(cell) > cells.inTransit(cell))
            {
                throw broken(command, cell, "a lock oversold the cell");
            }
            if (FULL)
            {
                checkAgainstPrevious(command, cell);
                remember(cell);
            }
        }
        if (FULL && command.type.isMutating() && ++commands % CONSERVATION_EVERY == 0)
        {
            checkConservation(command);
        }
    }

    private void checkBounds(final Command command, final int cell)
    {
        if (!Validation.isLevel(cells.onHand(cell)) || !Validation.isLevel(cells.reserved(cell))
            || !Validation.isLevel(cells.inTransit(cell)) || !Validation.isLevel(cells.presaleReserved(cell))
            || !Validation.isLevel(cells.safetyStock(cell)) || cells.version(cell) < 1)
        {
            throw broken(command, cell, "a level is out of 0.." + Validation.MAX_LEVEL);
        }
    }

    private void checkAgainstPrevious(final Command command, final int cell)
    {
        final int base = cell * FIELDS;
        if (base >= previous.length || previous[base + VERSION] == 0)
        {
            // A cell this command created: versions start at one.
            require(cells.version(cell) == 1, command, cell, "a new cell starts at version 1");
            return;
        }
        final long onHand = cells.onHand(cell) - previous[base + ON_HAND];
        final long reserved = cells.reserved(cell) - previous[base + RESERVED];
        final long inTransit = cells.inTransit(cell) - previous[base + IN_TRANSIT];
        final long presale = cells.presaleReserved(cell) - previous[base + PRESALE];
        final long safety = cells.safetyStock(cell) - previous[base + SAFETY];
        require(cells.version(cell) == previous[base + VERSION] + 1, command, cell, "versions step by one");
        final CommandType type = command.type;
        final boolean count = type == CommandType.SET_STOCK || type == CommandType.ADJUST;
        if (!count)
        {
            final long shortageBefore = Math.max(0, previous[base + RESERVED] - previous[base + ON_HAND]);
            final long shortageAfter = Math.max(0, cells.reserved(cell) - cells.onHand(cell));
            require(shortageAfter <= shortageBefore, command, cell, "only a count creates a shortage");
            require(safety == 0, command, cell, "only a count moves safety stock");
        }
        switch (type)
        {
            case LOCK -> require(onHand == 0 && inTransit == 0 && reserved >= 0 && presale >= 0, command, cell,
                "a lock only reserves");
            case RELEASE, TICK -> require(onHand == 0 && inTransit == 0 && reserved <= 0 && presale <= 0, command,
                cell, "a release only gives back");
            case DEDUCT -> require(onHand == reserved && onHand <= 0 && inTransit == 0 && presale == 0, command, cell,
                "a deduct ships exactly what it unreserves");
            case RETURN -> require(reserved == 0 && presale == 0 && inTransit == 0 && onHand >= 0, command, cell,
                "a return only puts stock back");
            case RECEIVE -> require(onHand == -inTransit && onHand >= 0 && reserved + presale == 0, command, cell,
                "a receive moves in-transit stock to on-hand");
            default ->
            {
                // Counts set what they like within the bounds checked above.
            }
        }
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
            require(cells.reserved(cell) == reserved[cell] && cells.presaleReserved(cell) == presale[cell], command,
                cell, "reserved levels equal the open lines holding them (conservation)");
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

    private void require(final boolean condition, final Command command, final int cell, final String rule)
    {
        if (!condition)
        {
            throw broken(command, cell, rule);
        }
    }

    private LedgerInvariantException broken(final Command command, final int cell, final String rule)
    {
        return new LedgerInvariantException(rule + ": sequence " + command.sequence + " " + command.type + " cell "
            + cells.skuCode(cell) + "/" + cells.warehouseCode(cell) + " onHand " + cells.onHand(cell) + " reserved "
            + cells.reserved(cell) + " inTransit " + cells.inTransit(cell) + " presaleReserved "
            + cells.presaleReserved(cell) + " safetyStock " + cells.safetyStock(cell) + " version "
            + cells.version(cell));
    }
}
