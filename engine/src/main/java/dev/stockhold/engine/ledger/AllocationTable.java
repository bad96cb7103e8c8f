package dev.stockhold.engine.ledger;

import org.agrona.collections.IntArrayList;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Every allocation: the units of one cell that one channel holds for itself (escrow), in slots reused
 * after removal, found by (channel, cell) in one probe and listed per cell for the count's cut. Per slot:
 * channel, cell, units, version (moves only when a PUT changes the units) and the order of the PUT that
 * last set it, so a cut takes from the most recently set first. The cell's {@code allocated} level, the
 * sum of its allocations, is kept by the caller in {@link StockCells}. Ledger thread only.
 */
final class AllocationTable
{
    static final int NONE = -1;

    private final Long2LongHashMap index = new Long2LongHashMap(NONE);
    private final IntArrayList free = new IntArrayList();
    private int used;
    private int count;

    private int[] channel = new int[16];
    private int[] cell = new int[16];
    private long[] units = new long[16];
    private long[] version = new long[16];
    private long[] setOrder = new long[16];
    private int[] nextInCell = new int[16];
    private int[] cellHead = new int[0];

    /** @return the slot of channel {@code channelId}'s allocation of {@code cellId}, or {@link #NONE}. */
    int find(final int channelId, final int cellId)
    {
        return (int)index.get(key(channelId, cellId));
    }

    /** @return the units channel {@code channelId} holds of {@code cellId}; 0 when none. */
    long unitsOf(final int channelId, final int cellId)
    {
        if (channelId < 0)
        {
            return 0;
        }
        final int slot = find(channelId, cellId);
        return slot == NONE ? 0 : units[slot];
    }

    int count()
    {
        return count;
    }

    int slots()
    {
        return used;
    }

    boolean isUsed(final int slot)
    {
        return version[slot] > 0;
    }

    int channel(final int slot)
    {
        return channel[slot];
    }

    int cell(final int slot)
    {
        return cell[slot];
    }

    long units(final int slot)
    {
        return units[slot];
    }

    long version(final int slot)
    {
        return version[slot];
    }

    long setOrder(final int slot)
    {
        return setOrder[slot];
    }

    /** Changes the units of a slot without a PUT (a lock takes, a release gives back, a count cuts). */
    void addUnits(final int slot, final long delta)
    {
        units[slot] += delta;
    }

    /**
     * Sets an allocation by PUT: creates it, changes its units (its version moves on) or, at 0 units,
     * removes it.
     */
    void put(final int channelId, final int cellId, final long newUnits, final long order)
    {
        int slot = find(channelId, cellId);
        if (newUnits == 0)
        {
            if (slot != NONE)
            {
                remove(slot);
            }
            return;
        }
        if (slot == NONE)
        {
            slot = create(channelId, cellId);
        }
        units[slot] = newUnits;
        version[slot]++;
        setOrder[slot] = order;
    }

    /**
     * Cuts the cell's allocations, the most recently set first, by up to {@code excess} units in all.
     *
     * @return the units cut.
     */
    long cut(final int cellId, final long excess)
    {
        long left = excess;
        while (left > 0)
        {
            int latest = NONE;
            for (int slot = firstOfCell(cellId); slot != NONE; slot = nextInCell[slot])
            {
                if (units[slot] > 0 && (latest == NONE || setOrder[slot] > setOrder[latest]))
                {
                    latest = slot;
                }
            }
            if (latest == NONE)
            {
                break;
            }
            final long taken = Math.min(units[latest], left);
            units[latest] -= taken;
            left -= taken;
        }
        return excess - left;
    }

    /** @return the sum of the cell's allocations (what its {@code allocated} level must equal). */
    long sumOfCell(final int cellId)
    {
        long sum = 0;
        for (int slot = firstOfCell(cellId); slot != NONE; slot = nextInCell[slot])
        {
            sum += units[slot];
        }
        return sum;
    }

    /** Restores an allocation from a snapshot exactly. */
    void restore(final int channelId, final int cellId, final long restoredUnits, final long restoredVersion,
        final long order)
    {
        final int slot = create(channelId, cellId);
        units[slot] = restoredUnits;
        version[slot] = restoredVersion;
        setOrder[slot] = order;
    }

    /** @return an order-independent hash of every allocation, by channel code and cell id. */
    long digest(final ChannelTable channels)
    {
        long sum = 0;
        for (int slot = 0; slot < used; slot++)
        {
            if (isUsed(slot))
            {
                long term = Hashing.mix(Hashing.SEED, channels.code(channel[slot]));
                term = Hashing.mix(term, cell[slot]);
                term = Hashing.mix(term, units[slot]);
                term = Hashing.mix(term, version[slot]);
                sum += Hashing.stafford(Hashing.mix(term, setOrder[slot]));
            }
        }
        return Hashing.mix(Hashing.mix(Hashing.SEED, count), sum);
    }

    private int firstOfCell(final int cellId)
    {
        return cellId < cellHead.length ? cellHead[cellId] : NONE;
    }

    private int create(final int channelId, final int cellId)
    {
        final int slot = free.isEmpty() ? used++ : free.popInt();
        ensureSlots(used);
        if (cellId >= cellHead.length)
        {
            final int old = cellHead.length;
            cellHead = Arrays.copyOf(cellHead, Math.max(cellId + 1, old * 2));
            Arrays.fill(cellHead, old, cellHead.length, NONE);
        }
        channel[slot] = channelId;
        cell[slot] = cellId;
        units[slot] = 0;
        version[slot] = 0;
        nextInCell[slot] = cellHead[cellId];
        cellHead[cellId] = slot;
        index.put(key(channelId, cellId), slot);
        count++;
        return slot;
    }

    private void remove(final int slot)
    {
        index.remove(key(channel[slot], cell[slot]));
        final int cellId = cell[slot];
        if (cellHead[cellId] == slot)
        {
            cellHead[cellId] = nextInCell[slot];
        }
        else
        {
            int before = cellHead[cellId];
            while (nextInCell[before] != slot)
            {
                before = nextInCell[before];
            }
            nextInCell[before] = nextInCell[slot];
        }
        units[slot] = 0;
        version[slot] = 0;
        count--;
        free.pushInt(slot);
    }

    private static long key(final int channelId, final int cellId)
    {
        return ((long)channelId << 32) | (cellId & 0xFFFF_FFFFL);
    }

    private void ensureSlots(final int required)
    {
        if (required <= channel.length)
        {
            return;
        }
        final int capacity = Math.max(required, channel.length * 2);
        channel = Arrays.copyOf(channel, capacity);
        cell = Arrays.copyOf(cell, capacity);
        units = Arrays.copyOf(units, capacity);
        version = Arrays.copyOf(version, capacity);
        setOrder = Arrays.copyOf(setOrder, capacity);
        nextInCell = Arrays.copyOf(nextInCell, capacity);
    }
}
