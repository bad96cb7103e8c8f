package dev.stockhold.loadtest.run;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.loadtest.targets.Answer;
import dev.stockhold.loadtest.targets.Target;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The end-of-run audit: reads every cell back and checks it against the harness's {@link AckBook}.
 * <p>
 * For every cell: {@code reserved} equals the sum of what acknowledged answers left locked there,
 * {@code onHand} equals the seeded count minus acknowledged deductions plus acknowledged returns,
 * {@code reserved <= onHand} (no warehouse count changed any cell during a run), nothing is negative,
 * and the totals conserve stock: seeded = on hand + shipped and not returned. Orders the harness cannot
 * know the end of by itself are read back first: those with a TTL and something still open (expiry
 * releases them without answering anyone) and those with a lost answer.
 */
public final class Audit
{
    /** Order read-backs in flight at once. */
    private static final int READ_WINDOW = 1_024;
    private static final int OVERLOADED_RETRIES = 100;
    private static final long OVERLOADED_PAUSE_MILLIS = 20;
    private static final long TIMEOUT_SECONDS = 60;

    private Audit()
    {
    }

    /** What the audit found. */
    public record Result(int cellsChecked, int ordersReadBack, long seededUnits, long onHandUnits,
        long shippedUnits, long reservedUnits, List<String> mismatches, Map<String, Answer.Level> levels)
    {
        /** @return true when nothing was oversold and stock was conserved. */
        public boolean passed()
        {
            return mismatches.isEmpty();
        }

        /** @return a few lines for the summary. */
        public String describe()
        {
            final StringBuilder out = new StringBuilder();
            out.append(String.format("audit: %s  cells %d  orders read back %d  seeded %d = on hand %d + shipped %d"
                    + "  reserved %d%n", passed() ? "PASSED" : "FAILED", cellsChecked, ordersReadBack, seededUnits,
                onHandUnits, shippedUnits, reservedUnits));
            final int shown = Math.min(mismatches.size(), 20);
            for (int i = 0; i < shown; i++)
            {
                out.append("  MISMATCH ").append(mismatches.get(i)).append(System.lineSeparator());
            }
            if (mismatches.size() > shown)
            {
                out.append("  ... and ").append(mismatches.size() - shown).append(" more").append(System.lineSeparator());
            }
            return out.toString();
        }
    }

