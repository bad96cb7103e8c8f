package dev.stockhold.loadtest.run;

import dev.stockhold.loadtest.targets.Answer;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The harness's own record of what the server acknowledged: the seeded count of every cell and, per order,
 * the reservation as its last acknowledged answer described it. The audit checks the server's final state
 * against this record, so it must only hold what the server actually answered. Thread-safe.
 */
public final class AckBook
{
    /** What the harness knows of one order. */
    public static final class OrderRecord
    {
        private final String orderId;
        private final boolean mayExpire;
        private volatile List<Answer.Line> lines = List.of();
        private volatile boolean uncertain;

        OrderRecord(final String orderId, final boolean mayExpire)
        {
            this.orderId = orderId;
            this.mayExpire = mayExpire;
        }

        public String orderId()
        {
            return orderId;
        }

        /** @return the lines of the last acknowledged answer. */
        public List<Answer.Line> lines()
        {
            return lines;
        }

        /** @return true when the order had a TTL, so expiry may have released it without an answer to anyone. */
        public boolean mayExpire()
        {
            return mayExpire;
        }

        /** @return true when an answer was lost: the server may have applied a request the harness cannot see. */
        public boolean uncertain()
        {
            return uncertain;
        }

        /** @return the quantity still locked by the last acknowledged answer. */
        public long open()
        {
            long open = 0;
            for (final Answer.Line line : lines)
            {
                open += line.open();
            }
            return open;
        }

        void lines(final List<Answer.Line> lines)
        {
            this.lines = List.copyOf(lines);
        }
    }

    private final Map<String, Answer.Level> seeded = new ConcurrentHashMap<>();
    private final Map<String, OrderRecord> orders = new ConcurrentHashMap<>();

    /** Records a seeding answer: the levels each cell had right after it was set. */
    public void seeded(final List<Answer.Level> levels)
    {
        for (final Answer.Level level : levels)
        {
            seeded.put(cellKey(level.sku(), level.warehouse()), level);
        }
    }

    /**
     * Records the answer to a request of {@code orderId}.
     *
     * @param ttlSeconds the order's TTL (0: none).
     */
    public void answered(final String orderId, final int ttlSeconds, final Answer answer)
    {
        if (answer.isLost())
        {
            orders.computeIfAbsent(orderId, id -> new OrderRecord(id, ttlSeconds > 0)).uncertain = true;
            return;
        }
        if (answer.isOk() && answer.state() != null)
        {
            orders.computeIfAbsent(orderId, id -> new OrderRecord(id, ttlSeconds > 0)).lines(answer.lines());
        }
    }

    /** Replaces what the harness believes of an order with what a read-back showed (expiry, lost answers). */
    public void resolved(final OrderRecord order, final List<Answer.Line> lines)
    {
        order.lines(lines);
        order.uncertain = false;
    }

    /** @return the levels each cell had when seeded, by {@link #cellKey}. */
    public Map<String, Answer.Level> seeded()
    {
        return seeded;
    }

    /** @return every order that has a record. */
    public Collection<OrderRecord> orders()
    {
        return orders.values();
    }

    /** @return the record of {@code orderId}, or null. */
    public OrderRecord order(final String orderId)
    {
        return orders.get(orderId);
    }

    /**
     * Falsifies the record of one order, as if the server had acknowledged {@code extraDeducted} more units
     * of its first line: for the audit's negative test only.
     */
    public void falsify(final String orderId, final long extraDeducted)
    {
        final OrderRecord order = orders.get(orderId);
        final Answer.Line first = order.lines.get(0);
        final Answer.Line forged = new Answer.Line(first.sku(), first.warehouse(), first.quantity(), first.presale(),
            first.deducted() + extraDeducted, first.released(), first.returned());
        final java.util.ArrayList<Answer.Line> lines = new java.util.ArrayList<>(order.lines);
        lines.set(0, forged);
        order.lines(lines);
    }

    /** @return the key of a cell in {@link #seeded()}. */
    public static String cellKey(final String sku, final String warehouse)
    {
        return sku + '\u0000' + warehouse;
    }
}
