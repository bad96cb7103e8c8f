package dev.stockhold.engine.command;

import java.util.Arrays;

/**
 * The lines of a lock that did not fit, for {@link ErrorCode#INSUFFICIENT_STOCK}: what was asked and
 * what was available to that line. A line the engine was to place has a null warehouse.
 */
public final class ShortLines
{
    private String[] skus = EmptyArrays.STRINGS;
    private String[] warehouses = EmptyArrays.STRINGS;
    private long[] requested = EmptyArrays.LONGS;
    private long[] available = EmptyArrays.LONGS;
    private int count;

    /** Forgets all lines, keeping capacity. */
    public void clear()
    {
        count = 0;
    }

    /** Appends a short line. */
    public void add(final String sku, final String warehouse, final long requested, final long available)
    {
        if (count == skus.length)
        {
            final int capacity = Math.max(1, count * 2);
            skus = Arrays.copyOf(skus, capacity);
            warehouses = Arrays.copyOf(warehouses, capacity);
            this.requested = Arrays.copyOf(this.requested, capacity);
            this.available = Arrays.copyOf(this.available, capacity);
        }
        skus[count] = sku;
        warehouses[count] = warehouse;
        this.requested[count] = requested;
        this.available[count] = available;
        count++;
    }

    public int count()
    {
        return count;
    }

    public String sku(final int i)
    {
        return skus[i];
    }

    public String warehouse(final int i)
    {
        return warehouses[i];
    }

    public long requested(final int i)
    {
        return requested[i];
    }

    public long available(final int i)
    {
        return available[i];
    }

    /** Replaces this list's lines with a copy of {@code other}'s. */
    public void copyFrom(final ShortLines other)
    {
        clear();
        for (int i = 0; i < other.count; i++)
        {
            add(other.skus[i], other.warehouses[i], other.requested[i], other.available[i]);
        }
    }
}
