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

    /** Visits every indexed reservation, in table order. */
    void forEach(final Consumer<Reservation> visitor)
    {
        slots.forEachValue(slot -> visitor.accept(slab[slot]));
    }
}
