package dev.stockhold.engine.command;

import java.util.Arrays;

/**
 * Copies of stock levels taken by the ledger when it answered a command, so the responder can read
 * them after the ledger has moved on. The derived fields (available, presale available, shortage) are
 * computed here, once, by the formulas of docs/design.md
 * and docs/channels.md.
 */
public final class Levels
{
    private String[] skus = EmptyArrays.STRINGS;
    private String[] warehouses = EmptyArrays.STRINGS;
    private long[] values = EmptyArrays.LONGS;
    private int count;

    private static final int FIELDS = 7;
    private static final int ON_HAND = 0;
    private static final int RESERVED = 1;
    private static final int IN_TRANSIT = 2;
    private static final int PRESALE_RESERVED = 3;
    private static final int SAFETY_STOCK = 4;
    private static final int VERSION = 5;
    private static final int ALLOCATED = 6;

    /** Forgets all levels, keeping capacity. */
    public void clear()
    {
        count = 0;
    }

    /** Appends one cell's levels, with nothing allocated to channels. */
    public void add(
        final String sku,
        final String warehouse,
        final long onHand,
        final long reserved,
        final long inTransit,
        final long presaleReserved,
        final long safetyStock,
        final long version)
    {
        add(sku, warehouse, onHand, reserved, inTransit, presaleReserved, safetyStock, version, 0);
    }

    /** Appends one cell's levels; {@code allocated} is the sum of the channels' allocations of the cell. */
    public void add(
        final String sku,
        final String warehouse,
        final long onHand,
        final long reserved,
        final long inTransit,
        final long presaleReserved,
        final long safetyStock,
        final long version,
        final long allocated)
    {
        if (count == skus.length)
        {
            final int capacity = Math.max(1, count * 2);
            skus = Arrays.copyOf(skus, capacity);
            warehouses = Arrays.copyOf(warehouses, capacity);
            values = Arrays.copyOf(values, capacity * FIELDS);
        }
        skus[count] = sku;
        warehouses[count] = warehouse;
        final int base = count * FIELDS;
        values[base + ON_HAND] = onHand;
        values[base + RESERVED] = reserved;
        values[base + IN_TRANSIT] = inTransit;
        values[base + PRESALE_RESERVED] = presaleReserved;
        values[base + SAFETY_STOCK] = safetyStock;
        values[base + VERSION] = version;
        values[base + ALLOCATED] = allocated;
        count++;
    }

    /** @return the number of levels. */
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

    public long onHand(final int i)
    {
        return values[i * FIELDS + ON_HAND];
    }

    public long reserved(final int i)
    {
        return values[i * FIELDS + RESERVED];
    }

    public long inTransit(final int i)
    {
        return values[i * FIELDS + IN_TRANSIT];
    }

    public long presaleReserved(final int i)
    {
        return values[i * FIELDS + PRESALE_RESERVED];
    }

    public long safetyStock(final int i)
    {
        return values[i * FIELDS + SAFETY_STOCK];
    }

    public long version(final int i)
    {
        return values[i * FIELDS + VERSION];
    }

    /** @return the units the channels' allocations hold of the cell. */
    public long allocated(final int i)
    {
        return values[i * FIELDS + ALLOCATED];
    }

    /** @return {@code max(0, onHand - reserved - safetyStock - allocated)}: the shared pool channels may sell. */
    public long available(final int i)
    {
        return available(onHand(i), reserved(i), safetyStock(i), allocated(i));
    }

    /** @return {@code max(0, inTransit - presaleReserved)}. */
    public long presaleAvailable(final int i)
    {
        return Math.max(0, inTransit(i) - presaleReserved(i));
    }

    /** @return {@code max(0, reserved - onHand)}. */
    public long shortage(final int i)
    {
        return Math.max(0, reserved(i) - onHand(i));
    }

    /** Available stock of a cell with nothing allocated. */
    public static long available(final long onHand, final long reserved, final long safetyStock)
    {
        return available(onHand, reserved, safetyStock, 0);
    }

    /** The one definition of available stock: what is neither reserved, safety stock nor allocated. */
    public static long available(final long onHand, final long reserved, final long safetyStock,
        final long allocated)
    {
        return Math.max(0, onHand - reserved - safetyStock - allocated);
    }

    /** Replaces this list's levels with a copy of {@code other}'s. */
    public void copyFrom(final Levels other)
    {
        clear();
        for (int i = 0; i < other.count; i++)
        {
            add(other.skus[i], other.warehouses[i], other.onHand(i), other.reserved(i), other.inTransit(i),
                other.presaleReserved(i), other.safetyStock(i), other.version(i), other.allocated(i));
        }
    }
}
