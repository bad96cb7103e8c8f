package dev.stockhold.engine.command;

import java.util.Arrays;

/**
 * A copy of a reservation as the ledger answered it: what the API returns for every reservation
 * endpoint. {@link #NO_EXPIRY} marks a reservation without a TTL.
 */
public final class ReservationView
{
    /** The {@link #expiresAtMillis()} of a reservation that never expires. */
    public static final long NO_EXPIRY = Long.MIN_VALUE;

    private String orderId;
    private String channel;
    private ReservationState state;
    private long createdAtMillis;
    private long expiresAtMillis;
    private String[] skus = EmptyArrays.STRINGS;
    private String[] warehouses = EmptyArrays.STRINGS;
    private long[] values = EmptyArrays.LONGS;
    private boolean[] presale = EmptyArrays.BOOLEANS;
    private String[] kits = EmptyArrays.STRINGS;
    private String[] listings = EmptyArrays.STRINGS;
    private int lineCount;

    private static final int FIELDS = 4;

    /** Forgets the reservation, keeping capacity. */
    public void clear()
    {
        orderId = null;
        channel = null;
        state = null;
        lineCount = 0;
    }

    /** Sets the header fields. */
    public void set(
        final String orderId,
        final String channel,
        final ReservationState state,
        final long createdAtMillis,
        final long expiresAtMillis)
    {
        this.orderId = orderId;
        this.channel = channel;
        this.state = state;
        this.createdAtMillis = createdAtMillis;
        this.expiresAtMillis = expiresAtMillis;
        this.lineCount = 0;
    }

    /** Appends a reservation line of a plain SKU, locked by SKU. */
    public void addLine(
        final String sku,
        final String warehouse,
        final long quantity,
        final boolean isPresale,
        final long deducted,
        final long released,
        final long returned)
    {
        addLine(sku, warehouse, quantity, isPresale, deducted, released, returned, null, null);
    }

    /**
     * Appends a reservation line.
     *
     * @param kit     the kit this line is a component of, or null.
     * @param listing the channel listing the lock line named, or null.
     */
    public void addLine(
        final String sku,
        final String warehouse,
        final long quantity,
        final boolean isPresale,
        final long deducted,
        final long released,
        final long returned,
        final String kit,
        final String listing)
    {
        if (lineCount == skus.length)
        {
            final int capacity = Math.max(1, lineCount * 2);
            skus = Arrays.copyOf(skus, capacity);
            warehouses = Arrays.copyOf(warehouses, capacity);
            values = Arrays.copyOf(values, capacity * FIELDS);
            presale = Arrays.copyOf(presale, capacity);
            kits = Arrays.copyOf(kits, capacity);
            listings = Arrays.copyOf(listings, capacity);
        }
        kits[lineCount] = kit;
        listings[lineCount] = listing;
        skus[lineCount] = sku;
        warehouses[lineCount] = warehouse;
        presale[lineCount] = isPresale;
        final int base = lineCount * FIELDS;
        values[base] = quantity;
        values[base + 1] = deducted;
        values[base + 2] = released;
        values[base + 3] = returned;
        lineCount++;
    }

    /** @return true when a reservation was copied in. */
    public boolean isPresent()
    {
        return orderId != null;
    }

    public String orderId()
    {
        return orderId;
    }

    /** @return the channel, or null when the lock named none. */
    public String channel()
    {
        return channel;
    }

    public ReservationState state()
    {
        return state;
    }

    public long createdAtMillis()
    {
        return createdAtMillis;
    }

    /** @return when the reservation expires, or {@link #NO_EXPIRY}. */
    public long expiresAtMillis()
    {
        return expiresAtMillis;
    }

    public int lineCount()
    {
        return lineCount;
    }

    public String sku(final int line)
    {
        return skus[line];
    }

    public String warehouse(final int line)
    {
        return warehouses[line];
    }

    public long quantity(final int line)
    {
        return values[line * FIELDS];
    }

    public boolean presale(final int line)
    {
        return presale[line];
    }

    /** @return the kit code of a component line, or null. */
    public String kit(final int line)
    {
        return kits[line];
    }

    /** @return the listing id the lock line named, or null. */
    public String listing(final int line)
    {
        return listings[line];
    }

    public long deducted(final int line)
    {
        return values[line * FIELDS + 1];
    }

    public long released(final int line)
    {
        return values[line * FIELDS + 2];
    }

    public long returned(final int line)
    {
        return values[line * FIELDS + 3];
    }

    /** Replaces this view with a copy of {@code other}. */
    public void copyFrom(final ReservationView other)
    {
        clear();
        if (!other.isPresent())
        {
            return;
        }
        set(other.orderId, other.channel, other.state, other.createdAtMillis, other.expiresAtMillis);
        for (int i = 0; i < other.lineCount; i++)
        {
            addLine(other.skus[i], other.warehouses[i], other.quantity(i), other.presale[i], other.deducted(i),
                other.released(i), other.returned(i), other.kits[i], other.listings[i]);
        }
    }
}
