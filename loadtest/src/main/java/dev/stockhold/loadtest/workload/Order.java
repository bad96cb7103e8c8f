package dev.stockhold.loadtest.workload;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;

import java.util.List;

/**
 * One generated order and how far its life cycle has gone. The harness sends its next step only after
 * the previous step's answer, so one order never has two requests in flight.
 */
public final class Order
{
    /**
     * One requested line, by SKU (or kit) code or by a listing of the order's channel (the other null);
     * {@code warehouse} null lets the engine choose.
     */
    public record Line(String sku, String listing, String warehouse, long quantity)
    {
        /** A line by SKU or kit code. */
        public Line(final String sku, final String warehouse, final long quantity)
        {
            this(sku, null, warehouse, quantity);
        }
    }

    private final String orderId;
    private final String channel;
    private final int ttlSeconds;
    private final List<Line> lines;
    private final Fate fate;
    private int step;

    public Order(final String orderId, final String channel, final int ttlSeconds, final List<Line> lines,
        final Fate fate)
    {
        this.orderId = orderId;
        this.channel = channel;
        this.ttlSeconds = ttlSeconds;
        this.lines = List.copyOf(lines);
        this.fate = fate;
    }

    public String orderId()
    {
        return orderId;
    }

    public int ttlSeconds()
    {
        return ttlSeconds;
    }

    public List<Line> lines()
    {
        return lines;
    }

    public Fate fate()
    {
        return fate;
    }

    /** @return the type of the next request: LOCK first, then the fate's follow-ups; null when done. */
    public CommandType nextType()
    {
        return step == 0 ? CommandType.LOCK : fate.followUp(step - 1);
    }

    /** Fills {@code into} with the next request. */
    public Command fill(final Command into)
    {
        final CommandType type = nextType();
        if (type == CommandType.LOCK)
        {
            into.lock(orderId, channel, ttlSeconds, false, false);
            for (final Line line : lines)
            {
                into.lines.add(line.sku(), line.listing(), line.warehouse(), line.quantity());
            }
            return into;
        }
        return into.settle(type, orderId);
    }

    /** Moves past the step just answered; a failed step ends the order. */
    public void advance(final boolean succeeded)
    {
        if (succeeded)
        {
            step++;
        }
        else
        {
            // A failed lock locked nothing; a failed follow-up leaves the order where it was: either way, stop.
            abandon();
        }
    }

    /** Ends the order here (its last answer was lost). */
    public void abandon()
    {
        step = Integer.MAX_VALUE / 2;
    }

    /** @return true when nothing more is to be sent. */
    public boolean isDone()
    {
        return step >= Integer.MAX_VALUE / 2 || nextType() == null;
    }
}
