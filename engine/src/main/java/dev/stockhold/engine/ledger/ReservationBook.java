package dev.stockhold.engine.ledger;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Every reservation the ledger remembers, by order id: the open ones, and the closed ones (nothing open)
 * for a retention period so a late cancellation-return still finds its order. Closed reservations are
 * forgotten oldest first, by engine time or by count, and their instances reused. Ledger thread only.
 */
final class ReservationBook
{
    private final OrderIndex byOrderId = new OrderIndex();
    private final ArrayDeque<Reservation> closedOrder = new ArrayDeque<>();
    private final ArrayDeque<Reservation> pool = new ArrayDeque<>();
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

    /** @return a reset instance for a new order; call {@link #add} once its lines are in. */
    Reservation newReservation()
    {
        return pool.isEmpty() ? new Reservation() : pool.pop();
    }

    /** Registers a new open reservation. */
    void add(final Reservation reservation)
    {
        byOrderId.put(reservation.orderId, reservation);
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
            forget(reservation);
            return;
        }
        while (closedOrder.size() >= maxClosed)
        {
            forget(closedOrder.pollFirst());
        }
        closedOrder.addLast(reservation);
    }

    /** Forgets closed reservations older than the retention at {@code nowMillis}. */
    void expireClosed(final long nowMillis)
    {
        while (!closedOrder.isEmpty() && closedOrder.peekFirst().closedAtMillis + closedRetentionMillis <= nowMillis)
        {
            forget(closedOrder.pollFirst());
        }
    }

    int openCount()
    {
        return open;
    }

    int closedCount()
    {
        return closedOrder.size();
    }

    /** @return an order-independent hash of every reservation. */
    long digest()
    {
        final long[] sum = new long[1];
        byOrderId.forEach(reservation -> sum[0] += Hashing.stafford(reservation.digest()));
        return Hashing.mix(Hashing.mix(Hashing.SEED, byOrderId.size()), sum[0]);
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
        closedOrder.forEach(visitor);
    }

    /** Restores a reservation from a snapshot, open or closed (closed ones must come oldest first). */
    void restore(final Reservation reservation)
    {
        byOrderId.put(reservation.orderId, reservation);
        if (reservation.closed)
        {
            closedOrder.addLast(reservation);
        }
        else
        {
            open++;
        }
    }

    private void forget(final Reservation reservation)
    {
        byOrderId.remove(reservation.orderId, reservation.orderHash);
        reservation.orderId = null;
        reservation.channel = null;
        reservation.generation++;
        pool.push(reservation);
    }
}
