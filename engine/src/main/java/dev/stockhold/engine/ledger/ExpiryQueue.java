package dev.stockhold.engine.ledger;

import java.util.Arrays;

/**
 * Reservations with a TTL, ordered by expiry time and then by lock sequence, so expiry happens in the
 * same order on every replay. A min-heap in parallel arrays: no allocation once grown. Entries of
 * reservations that closed or were reused are skipped lazily when they reach the top. Ledger thread only.
 */
final class ExpiryQueue
{
    private long[] expiresAt = new long[256];
    private long[] lockSequence = new long[256];
    private int[] generation = new int[256];
    private Reservation[] reservations = new Reservation[256];
    private int size;

    void add(final Reservation reservation)
    {
        if (size == expiresAt.length)
        {
            final int capacity = size * 2;
            expiresAt = Arrays.copyOf(expiresAt, capacity);
            lockSequence = Arrays.copyOf(lockSequence, capacity);
            generation = Arrays.copyOf(generation, capacity);
            reservations = Arrays.copyOf(reservations, capacity);
        }
        int at = size++;
        while (at > 0)
        {
            final int parent = (at - 1) >>> 1;
            if (!before(reservation.expiresAtMillis, reservation.lockSequence, parent))
            {
                break;
            }
            move(parent, at);
            at = parent;
        }
        set(at, reservation.expiresAtMillis, reservation.lockSequence, reservation.generation, reservation);
    }

    /**
     * @return the earliest reservation due at or before {@code nowMillis} that is still the same
     * instance as when it was added, removing it; null when none is due.
     */
    Reservation pollDue(final long nowMillis)
    {
        while (size > 0 && expiresAt[0] <= nowMillis)
        {
            final Reservation top = reservations[0];
            final boolean current = top.generation == generation[0];
            removeTop();
            if (current)
            {
                return top;
            }
        }
        return null;
    }

    private void removeTop()
    {
        final int last = --size;
        final long lastExpiry = expiresAt[last];
        final long lastSequence = lockSequence[last];
        final int lastGeneration = generation[last];
        final Reservation lastReservation = reservations[last];
        reservations[last] = null;
        if (last == 0)
        {
            return;
        }
        int at = 0;
        while (true)
        {
            final int left = 2 * at + 1;
            if (left >= last)
            {
                break;
            }
            final int right = left + 1;
            final int child = right < last && before(expiresAt[right], lockSequence[right], left) ? right : left;
            if (!before(expiresAt[child], lockSequence[child], lastExpiry, lastSequence))
            {
                break;
            }
            move(child, at);
            at = child;
        }
        set(at, lastExpiry, lastSequence, lastGeneration, lastReservation);
    }

    private boolean before(final long expiry, final long sequence, final int index)
    {
        return before(expiry, sequence, expiresAt[index], lockSequence[index]);
    }

    private static boolean before(final long expiryA, final long sequenceA, final long expiryB, final long sequenceB)
    {
        return expiryA < expiryB || (expiryA == expiryB && sequenceA < sequenceB);
    }

    private void move(final int from, final int to)
    {
        set(to, expiresAt[from], lockSequence[from], generation[from], reservations[from]);
    }

    private void set(final int at, final long expiry, final long sequence, final int gen, final Reservation reservation)
    {
        expiresAt[at] = expiry;
        lockSequence[at] = sequence;
        generation[at] = gen;
        reservations[at] = reservation;
    }
}
