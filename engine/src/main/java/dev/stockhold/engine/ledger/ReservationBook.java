package dev.stockhold.engine.ledger;

import org.agrona.collections.IntArrayList;
import org.agrona.collections.LongArrayQueue;

import java.util.function.Consumer;

/**
 * Every reservation the ledger remembers, by order id: the open ones, and the closed ones (nothing open)
 * for a retention period so a late cancellation-return still finds its order. Closed reservations are
 * forgotten oldest first, by engine time or by count, and their instances reused. Ledger thread only.
 * <p>
 * The closed ones are queued as slots beside their closing times, so forgetting the oldest reads two
 * sequential queues and a bit of the index, never the cold reservation itself.
 */
final class ReservationBook
{
    private final OrderIndex byOrderId = new OrderIndex();
    private final LongArrayQueue closedSlots = new LongArrayQueue(Long.MIN_VALUE);
    private final LongArrayQueue closedTimes = new LongArrayQueue(Long.MIN_VALUE);
    private final IntArrayList freeSlots = new IntArrayList();
    private final long closedRetentionMillis;
    private final int maxClosed;
    private int open;

    ReservationBook(final long closedRetentionMillis, final int maxClosed)
    {
        this.closedRetentionMillis = closedRetentionMillis;
        this.maxClosed = maxClosed;
    }

    /** @return the reservation of {@code orderId}, or null. */
    Reservation find(final String orderId)
    {
        return byOrderId.get(orderId);
    }

    /** @return a pooled or new instance for a new order; reset it, then call {@link #add} once its lines are in. */
    Reservation newReservation()
    {
        return freeSlots.isEmpty() ? byOrderId.newInstance() : byOrderId.inSlot(freeSlots.popInt());
    }

    /** Registers a new open reservation. */
    void add(final Reservation reservation)
    {
        byOrderId.add(reservation);
        open++;
    }

    /** Marks a reservation whose open quantity just reached zero as closed at {@code nowMillis}. */
    void close(final Reservation reservation, final long nowMillis)
    {
        reservation.closed = true;
        reservation.closedAtMillis = nowMillis;
        open--;
        if (maxClosed <= 0)
        {
            forget(reservation.slot);
            return;
        }
        while (closedSlots.size() >= maxClosed)
        {
            forgetOldestClosed();
        }
        queueClosed(reservation);
    }

    /** Forgets closed reservations older than the retention at {@code nowMillis}. */
    void expireClosed(final long nowMillis)
    {
        while (!closedTimes.isEmpty() && closedTimes.peekLong() + closedRetentionMillis <= nowMillis)
        {
            forgetOldestClosed();
        }
    }

    int openCount()
    {
        return open;
    }

    int closedCount()
    {
        return closedSlots.size();
    }

    /** @return an order-independent hash of every reservation. */
    long digest()
    {
        final long[] sum = new long[1];
        byOrderId.forEach(reservation -> sum[0] += digestTerm(reservation));
        return digest(byOrderId.size(), sum[0]);
    }

    /** @return one reservation's term of the digest's sum: terms add up in any order. */
    static long digestTerm(final Reservation reservation)
    {
        return Hashing.stafford(reservation.digest());
    }

    /** @return the digest of {@code count} reservations whose terms sum to {@code sum}. */
    static long digest(final int count, final long sum)
    {
        return Hashing.mix(Hashing.mix(Hashing.SEED, count), sum);
    }

    /** Visits open reservations (any order), then closed ones oldest first: the order snapshots use. */
    void forEach(final Consumer<Reservation> visitor)
    {
        byOrderId.forEach(reservation ->
        {
            if (!reservation.closed)
            {
                visitor.accept(reservation);
            }
        });
        closedSlots.forEachLong(slot -> visitor.accept(byOrderId.inSlot((int)slot)));
    }

    /** Restores a reservation from a snapshot, open or closed (closed ones must come oldest first). */
    void restore(final Reservation reservation)
    {
        byOrderId.add(reservation);
        if (reservation.closed)
        {
            queueClosed(reservation);
        }
        else
        {
            open++;
        }
    }

    private void queueClosed(final Reservation reservation)
    {
        closedSlots.addLong(reservation.slot);
        closedTimes.addLong(reservation.closedAtMillis);
    }

    private void forgetOldestClosed()
    {
        closedTimes.pollLong();
        forget((int)closedSlots.pollLong());
    }

    /**
     * Drops an order from the index and frees its instance. The instance keeps its old fields (closed,
     * nothing open) until reused, so a stale expiry or presale reference stays harmless.
     */
    private void forget(final int slot)
    {
        byOrderId.remove(slot);
        freeSlots.pushInt(slot);
    }
}
