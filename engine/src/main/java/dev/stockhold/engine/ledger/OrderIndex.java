package dev.stockhold.engine.ledger;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reservations by order id. Every reservation instance has a permanent slot in a slab, and the index maps
 * the order id's hash to that slot ({@link HashSlots}), so a probe reads no id string until a hash
 * matches. Ledger thread only.
 * <p>
 * Forgetting an order touches no table memory: it only clears the slot's bit in {@link #live}. The
 * table keeps the stale entry, which a probe tells apart by the slot's bit and the hash it is indexed
 * under ({@link #slotHash}), both in small dense arrays. Stale entries are dropped when the table fills
 * up, by a migration the following adds carry out a few entries at a time ({@link HashSlots}). Removing each entry when its order was forgotten cost a cache miss on a table entry
 * last touched a retention period ago: one in seven of the ledger's samples in a lock+deduct run.
 */
final class OrderIndex
{
    private final HashSlots slots = new HashSlots(1024);
    private final HashSlots.EntryFilter keepLive = this::isLiveAndFirst;
    private Reservation[] slab = new Reservation[1024];
    private int slabSize;
    /** Per slot: the hash of the order id it is indexed under, meaningful while its {@link #live} bit is set. */
    private int[] slotHash = new int[1024];
    /** One bit per slot: set while the slot's order is in the index. */
    private long[] live = new long[16];
    private int liveCount;
    /** Scratch for {@link #dropStaleEntries}: slots already carried over, so a duplicate entry is not. */
    private long[] carried = new long[16];

    /** @return the reservation of {@code orderId}, or null. */
    Reservation get(final String orderId)
    {
        final int hash = HashSlots.hash(orderId);
        for (int at = slots.first(hash); at >= 0; at = slots.next(hash, at))
        {
            final int slot = slots.value(at);
            if (isLive(slot, hash))
            {
                final Reservation candidate = slab[slot];
                if (orderId.equals(candidate.orderId))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Adds a reservation whose order id is not in the index yet. */
    void add(final Reservation reservation)
    {
        if (slots.isFull())
        {
            dropStaleEntries();
        }
        final int slot = reservation.slot;
        if (slots.isMigrating())
        {
            // Its entry goes straight to the new table: a stale twin still in the old one is not carried.
            carried[slot >>> 6] |= 1L << slot;
        }
        slots.add(reservation.orderHash, slot);
        slotHash[slot] = reservation.orderHash;
        live[slot >>> 6] |= 1L << slot;
        liveCount++;
    }

    /** Forgets the order in {@code slot}; its table entry turns stale. */
    void remove(final int slot)
    {
        live[slot >>> 6] &= ~(1L << slot);
        liveCount--;
    }

    /** @return a new instance with its own slot, to be reused for ever after. */
    Reservation newInstance()
    {
        if (slabSize == slab.length)
        {
            slab = Arrays.copyOf(slab, slabSize * 2);
            slotHash = Arrays.copyOf(slotHash, slabSize * 2);
            live = Arrays.copyOf(live, slabSize * 2 >>> 6);
            carried = Arrays.copyOf(carried, live.length);
        }
        final Reservation reservation = new Reservation(slabSize);
        slab[slabSize++] = reservation;
        return reservation;
    }

    /** @return the instance in {@code slot}. */
    Reservation inSlot(final int slot)
    {
        return slab[slot];
    }

    int size()
    {
        return liveCount;
    }

    /**
     * Visits every indexed reservation in slot order. Slots were handed out in allocation order, so this
     * walks memory about sequentially; the table's hash order jumped to a random reservation each time and
     * a snapshot of 200,000 orders spent most of its pause on those cache misses.
     */
    void forEach(final Consumer<Reservation> visitor)
    {
        for (int word = 0; word < live.length; word++)
        {
            for (long bits = live[word]; bits != 0; bits &= bits - 1)
            {
                visitor.accept(slab[(word << 6) + Long.numberOfTrailingZeros(bits)]);
            }
        }
    }

    private boolean isLive(final int slot, final int hash)
    {
        return (live[slot >>> 6] & (1L << slot)) != 0 && slotHash[slot] == hash;
    }

    /**
     * Starts moving the live entries to a table of the same size, or of twice the size when they would fill
     * more than a quarter of it: at least a quarter of the table is added between two such moves, so each
     * add pays for a few entries moved.
     */
    private void dropStaleEntries()
    {
        final int capacity = liveCount + 1 > slots.capacity() / 4 ? slots.capacity() * 2 : slots.capacity();
        Arrays.fill(carried, 0L);
        slots.retain(keepLive, capacity);
    }

    /** A live slot's first entry: a slot reused under the same hash can have a stale twin. */
    private boolean isLiveAndFirst(final int hash, final int slot)
    {
        final long bit = 1L << slot;
        if (!isLive(slot, hash) || (carried[slot >>> 6] & bit) != 0)
        {
            return false;
        }
        carried[slot >>> 6] |= bit;
        return true;
    }
}
