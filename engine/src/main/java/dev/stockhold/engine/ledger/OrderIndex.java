package dev.stockhold.engine.ledger;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reservations by order id. Every reservation instance has a permanent slot in a slab, and the index maps
 * the order id's hash to that slot ({@link HashSlots}), so a probe reads no id string until a hash
 * matches, and forgetting an order (by hash and slot) touches neither its reservation nor its id.
 * Ledger thread only.
 */
final class OrderIndex
{
    private final HashSlots slots = new HashSlots(1024);
    private Reservation[] slab = new Reservation[1024];
    private int slabSize;
    /** Scratch for {@link #forEach}: one bit per slab slot that the index holds. */
    private long[] indexed = new long[16];

    /** @return the reservation of {@code orderId}, or null. */
    Reservation get(final String orderId)
    {
        final int hash = HashSlots.hash(orderId);
        for (int at = slots.find(hash, slots.home(hash)); at >= 0; at = slots.find(hash, at + 1))
        {
            final Reservation candidate = slab[slots.value(at)];
            if (orderId.equals(candidate.orderId))
            {
                return candidate;
            }
        }
        return null;
    }

    /** Adds a reservation whose order id is not in the index yet. */
    void add(final Reservation reservation)
    {
        slots.add(reservation.orderHash, reservation.slot);
    }

    /** Removes the reservation in {@code slot}, whose order id hashed to {@code hash}. */
    void remove(final int hash, final int slot)
    {
        slots.remove(hash, slot);
    }

    /** @return a new instance with its own slot, to be reused for ever after. */
    Reservation newInstance()
    {
        if (slabSize == slab.length)
        {
            slab = Arrays.copyOf(slab, slabSize * 2);
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
        return slots.size();
    }

    /**
     * Visits every indexed reservation in slot order. Slots were handed out in allocation order, so this
     * walks memory about sequentially; the table's hash order jumped to a random reservation each time and
     * a snapshot of 200,000 orders spent most of its pause on those cache misses.
     */
    void forEach(final Consumer<Reservation> visitor)
    {
        final int words = (slabSize + 63) >>> 6;
        if (indexed.length < words)
        {
            indexed = new long[words];
        }
        else
        {
            Arrays.fill(indexed, 0, words, 0L);
        }
        slots.forEachValue(this::markIndexed);
        for (int word = 0; word < words; word++)
        {
            for (long bits = indexed[word]; bits != 0; bits &= bits - 1)
            {
                visitor.accept(slab[(word << 6) + Long.numberOfTrailingZeros(bits)]);
            }
        }
    }

    private void markIndexed(final int slot)
    {
        indexed[slot >>> 6] |= 1L << slot;
    }
}
