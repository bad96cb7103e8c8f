package dev.stockhold.engine.command;

import java.util.Arrays;

/**
 * The lines of a lock, release, deduct or return request, held in reusable arrays inside a ring slot.
 * <p>
 * A line names a SKU (or, in a lock, a channel's listing), optionally a warehouse (null lets the engine
 * choose, for a lock) and a quantity. A kit's components travel as lines too: SKU and quantity.
 * Capacity grows on demand and is kept, so a slot stops allocating once it has seen its largest order.
 */
public final class OrderLines
{
    private String[] skus = new String[4];
    private String[] listings = new String[4];
    private String[] warehouses = new String[4];
    private long[] quantities = new long[4];
    private int count;

    /** Forgets all lines, keeping capacity. */
    public void clear()
    {
        Arrays.fill(skus, 0, count, null);
        Arrays.fill(listings, 0, count, null);
        Arrays.fill(warehouses, 0, count, null);
        count = 0;
    }

    /**
     * Appends a line.
     *
     * @param sku       the SKU code.
     * @param warehouse the warehouse code, or null for the engine to choose.
     * @param quantity  the quantity (validated by the engine).
     * @return this, for chaining.
     */
    public OrderLines add(final String sku, final String warehouse, final long quantity)
    {
        return add(sku, null, warehouse, quantity);
    }

    /**
     * Appends a lock line that names a channel's listing instead of a SKU.
     *
     * @return this, for chaining.
     */
    public OrderLines addListing(final String listing, final String warehouse, final long quantity)
    {
        return add(null, listing, warehouse, quantity);
    }

    /**
     * Appends a line as received: a lock line names exactly one of {@code sku} and {@code listing} (the
     * engine refuses both or neither); other lines name a SKU.
     *
     * @return this, for chaining.
     */
    public OrderLines add(final String sku, final String listing, final String warehouse, final long quantity)
    {
        if (count == skus.length)
        {
            final int capacity = count * 2;
            skus = Arrays.copyOf(skus, capacity);
            listings = Arrays.copyOf(listings, capacity);
            warehouses = Arrays.copyOf(warehouses, capacity);
            quantities = Arrays.copyOf(quantities, capacity);
        }
        skus[count] = sku;
        listings[count] = listing;
        warehouses[count] = warehouse;
        quantities[count] = quantity;
        count++;
        return this;
    }

    /** @return the number of lines. */
    public int count()
    {
        return count;
    }

    /** @return the listing id of line {@code i}, or null when it names a SKU. */
    public String listing(final int i)
    {
        return listings[i];
    }

    /** @return true when some line names a listing. */
    public boolean hasListings()
    {
        for (int i = 0; i < count; i++)
        {
            if (listings[i] != null)
            {
                return true;
            }
        }
        return false;
    }

    /** @return the SKU of line {@code i} (a kit's code for a kit line), or null when it names a listing. */
    public String sku(final int i)
    {
        return skus[i];
    }

    /** @return the warehouse of line {@code i}, or null when the engine is to choose. */
    public String warehouse(final int i)
    {
        return warehouses[i];
    }

    /** @return the quantity of line {@code i}. */
    public long quantity(final int i)
    {
        return quantities[i];
    }

    /** Replaces this list's lines with a copy of {@code other}'s. */
    public void copyFrom(final OrderLines other)
    {
        clear();
        for (int i = 0; i < other.count; i++)
        {
            add(other.skus[i], other.listings[i], other.warehouses[i], other.quantities[i]);
        }
    }
}
