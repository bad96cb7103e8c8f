package dev.stockhold.engine.command;

import java.util.Arrays;

/**
 * The cells of a set-stock command (one for a PUT, up to the batch limit for a batch), held in reusable
 * arrays inside a ring slot. A field left out of the request is {@link Command#ABSENT}.
 */
public final class StockItems
{
    private String[] skus = new String[1];
    private String[] warehouses = new String[1];
    private long[] onHand = new long[1];
    private long[] inTransit = new long[1];
    private long[] safetyStock = new long[1];
    private long[] expectedVersions = new long[1];
    private int count;

    /** Forgets all items, keeping capacity. */
    public void clear()
    {
        Arrays.fill(skus, 0, count, null);
        Arrays.fill(warehouses, 0, count, null);
        count = 0;
    }

    /**
     * Appends an item; pass {@link Command#ABSENT} for a field the request left out.
     *
     * @return this, for chaining.
     */
    public StockItems add(
        final String sku,
        final String warehouse,
        final long onHand,
        final long inTransit,
        final long safetyStock,
        final long expectedVersion)
    {
        if (count == skus.length)
        {
            final int capacity = Math.max(4, count * 2);
            skus = Arrays.copyOf(skus, capacity);
            warehouses = Arrays.copyOf(warehouses, capacity);
            this.onHand = Arrays.copyOf(this.onHand, capacity);
            this.inTransit = Arrays.copyOf(this.inTransit, capacity);
            this.safetyStock = Arrays.copyOf(this.safetyStock, capacity);
            expectedVersions = Arrays.copyOf(expectedVersions, capacity);
        }
        skus[count] = sku;
        warehouses[count] = warehouse;
        this.onHand[count] = onHand;
        this.inTransit[count] = inTransit;
        this.safetyStock[count] = safetyStock;
        expectedVersions[count] = expectedVersion;
        count++;
        return this;
    }

    /** @return the number of items. */
    public int count()
    {
        return count;
    }

    /** @return the SKU of item {@code i}. */
    public String sku(final int i)
    {
        return skus[i];
    }

    /** @return the warehouse of item {@code i}. */
    public String warehouse(final int i)
    {
        return warehouses[i];
    }

    /** @return the on-hand count of item {@code i}, or {@link Command#ABSENT}. */
    public long onHand(final int i)
    {
        return onHand[i];
    }

    /** @return the in-transit count of item {@code i}, or {@link Command#ABSENT}. */
    public long inTransit(final int i)
    {
        return inTransit[i];
    }

    /** @return the safety stock of item {@code i}, or {@link Command#ABSENT}. */
    public long safetyStock(final int i)
    {
        return safetyStock[i];
    }

    /** @return the expected version of item {@code i}, or {@link Command#ABSENT}. */
    public long expectedVersion(final int i)
    {
        return expectedVersions[i];
    }

    /** Replaces this list's items with a copy of {@code other}'s. */
    public void copyFrom(final StockItems other)
    {
        clear();
        for (int i = 0; i < other.count; i++)
        {
            add(other.skus[i], other.warehouses[i], other.onHand[i], other.inTransit[i], other.safetyStock[i],
                other.expectedVersions[i]);
        }
    }
}
