package dev.stockhold.engine.command;

import java.util.Arrays;

/**
 * Copies of channels' rules as the ledger answered them: one for a channel's PUT or GET, every channel in
 * code order for {@link CommandType#LIST_CHANNELS}. A channel fed by every warehouse has
 * {@link #everyWarehouse} true and no warehouses; {@link #NO_CAP} marks a channel without {@code maxUnits}.
 */
public final class ChannelViews
{
    /** The {@link #maxUnits} of a channel without a cap. */
    public static final long NO_CAP = -1;

    private String[] channels = EmptyArrays.STRINGS;
    private long[] values = EmptyArrays.LONGS;
    private boolean[] flags = EmptyArrays.BOOLEANS;
    /** Warehouse codes of every channel, back to back; channel i's start at {@code firstWarehouse[i]}. */
    private int[] firstWarehouse = new int[1];
    private String[] warehouses = EmptyArrays.STRINGS;
    private int warehouseCount;
    private int count;
    /** Per channel: where its deliveries go (null: no push), then rate, burst and maxListings. */
    private String[] pushUrls = EmptyArrays.STRINGS;
    private long[] pushValues = EmptyArrays.LONGS;

    private static final int FIELDS = 4;
    private static final int BUFFER = 0;
    private static final int PERCENT = 1;
    private static final int MAX_UNITS = 2;
    private static final int VERSION = 3;

    /** Forgets every channel, keeping capacity. */
    public void clear()
    {
        count = 0;
        warehouseCount = 0;
    }

    /**
     * Appends a channel; then {@link #addWarehouse} its warehouses, unless {@code everyWarehouse}.
     *
     * @param maxUnits the cap, or {@link #NO_CAP}.
     */
    public void add(final String channel, final boolean everyWarehouse, final long bufferUnits, final long percent,
        final long maxUnits, final boolean allowPresale, final long version)
    {
        if (count == channels.length)
        {
            final int capacity = Math.max(1, count * 2);
            channels = Arrays.copyOf(channels, capacity);
            values = Arrays.copyOf(values, capacity * FIELDS);
            flags = Arrays.copyOf(flags, capacity * 2);
            firstWarehouse = Arrays.copyOf(firstWarehouse, capacity + 1);
            pushUrls = Arrays.copyOf(pushUrls, capacity);
            pushValues = Arrays.copyOf(pushValues, capacity * 3);
        }
        pushUrls[count] = null;
        channels[count] = channel;
        final int base = count * FIELDS;
        values[base + BUFFER] = bufferUnits;
        values[base + PERCENT] = percent;
        values[base + MAX_UNITS] = maxUnits;
        values[base + VERSION] = version;
        flags[count * 2] = everyWarehouse;
        flags[count * 2 + 1] = allowPresale;
        firstWarehouse[count] = warehouseCount;
        count++;
        firstWarehouse[count] = warehouseCount;
    }

    /** Gives the channel added last its push settings (the secret is never part of a view). */
    public void push(final String url, final long ratePerSecond, final long burst, final long maxListings)
    {
        final int i = count - 1;
        pushUrls[i] = url;
        pushValues[i * 3] = ratePerSecond;
        pushValues[i * 3 + 1] = burst;
        pushValues[i * 3 + 2] = maxListings;
    }

    /** @return where channel {@code i}'s deliveries go, or null when it has no push. */
    public String pushUrl(final int i)
    {
        return pushUrls[i];
    }

    public long pushRatePerSecond(final int i)
    {
        return pushValues[i * 3];
    }

    public long pushBurst(final int i)
    {
        return pushValues[i * 3 + 1];
    }

    public long pushMaxListings(final int i)
    {
        return pushValues[i * 3 + 2];
    }

    /** Appends a warehouse to the channel added last. */
    public void addWarehouse(final String warehouse)
    {
        if (warehouseCount == warehouses.length)
        {
            warehouses = Arrays.copyOf(warehouses, Math.max(4, warehouseCount * 2));
        }
        warehouses[warehouseCount++] = warehouse;
        firstWarehouse[count] = warehouseCount;
    }

    public int count()
    {
        return count;
    }

    public String channel(final int i)
    {
        return channels[i];
    }

    /** @return true when every warehouse feeds the channel ({@code "warehouses": null}). */
    public boolean everyWarehouse(final int i)
    {
        return flags[i * 2];
    }

    public int warehouseCount(final int i)
    {
        return firstWarehouse[i + 1] - firstWarehouse[i];
    }

    /** @return warehouse {@code w} of channel {@code i}, in the order the channel's PUT listed them. */
    public String warehouse(final int i, final int w)
    {
        return warehouses[firstWarehouse[i] + w];
    }

    public long bufferUnits(final int i)
    {
        return values[i * FIELDS + BUFFER];
    }

    public long percent(final int i)
    {
        return values[i * FIELDS + PERCENT];
    }

    /** @return the cap on any listing's published quantity, or {@link #NO_CAP}. */
    public long maxUnits(final int i)
    {
        return values[i * FIELDS + MAX_UNITS];
    }

    public boolean allowPresale(final int i)
    {
        return flags[i * 2 + 1];
    }

    public long version(final int i)
    {
        return values[i * FIELDS + VERSION];
    }

    /** Replaces these views with a copy of {@code other}'s. */
    public void copyFrom(final ChannelViews other)
    {
        clear();
        for (int i = 0; i < other.count; i++)
        {
            add(other.channel(i), other.everyWarehouse(i), other.bufferUnits(i), other.percent(i), other.maxUnits(i),
                other.allowPresale(i), other.version(i));
            if (other.pushUrl(i) != null)
            {
                push(other.pushUrl(i), other.pushRatePerSecond(i), other.pushBurst(i), other.pushMaxListings(i));
            }
            for (int w = 0; w < other.warehouseCount(i); w++)
            {
                addWarehouse(other.warehouse(i, w));
            }
        }
    }
}
