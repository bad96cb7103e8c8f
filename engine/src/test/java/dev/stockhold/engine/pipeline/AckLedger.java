package dev.stockhold.engine.pipeline;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.Levels;
import dev.stockhold.engine.command.ReservationView;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds up what acknowledged answers say happened to each cell: the expected state of the ledger if
 * nothing acknowledged was lost and nothing unacknowledged was applied. Called only on the responder
 * thread (inside a {@link Reply}); read after the pipeline has drained.
 */
final class AckLedger
{
    /** Per cell: onHand, reserved, inTransit deltas. */
    private final Map<String, long[]> deltas = new HashMap<>();
    /** Per order: deducted, released, returned per line as last acknowledged. */
    private final Map<String, long[][]> lastSeen = new HashMap<>();
    final Map<CommandType, Long> succeeded = new EnumMap<>(CommandType.class);
    long oversoldLocks;
    long acknowledged;

    private long[] cell(final String sku, final String warehouse)
    {
        return deltas.computeIfAbsent(sku + "/" + warehouse, k -> new long[3]);
    }

    long[] delta(final String sku, final String warehouse)
    {
        return deltas.getOrDefault(sku + "/" + warehouse, new long[3]);
    }

    /** Accounts for one acknowledged command. */
    void onAck(final Command command)
    {
        acknowledged++;
        if (!command.result.isOk() || command.result.isReplayed())
        {
            return;
        }
        succeeded.merge(command.type, 1L, Long::sum);
        switch (command.type)
        {
            case LOCK -> onLock(command);
            case RELEASE, DEDUCT, RETURN -> onSettle(command.result.reservation());
            case RECEIVE ->
            {
                final long[] d = cell(command.sku, command.warehouse);
                d[0] += command.quantity;
                d[2] -= command.quantity;
            }
            case ADJUST ->
            {
                final long[] d = cell(command.sku, command.warehouse);
                d[0] += command.onHandDelta;
                d[2] += command.inTransitDelta;
            }
            default ->
            {
            }
        }
    }

    private void onLock(final Command command)
    {
        final Levels changes = command.result.changes();
        for (int i = 0; i < changes.count(); i++)
        {
            if (changes.onHand(i) - changes.reserved(i) - changes.safetyStock(i) < 0)
            {
                oversoldLocks++;
            }
        }
        final ReservationView view = command.result.reservation();
        for (int i = 0; i < view.lineCount(); i++)
        {
            cell(view.sku(i), view.warehouse(i))[1] += view.quantity(i);
        }
        lastSeen.put(view.orderId(), new long[view.lineCount()][3]);
    }

    private void onSettle(final ReservationView view)
    {
        final long[][] before = lastSeen.get(view.orderId());
        for (int i = 0; i < view.lineCount(); i++)
        {
            final long deducted = view.deducted(i) - before[i][0];
            final long released = view.released(i) - before[i][1];
            final long returned = view.returned(i) - before[i][2];
            final long[] d = cell(view.sku(i), view.warehouse(i));
            d[0] += returned - deducted;
            d[1] -= deducted + released;
            before[i][0] = view.deducted(i);
            before[i][1] = view.released(i);
            before[i][2] = view.returned(i);
        }
    }
}
