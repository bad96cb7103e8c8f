package dev.stockhold.engine.command;

import java.util.Arrays;

/**
 * A copy of one kit as the ledger answered it: its components, and how many whole kits each warehouse
 * could ship from its shared pool ({@code min_i ⌊available(s_i, w) / q_i⌋}), in warehouse priority order,
 * for every warehouse where each component has a cell; {@link #available()} is their sum.
 */
public final class KitView
{
    private String sku;
    private long version;
    private String[] componentSkus = EmptyArrays.STRINGS;
    private long[] componentQuantities = EmptyArrays.LONGS;
    private int componentCount;
    private String[] warehouses = EmptyArrays.STRINGS;
    private long[] warehouseAvailable = EmptyArrays.LONGS;
    private int warehouseCount;

    /** Forgets the kit, keeping capacity. */
    public void clear()
    {
        sku = null;
        version = 0;
        componentCount = 0;
        warehouseCount = 0;
    }

    /** Sets the header; then add the components and warehouses. */
    public void set(final String sku, final long version)
    {
        this.sku = sku;
        this.version = version;
        componentCount = 0;
        warehouseCount = 0;
    }

    public void addComponent(final String componentSku, final long quantity)
    {
        if (componentCount == componentSkus.length)
        {
            final int capacity = Math.max(4, componentCount * 2);
            componentSkus = Arrays.copyOf(componentSkus, capacity);
            componentQuantities = Arrays.copyOf(componentQuantities, capacity);
        }
        componentSkus[componentCount] = componentSku;
        componentQuantities[componentCount++] = quantity;
    }

    public void addWarehouse(final String warehouse, final long available)
    {
        if (warehouseCount == warehouses.length)
        {
            final int capacity = Math.max(4, warehouseCount * 2);
            warehouses = Arrays.copyOf(warehouses, capacity);
            warehouseAvailable = Arrays.copyOf(warehouseAvailable, capacity);
        }
        warehouses[warehouseCount] = warehouse;
        warehouseAvailable[warehouseCount++] = available;
    }

    /** @return true when a kit was copied in. */
    public boolean isPresent()
    {
        return sku != null;
    }

    public String sku()
    {
        return sku;
    }

    public long version()
    {
        return version;
    }

    public int componentCount()
    {
        return componentCount;
    }

    public String componentSku(final int i)
    {
        return componentSkus[i];
    }

    public long componentQuantity(final int i)
    {
        return componentQuantities[i];
    }

    public int warehouseCount()
    {
        return warehouseCount;
    }

    public String warehouse(final int i)
    {
        return warehouses[i];
    }

    public long warehouseAvailable(final int i)
    {
        return warehouseAvailable[i];
    }

    /** @return the whole kits all warehouses could ship: the sum of {@link #warehouseAvailable}. */
    public long available()
    {
        long total = 0;
        for (int i = 0; i < warehouseCount; i++)
        {
            total += warehouseAvailable[i];
        }
        return total;
    }

    /** Replaces this view with a copy of {@code other}. */
    public void copyFrom(final KitView other)
    {
        clear();
        if (!other.isPresent())
        {
            return;
        }
        set(other.sku, other.version);
        for (int i = 0; i < other.componentCount; i++)
        {
            addComponent(other.componentSkus[i], other.componentQuantities[i]);
        }
        for (int i = 0; i < other.warehouseCount; i++)
        {
            addWarehouse(other.warehouses[i], other.warehouseAvailable[i]);
        }
    }
}
