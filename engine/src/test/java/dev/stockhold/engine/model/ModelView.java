package dev.stockhold.engine.model;

import dev.stockhold.engine.command.ReservationState;
import dev.stockhold.engine.command.ReservationView;

import java.util.ArrayList;
import java.util.List;

/** A reservation as the API shows it, as a plain comparable value. */
public record ModelView(
    String orderId,
    String channel,
    ReservationState state,
    long createdAtMillis,
    long expiresAtMillis,
    List<Line> lines)
{
    /** One line of the view. */
    public record Line(String sku, String warehouse, long quantity, boolean presale, long deducted, long released,
        long returned, String kit, String listing)
    {
        /** A line of a plain SKU, locked by SKU. */
        public Line(final String sku, final String warehouse, final long quantity, final boolean presale,
            final long deducted, final long released, final long returned)
        {
            this(sku, warehouse, quantity, presale, deducted, released, returned, null, null);
        }
    }

    /** @return the real view converted, or null when it holds no reservation. */
    public static ModelView of(final ReservationView view)
    {
        if (!view.isPresent())
        {
            return null;
        }
        final List<Line> lines = new ArrayList<>();
        for (int i = 0; i < view.lineCount(); i++)
        {
            lines.add(new Line(view.sku(i), view.warehouse(i), view.quantity(i), view.presale(i), view.deducted(i),
                view.released(i), view.returned(i), view.kit(i), view.listing(i)));
        }
        return new ModelView(view.orderId(), view.channel(), view.state(), view.createdAtMillis(),
            view.expiresAtMillis(), List.copyOf(lines));
    }
}
