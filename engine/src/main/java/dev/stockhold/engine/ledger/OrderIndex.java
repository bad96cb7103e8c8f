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
 * up, by a sweep (or, when growing, a migration) that the following adds carry out a few positions at
 * a time ({@link HashSlots}). Removing each entry when its order was forgotten cost a cache miss on a
 * table entry last touched a retention period ago: one in seven of the ledger's samples in a lock+deduct
 * run.
 */
final class OrderIndex
{
    /**
     * The slab comes in chunks: growing it adds a chunk instead of copying every slot, which held the ledger
     * several milliseconds at a million slots (most of it faulting in the fresh copy's pages).
     */
    private static final int CHUNK_BITS = 14;
    private static final int CHUNK_MASK = (1 << CHUNK_BITS) - 1;

    private final HashSlots slots = new HashSlots(1024);
    /** For sweeps, which may offer an entry twice: a twin of a live entry stays, harmless, until a migration. */
    private final HashSlots.EntryFilter keepLive = (hash, slot) -> isLive(slot, hash);
    /** For migrations, which offer each entry once. */
    private final HashSlots.EntryFilter keepLiveOnce = this::isLiveAndFirst;
    private Reservation[][] slab = new Reservation[16][];
    private int slabSize;
    /** Per slot: the hash of the order id it is indexed under, meaningful while its {@link #live} bit is set. */
    private int[][] slotHash = new int[16][];
    /** One bit per slot: set while the slot's order is in the index. */
    private long[] live = new long[16];
    private int liveCount;
    /** Scratch for a migration: slots already carried over, so a duplicate entry is not. */
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
                final Reservation candidate = inSlot(slot);
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
            // (Only in a migration: a sweep offers entries added meanwhile, which must stay.)
            carried[slot >>> 6] |= 1L << slot;
        }
        // Live before the add: a running sweep may offer the new entry during it.
        slotHash[slot >>> CHUNK_BITS][slot & CHUNK_MASK] = reservation.orderHash;
        live[slot >>> 6] |= 1L << slot;
        liveCount++;
        slots.add(reservation.orderHash, slot);
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
        if ((slabSize & CHUNK_MASK) == 0)
        {
            addChunk();
        }
        final Reservation reservation = new Reservation(slabSize);
        slab[slabSize >>> CHUNK_BITS][slabSize & CHUNK_MASK] = reservation;
        slabSize++;
        return reservation;
    }

    /** @return the instance in {@code slot}. */
    Reservation inSlot(final int slot)
    {
        return slab[slot >>> CHUNK_BITS][slot & CHUNK_MASK];
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
                visitor.accept(inSlot((word << 6) + Long.numberOfTrailingZeros(bits)));
            }
        }
    }

    private boolean isLive(final int slot, final int hash)
    {
        return (live[slot >>> 6] & (1L << slot)) != 0 && slotHash[slot >>> CHUNK_BITS][slot & CHUNK_MASK] == hash;
    }

    private void addChunk()
    {
        final int chunk = slabSize >>> CHUNK_BITS;
        if (chunk == slab.length)
        {
            slab = Arrays.copyOf(slab, chunk * 2);
            slotHash = Arrays.copyOf(slotHash, chunk * 2);
        }
        slab[chunk] = new Reservation[1 << CHUNK_BITS];
        slotHash[chunk] = new int[1 << CHUNK_BITS];
        final int words = (slabSize + (1 << CHUNK_BITS)) >>> 6;
        if (words > live.length)
        {
            live = Arrays.copyOf(live, Math.max(words, live.length * 2));
            carried = Arrays.copyOf(carried, live.length);
        }
    }

    /**
     * Starts dropping the stale entries: a sweep in place, or a migration to a table twice the size when
     * the live ones would fill more than a quarter of it. At least a quarter of the table is added between
     * two of them, so each add pays for a few positions.
     */
    private void dropStaleEntries()
    {
        if (liveCount + 1 > slots.capacity() / 4)
        {
            Arrays.fill(carried, 0L);
            slots.retain(keepLiveOnce, slots.capacity() * 2);
        }
        else
        {
            slots.retain(keepLive, slots.capacity());
        }
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