    /**
     * Runs the audit. The run's traffic must have finished (nothing in flight) and expiries must have fired.
     *
     * @throws Exception when the server cannot be read.
     */
    public static Result run(final Target target, final AckBook book) throws Exception
    {
        final int readBack = resolveOrders(target, book);
        final Map<String, long[]> expected = expectedByCell(book);
        final TreeSet<String> skus = new TreeSet<>();
        book.seeded().values().forEach(level -> skus.add(level.sku()));
        final Map<String, CompletableFuture<Answer>> reads = new HashMap<>();
        for (final String sku : skus)
        {
            reads.put(sku, target.send(new Command().getStock(sku, null)));
        }
        final List<String> mismatches = new ArrayList<>();
        final Map<String, Answer.Level> actual = new HashMap<>();
        for (final Map.Entry<String, CompletableFuture<Answer>> read : reads.entrySet())
        {
            final Answer answer = read.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!answer.isOk())
            {
                mismatches.add(read.getKey() + ": read back failed: " + answer.code() + " " + answer.detail());
                continue;
            }
            answer.levels().forEach(level -> actual.put(AckBook.cellKey(level.sku(), level.warehouse()), level));
        }
        long seededUnits = 0;
        long onHandUnits = 0;
        long shippedUnits = 0;
        long reservedUnits = 0;
        for (final Map.Entry<String, Answer.Level> cell : book.seeded().entrySet())
        {
            final Answer.Level seed = cell.getValue();
            final long[] sums = expected.getOrDefault(cell.getKey(), new long[3]);
            seededUnits += seed.onHand();
            shippedUnits += sums[1] - sums[2];
            final Answer.Level level = actual.get(cell.getKey());
            if (level == null)
            {
                mismatches.add(name(seed) + ": missing from the read-back");
                continue;
            }
            onHandUnits += level.onHand();
            reservedUnits += level.reserved();
            checkCell(seed, sums, level, mismatches);
        }
        if (seededUnits != onHandUnits + shippedUnits)
        {
            mismatches.add("stock not conserved: seeded " + seededUnits + " != on hand " + onHandUnits
                + " + shipped " + shippedUnits);
        }
        return new Result(book.seeded().size(), readBack, seededUnits, onHandUnits, shippedUnits, reservedUnits,
            mismatches, actual);
    }

    private static void checkCell(final Answer.Level seed, final long[] sums, final Answer.Level level,
        final List<String> mismatches)
    {
        final long expectedOnHand = seed.onHand() - sums[1] + sums[2];
        if (level.reserved() != sums[0])
        {
            mismatches.add(name(seed) + ": reserved " + level.reserved() + " != acknowledged locks still open "
                + sums[0]);
        }
        if (level.onHand() != expectedOnHand)
        {
            mismatches.add(name(seed) + ": onHand " + level.onHand() + " != seeded " + seed.onHand()
                + " - deducted " + sums[1] + " + returned " + sums[2] + " = " + expectedOnHand);
        }
        if (level.reserved() > level.onHand())
        {
            mismatches.add(name(seed) + ": OVERSOLD, reserved " + level.reserved() + " > onHand " + level.onHand());
        }
        if (level.onHand() < 0 || level.reserved() < 0 || level.inTransit() < 0 || level.presaleReserved() < 0)
        {
            mismatches.add(name(seed) + ": negative level " + level);
        }
        if (level.inTransit() != seed.inTransit() || level.safetyStock() != seed.safetyStock())
        {
            mismatches.add(name(seed) + ": inTransit/safetyStock changed without a count: " + level);
        }
    }

    /** @return per cell: {open locked, deducted, returned} by the acknowledged answers. */
    private static Map<String, long[]> expectedByCell(final AckBook book)
    {
        final Map<String, long[]> sums = new HashMap<>();
        for (final AckBook.OrderRecord order : book.orders())
        {
            for (final Answer.Line line : order.lines())
            {
                final long[] cell = sums.computeIfAbsent(AckBook.cellKey(line.sku(), line.warehouse()), k -> new long[3]);
                cell[0] += line.open();
                cell[1] += line.deducted();
                cell[2] += line.returned();
            }
        }
        return sums;
    }

    /**
     * Reads back the orders whose end the harness did not see, {@link #READ_WINDOW} at a time (a run may leave
     * hundreds of thousands, more than the server's ring holds at once); a read the server answers
     * ERR_OVERLOADED is sent again after a pause. @return how many.
     */
    private static int resolveOrders(final Target target, final AckBook book) throws Exception
    {
        final List<AckBook.OrderRecord> unresolved = new ArrayList<>();
        for (final AckBook.OrderRecord order : book.orders())
        {
            if (order.uncertain() || (order.mayExpire() && order.open() > 0))
            {
                unresolved.add(order);
            }
        }
        for (int from = 0; from < unresolved.size(); from += READ_WINDOW)
        {
            final List<AckBook.OrderRecord> window = unresolved.subList(from,
                Math.min(unresolved.size(), from + READ_WINDOW));
            final List<CompletableFuture<Answer>> reads = new ArrayList<>(window.size());
            for (final AckBook.OrderRecord order : window)
            {
                reads.add(target.send(new Command().getReservation(order.orderId())));
            }
            for (int i = 0; i < window.size(); i++)
            {
                resolve(target, book, window.get(i), reads.get(i).get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
        }
        return unresolved.size();
    }

    private static void resolve(final Target target, final AckBook book, final AckBook.OrderRecord order,
        final Answer first) throws Exception
    {
        Answer answer = first;
        for (int attempt = 1; answer.code() == ErrorCode.OVERLOADED && attempt <= OVERLOADED_RETRIES; attempt++)
        {
            Thread.sleep(OVERLOADED_PAUSE_MILLIS);
            answer = target.send(new Command().getReservation(order.orderId())).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        if (answer.isOk())
        {
            book.resolved(order, answer.lines());
        }
        else if (answer.code() == ErrorCode.ORDER_NOT_FOUND && order.uncertain())
        {
            book.resolved(order, List.of());
        }
        else
        {
            throw new IllegalStateException("cannot read back order " + order.orderId() + ": "
                + answer.code() + " " + answer.detail());
        }
    }

    private static String name(final Answer.Level level)
    {
        return level.sku() + "/" + level.warehouse();
    }
}
