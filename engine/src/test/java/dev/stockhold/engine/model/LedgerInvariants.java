package dev.stockhold.engine.model;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the invariants of docs/design.md on the real ledger's answers alone, independently of the model:
 * versions step by one, a lock never takes more than is available, only a count (set/adjust) can create a
 * shortage, and on-hand stock moves only by the amounts the command implies (conservation).
 */
public final class LedgerInvariants
{
    /** The last levels the ledger reported per cell. */
    private final Map<String, ModelLevel> known = new HashMap<>();
    /** Deducted and returned totals per order, as last reported. */
    private final Map<String, long[]> settled = new HashMap<>();

    private static String key(final ModelLevel level)
    {
        return level.sku() + "/" + level.warehouse();
    }

    private static void check(final boolean condition, final String message, final Object... details)
    {
        if (!condition)
        {
            throw new AssertionError("invariant broken: " + message + " " + List.of(details));
        }
    }

    /** Checks one answer of the real ledger to {@code command}, then remembers what it reported. */
    public void onResult(final Command command, final ModelResult result)
    {
        if (result.replayed())
        {
            // A replay answers an earlier state: nothing to check, nothing current to learn.
            return;
        }
        if (result.code() == ErrorCode.OK)
        {
            checkChanges(command, result);
            checkSettlement(command, result);
        }
        for (final ModelLevel level : result.changes())
        {
            known.put(key(level), level);
        }
        for (final ModelLevel level : result.levels())
        {
            known.put(key(level), level);
        }
        if (result.reservation() != null)
        {
            settled.put(result.reservation().orderId(), totals(result.reservation()));
        }
    }

    private static long[] totals(final ModelView view)
    {
        long deducted = 0;
        long returned = 0;
        for (final ModelView.Line line : view.lines())
        {
            deducted += line.deducted();
            returned += line.returned();
        }
        return new long[] {deducted, returned};
    }

    private void checkChanges(final Command command, final ModelResult result)
    {
        final CommandType type = command.type;
        final boolean count = type == CommandType.SET_STOCK || type == CommandType.ADJUST;
        for (final ModelLevel after : result.changes())
        {
            final ModelLevel before = known.get(key(after));
            check(before != null || type == CommandType.SET_STOCK, "a cell appeared without a set", after);
            check(after.version() == (before == null ? 1 : before.version() + 1), "version steps by one", before,
                after);
            if (before == null)
            {
                continue;
            }
            check(count || after.shortage() <= before.shortage(), "only a count creates a shortage", before, after);
            check(count || type == CommandType.RECEIVE || after.inTransit() == before.inTransit(),
                "only counts and receives move in-transit stock", before, after);
            check(count || after.safetyStock() == before.safetyStock(), "only counts move safety stock", before,
                after);
            switch (type)
            {
                case LOCK ->
                {
                    check(after.onHand() == before.onHand(), "a lock leaves on-hand", before, after);
                    // A channel's lock may use its allocation where safety stock has since grown over the pool.
                    final long unheld = after.onHand() - after.reserved() - after.allocated();
                    check(after.reserved() <= before.reserved() || (unheld >= 0
                        && (after.allocated() < before.allocated() || unheld - after.safetyStock() >= 0)),
                        "a lock never oversells", before, after);
                    check(after.presaleReserved() <= before.presaleReserved()
                        || after.presaleReserved() <= after.inTransit(), "presale never oversells", before, after);
                }
                case RELEASE, TICK ->
                {
                    check(after.onHand() == before.onHand(), "a release leaves on-hand", before, after);
                    check(after.reserved() <= before.reserved() && after.presaleReserved() <= before.presaleReserved(),
                        "a release only gives back", before, after);
                }
                case DEDUCT -> check(before.onHand() - after.onHand() == before.reserved() - after.reserved()
                    && after.onHand() <= before.onHand(), "a deduct ships reserved stock", before, after);
                case RETURN -> check(after.reserved() == before.reserved() && after.onHand() >= before.onHand(),
                    "a return puts stock back", before, after);
                case RECEIVE -> check(after.onHand() - before.onHand() == command.quantity
                    && before.inTransit() - after.inTransit() == command.quantity
                    && after.reserved() + after.presaleReserved() == before.reserved() + before.presaleReserved(),
                    "a receive moves in-transit to on-hand", before, after);
                case ADJUST -> check(after.onHand() == before.onHand() + command.onHandDelta
                    && after.inTransit() == before.inTransit() + command.inTransitDelta
                    && after.safetyStock() == before.safetyStock() + command.safetyStockDelta,
                    "an adjust adds its deltas", before, after);
                default ->
                {
                }
            }
        }
    }

    private void checkSettlement(final Command command, final ModelResult result)
    {
        if (command.type != CommandType.DEDUCT && command.type != CommandType.RETURN)
        {
            return;
        }
        final long[] before = settled.getOrDefault(command.orderId, new long[2]);
        final long[] after = totals(result.reservation());
        long onHandMoved = 0;
        for (final ModelLevel level : result.changes())
        {
            onHandMoved += level.onHand() - known.get(key(level)).onHand();
        }
        if (command.type == CommandType.DEDUCT)
        {
            check(-onHandMoved == after[0] - before[0], "on-hand falls by what was deducted", command.orderId,
                onHandMoved, after[0] - before[0]);
        }
        else
        {
            check(onHandMoved == after[1] - before[1], "on-hand rises by what was returned", command.orderId,
                onHandMoved, after[1] - before[1]);
        }
    }

    /** Checks that reserved stock equals what the open reservations hold, over the whole ledger. */
    public static void checkConservation(final List<ModelLevel> cells, final List<ModelView> reservations)
    {
        final Map<String, long[]> held = new HashMap<>();
        for (final ModelView view : reservations)
        {
            for (final ModelView.Line line : view.lines())
            {
                final long open = line.quantity() - line.deducted() - line.released();
                final long[] sums = held.computeIfAbsent(line.sku() + "/" + line.warehouse(), k -> new long[2]);
                sums[line.presale() ? 1 : 0] += open;
            }
        }
        for (final ModelLevel cell : cells)
        {
            final long[] sums = held.getOrDefault(key(cell), new long[2]);
            check(cell.reserved() == sums[0] && cell.presaleReserved() == sums[1],
                "reserved equals what open reservations hold", cell, sums[0], sums[1]);
        }
    }
}
