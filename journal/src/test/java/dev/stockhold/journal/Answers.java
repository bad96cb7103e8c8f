package dev.stockhold.journal;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ReservationView;
import dev.stockhold.engine.ledger.Ledger;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Test helper: reservations as the API would answer them, in a comparable text form. */
public final class Answers
{
    private Answers()
    {
    }

    /** @return the GET_RESERVATION answer in {@code result}, every field. */
    public static String reservation(final CommandResult result)
    {
        final StringBuilder sb = new StringBuilder(result.code().name());
        final ReservationView view = result.reservation();
        if (result.isOk() && view.isPresent())
        {
            sb.append(' ').append(view.orderId()).append(' ').append(view.channel()).append(' ').append(view.state())
                .append(" created=").append(view.createdAtMillis()).append(" expires=").append(view.expiresAtMillis());
            for (int i = 0; i < view.lineCount(); i++)
            {
                sb.append(" [").append(view.sku(i)).append('@').append(view.warehouse(i)).append(" q=")
                    .append(view.quantity(i)).append(" p=").append(view.presale(i)).append(" d=")
                    .append(view.deducted(i)).append(" r=").append(view.released(i)).append(" ret=")
                    .append(view.returned(i)).append(']');
            }
        }
        return sb.toString();
    }

    /** @return every order's GET_RESERVATION answer from {@code ledger}, applied directly (ledger's owner only). */
    public static Map<String, String> reservations(final Ledger ledger, final Collection<String> orders,
        final long timestampMillis)
    {
        final Map<String, String> answers = new TreeMap<>();
        final Command read = new Command();
        for (final String order : orders)
        {
            read.getReservation(order).at(timestampMillis);
            ledger.apply(read);
            answers.put(order, reservation(read.result));
        }
        return answers;
    }
}
