package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ChannelViews;
import dev.stockhold.engine.command.CodeList;
import org.agrona.collections.LongHashSet;

import java.util.Arrays;

/**
 * Every configured channel and its rules, by a dense id assigned in creation order (channels are never
 * deleted). Which warehouses feed a channel is kept both as the codes its PUT listed (they need not exist
 * yet) and as a set of (channel, warehouse id) pairs, so {@link #includes} is one probe; a warehouse seen
 * for the first time joins the sets of the channels that listed it. Ledger thread only.
 */
final class ChannelTable
{
    static final int MISSING = CodeTable.MISSING;

    private final CodeTable codes = new CodeTable();
    private final LongHashSet members = new LongHashSet();
    private final StockCells cells;
    private String[][] warehouses = new String[16][];
    private long[] bufferUnits = new long[16];
    private long[] percent = new long[16];
    private long[] maxUnits = new long[16];
    private boolean[] allowPresale = new boolean[16];
    private long[] version = new long[16];
    /** Channel ids sorted by code, for listing them. */
    private int[] byCode = new int[16];

    ChannelTable(final StockCells cells)
    {
        this.cells = cells;
    }

    /** @return the channel's id, or {@link #MISSING} when it is not configured. */
    int find(final String channel)
    {
        return channel == null ? MISSING : codes.find(channel);
    }

    int count()
    {
        return codes.size();
    }

    String code(final int channel)
    {
        return codes.code(channel);
    }

    /** @return the id of the {@code rank}-th channel in code order. */
    int inCodeOrder(final int rank)
    {
        return byCode[rank];
    }

    /**
     * Creates or replaces a channel's rules; the caller has validated them.
     *
     * @param listed   the warehouses, or an absent list for every warehouse.
     * @param maxUnits the cap, or {@link ChannelViews#NO_CAP}.
     * @return the channel's id.
     */
    int put(final String channel, final CodeList listed, final long buffer, final long share, final long cap,
        final boolean presale)
    {
        int id = codes.find(channel);
        if (id == MISSING)
        {
            id = codes.intern(channel);
            grow(id + 1);
            int at = id;
            while (at > 0 && code(byCode[at - 1]).compareTo(channel) > 0)
            {
                byCode[at] = byCode[at - 1];
                at--;
            }
            byCode[at] = id;
        }
        final String[] newWarehouses = listed.isPresent() ? toArray(listed) : null;
        if (version[id] > 0 && Arrays.equals(newWarehouses, warehouses[id]) && bufferUnits[id] == buffer
            && percent[id] == share && maxUnits[id] == cap && allowPresale[id] == presale)
        {
            return id;
        }
        if (warehouses[id] != null)
        {
            for (final String warehouse : warehouses[id])
            {
                members.remove(pair(id, cells.findWarehouse(warehouse)));
            }
        }
        warehouses[id] = newWarehouses;
        bufferUnits[id] = buffer;
        percent[id] = share;
        maxUnits[id] = cap;
        allowPresale[id] = presale;
        version[id]++;
        if (newWarehouses != null)
        {
            for (final String warehouse : newWarehouses)
            {
                final int warehouseId = cells.findWarehouse(warehouse);
                if (warehouseId != StockCells.MISSING)
                {
                    members.add(pair(id, warehouseId));
                }
            }
        }
        return id;
    }

    /** A warehouse got its first cell: it now feeds the channels that listed it. */
    void newWarehouse(final String code, final int warehouseId)
    {
        for (int id = 0; id < codes.size(); id++)
        {
            if (warehouses[id] != null && Arrays.asList(warehouses[id]).contains(code))
            {
                members.add(pair(id, warehouseId));
            }
        }
    }

    /** @return true when warehouse {@code warehouseId} feeds channel {@code channel}. */
    boolean includes(final int channel, final int warehouseId)
    {
        return warehouses[channel] == null || members.contains(pair(channel, warehouseId));
    }

    long bufferUnits(final int channel)
    {
        return bufferUnits[channel];
    }

    long percent(final int channel)
    {
        return percent[channel];
    }

    /** @return the cap, or {@link ChannelViews#NO_CAP}. */
    long maxUnits(final int channel)
    {
        return maxUnits[channel];
    }

    boolean allowPresale(final int channel)
    {
        return allowPresale[channel];
    }

    long version(final int channel)
    {
        return version[channel];
    }

    /** The channel's definition changed beyond its rules (its push): one more version. */
    void bumpVersion(final int channel)
    {
        version[channel]++;
    }

    /** @return the warehouses the channel's PUT listed, or null for every warehouse; never modify it. */
    String[] warehouses(final int channel)
    {
        return warehouses[channel];
    }

    /** Appends the channel's rules to an answer. */
    void copyTo(final int channel, final ChannelViews views)
    {
        views.add(code(channel), warehouses[channel] == null, bufferUnits[channel], percent[channel],
            maxUnits[channel], allowPresale[channel], version[channel]);
        if (warehouses[channel] != null)
        {
            for (final String warehouse : warehouses[channel])
            {
                views.addWarehouse(warehouse);
            }
        }
    }

    /** Restores a channel from a snapshot exactly, version included. */
    void restore(final String channel, final CodeList listed, final long buffer, final long share, final long cap,
        final boolean presale, final long restoredVersion)
    {
        final int id = put(channel, listed, buffer, share, cap, presale);
        version[id] = restoredVersion;
    }

    /** @return a hash of every channel's rules, in id order. */
    long digest()
    {
        long hash = Hashing.mix(Hashing.SEED, codes.size());
        for (int id = 0; id < codes.size(); id++)
        {
            hash = Hashing.mix(hash, code(id));
            hash = Hashing.mix(hash, warehouses[id] == null ? -1 : warehouses[id].length);
            if (warehouses[id] != null)
            {
                for (final String warehouse : warehouses[id])
                {
                    hash = Hashing.mix(hash, warehouse);
                }
            }
            hash = Hashing.mix(hash, bufferUnits[id]);
            hash = Hashing.mix(hash, percent[id]);
            hash = Hashing.mix(hash, maxUnits[id]);
            hash = Hashing.mix(hash, allowPresale[id] ? 1 : 0);
            hash = Hashing.mix(hash, version[id]);
        }
        return hash;
    }

    private static String[] toArray(final CodeList list)
    {
        final String[] array = new String[list.count()];
        for (int i = 0; i < array.length; i++)
        {
            array[i] = list.get(i);
        }
        return array;
    }

    private static long pair(final int channel, final int warehouseId)
    {
        return ((long)channel << 32) | (warehouseId & 0xFFFF_FFFFL);
    }

    private void grow(final int required)
    {
        if (required <= version.length)
        {
            return;
        }
        final int capacity = Math.max(required, version.length * 2);
        warehouses = Arrays.copyOf(warehouses, capacity);
        bufferUnits = Arrays.copyOf(bufferUnits, capacity);
        percent = Arrays.copyOf(percent, capacity);
        maxUnits = Arrays.copyOf(maxUnits, capacity);
        allowPresale = Arrays.copyOf(allowPresale, capacity);
        version = Arrays.copyOf(version, capacity);
        byCode = Arrays.copyOf(byCode, capacity);
    }
}
