package dev.stockhold.engine.model;

import dev.stockhold.engine.command.ReservationState;

import java.util.ArrayList;
import java.util.List;

/** The model's reservation: the request it was locked with and its placed lines. */
final class ModelReservation
{
    final String orderId;
    final String channel;
    final long createdAtMillis;
    final long expiresAtMillis;
    /** Increases with every lock: ties of expiry and presale conversion go by it. */
    final long lockOrder;
    /**
     * The lock request's lines as resolved (target sku or kit, warehouse or null, listing or null, quantity):
     * what a repeat is compared with.
     */
    final List<List<Object>> requestLines;
    final List<ModelLine> lines = new ArrayList<>();
    boolean expired;
    boolean lastReleaseByExpiry;
    long closedAtMillis;
    long closeOrder = -1;

    ModelReservation(final String orderId, final String channel, final long createdAtMillis,
        final long expiresAtMillis, final long lockOrder, final List<List<Object>> requestLines)
    {
        this.orderId = orderId;
        this.channel = channel;
        this.createdAtMillis = createdAtMillis;
        this.expiresAtMillis = expiresAtMillis;
        this.lockOrder = lockOrder;
        this.requestLines = requestLines;
    }

    long open()
    {
        return lines.stream().mapToLong(ModelLine::open).sum();
    }

    long returnable()
    {
        return lines.stream().mapToLong(ModelLine::returnable).sum();
    }

    boolean isClosed()
    {
        return closeOrder >= 0;
    }

    ReservationState state()
    {
        final long deducted = lines.stream().mapToLong(l -> l.deducted).sum();
        final long released = lines.stream().mapToLong(l -> l.released).sum();
        final long returned = lines.stream().mapToLong(l -> l.returned).sum();
        if (open() > 0)
        {
            return deducted == 0 && released == 0 ? ReservationState.LOCKED : ReservationState.PARTIAL;
        }
        if (deducted > 0)
        {
            return returned == deducted ? ReservationState.RETURNED : ReservationState.DEDUCTED;
        }
        return lastReleaseByExpiry ? ReservationState.EXPIRED : ReservationState.RELEASED;
    }

    ModelView view()
    {
        final List<ModelView.Line> viewLines = new ArrayList<>();
        for (final ModelLine l : lines)
        {
            viewLines.add(new ModelView.Line(l.sku, l.warehouse, l.quantity, l.presale, l.deducted, l.released,
                l.returned, l.kit, l.listing));
        }
        return new ModelView(orderId, channel, state(), createdAtMillis, expiresAtMillis, List.copyOf(viewLines));
    }
}
