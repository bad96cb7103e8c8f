package dev.stockhold.engine.model;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.OrderLines;
import dev.stockhold.engine.command.ReservationView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The lock rule of the model: validation, repeats, limits, then placement of each line. */
final class ModelLocking
{
    private final ModelState state;

    ModelLocking(final ModelState state)
    {
        this.state = state;
    }

    /** One placement decided for a line (not yet applied). */
    private record Take(ModelCell cell, long quantity, boolean presale)
    {
    }

    ModelResult lock(final Command command)
    {
        final long seq = command.sequence;
        final ErrorCode invalid = validate(command);
        if (invalid != null)
        {
            return ReferenceLedger.error(invalid, seq);
        }
        final List<List<Object>> requestLines = requestLines(command.lines);
        final ModelReservation existing = state.reservations.get(command.orderId);
        if (existing != null)
        {
            if (sameLines(existing.requestLines, requestLines))
            {
                return new ModelResult(ErrorCode.OK, true, seq, List.of(), List.of(), existing.view(), List.of(), null);
            }
            return ReferenceLedger.error(ErrorCode.ORDER_CONFLICT, seq);
        }
        if (state.openCount() >= state.config.maxOpenReservations())
        {
            return ReferenceLedger.error(ErrorCode.OVERLOADED, seq);
        }
        final OrderLines lines = command.lines;
        for (int i = 0; i < lines.count(); i++)
        {
            final boolean missing = lines.warehouse(i) == null
                ? state.cellsOf(lines.sku(i)).isEmpty()
                : state.cell(lines.sku(i), lines.warehouse(i)) == null;
            if (missing)
            {
                return ReferenceLedger.error(ErrorCode.SKU_NOT_FOUND, seq);
            }
        }
        return place(command, requestLines);
    }

    private ErrorCode validate(final Command command)
    {
        if (!ModelCodes.isOrderId(command.orderId) || !ModelCodes.isChannel(command.channel)
            || !ModelCodes.isTtl(command.ttlSeconds)
            || command.lines.count() < 1 || command.lines.count() > state.config.maxLinesPerOrder())
        {
            return ErrorCode.INVALID_REQUEST;
        }
        for (int i = 0; i < command.lines.count(); i++)
        {
            final String warehouse = command.lines.warehouse(i);
            if (!ModelCodes.isCode(command.lines.sku(i)) || (warehouse != null && !ModelCodes.isCode(warehouse)))
            {
                return ErrorCode.INVALID_REQUEST;
            }
            if (!ModelCodes.isRequestQuantity(command.lines.quantity(i)))
            {
                return ErrorCode.INVALID_QUANTITY;
            }
        }
        return null;
    }

    static List<List<Object>> requestLines(final OrderLines lines)
    {
        final List<List<Object>> result = new ArrayList<>();
        for (int i = 0; i < lines.count(); i++)
        {
            result.add(java.util.Arrays.asList(lines.sku(i), lines.warehouse(i), lines.quantity(i)));
        }
        return result;
    }

    /** The same lines in another order are the same order (an idempotency key's body is compared as sent). */
    private static boolean sameLines(final List<List<Object>> a, final List<List<Object>> b)
    {
        final List<List<Object>> sortedA = new ArrayList<>(a);
        final List<List<Object>> sortedB = new ArrayList<>(b);
        sortedA.sort(java.util.Comparator.comparing(Object::toString));
        sortedB.sort(java.util.Comparator.comparing(Object::toString));
        return sortedA.equals(sortedB);
    }

    private ModelResult place(final Command command, final List<List<Object>> requestLines)
    {
        final Map<ModelCell, Long> takenRegular = new HashMap<>();
        final Map<ModelCell, Long> takenPresale = new HashMap<>();
        final List<Take> takes = new ArrayList<>();
        final List<ModelShortLine> shortLines = new ArrayList<>();
        final OrderLines lines = command.lines;
        for (int i = 0; i < lines.count(); i++)
        {
            final List<Take> lineTakes = lines.warehouse(i) == null
                ? placeChosen(lines.sku(i), lines.quantity(i), command, takenRegular, takenPresale, shortLines)
                : placeExplicit(lines.sku(i), lines.warehouse(i), lines.quantity(i), command.allowPresale,
                    takenRegular, takenPresale, shortLines);
            for (final Take take : lineTakes)
            {
                (take.presale ? takenPresale : takenRegular).merge(take.cell, take.quantity, Long::sum);
                takes.add(take);
            }
        }
        if (!shortLines.isEmpty())
        {
            return new ModelResult(ErrorCode.INSUFFICIENT_STOCK, false, command.sequence, List.of(), List.of(), null,
                List.copyOf(shortLines), null);
        }
        final long expiresAt = command.ttlSeconds == 0
            ? ReservationView.NO_EXPIRY
            : state.engineTimeMillis + command.ttlSeconds * 1000L;
        final ModelReservation reservation = new ModelReservation(command.orderId, command.channel,
            state.engineTimeMillis, expiresAt, state.lockCounter++, requestLines);
        for (final Take take : takes)
        {
            state.touch(take.cell);
            if (take.presale)
            {
                take.cell.presaleReserved += take.quantity;
            }
            else
            {
                take.cell.reserved += take.quantity;
            }
            reservation.lines.add(new ModelLine(take.cell.sku, take.cell.warehouse, take.quantity, take.presale));
        }
        state.reservations.put(reservation.orderId, reservation);
        return new ModelResult(ErrorCode.OK, false, command.sequence, List.of(), state.finishChanges(),
            reservation.view(), List.of(), null);
    }

    private static long free(final ModelCell cell, final Map<ModelCell, Long> takenRegular)
    {
        return cell.available() - takenRegular.getOrDefault(cell, 0L);
    }

    private static long freePresale(final ModelCell cell, final Map<ModelCell, Long> takenPresale)
    {
        return cell.presaleAvailable() - takenPresale.getOrDefault(cell, 0L);
    }

    private List<Take> placeExplicit(final String sku, final String warehouse, final long quantity,
        final boolean allowPresale, final Map<ModelCell, Long> takenRegular, final Map<ModelCell, Long> takenPresale,
        final List<ModelShortLine> shortLines)
    {
        final ModelCell cell = state.cell(sku, warehouse);
        if (quantity <= free(cell, takenRegular))
        {
            return List.of(new Take(cell, quantity, false));
        }
        if (allowPresale && quantity <= freePresale(cell, takenPresale))
        {
            return List.of(new Take(cell, quantity, true));
        }
        shortLines.add(new ModelShortLine(sku, warehouse, quantity, free(cell, takenRegular)));
        return List.of();
    }

    private List<Take> placeChosen(final String sku, final long quantity, final Command command,
        final Map<ModelCell, Long> takenRegular, final Map<ModelCell, Long> takenPresale,
        final List<ModelShortLine> shortLines)
    {
        final List<ModelCell> cells = state.cellsOf(sku);
        long totalFree = 0;
        long largestFree = -1;
        ModelCell closest = cells.get(0);
        for (final ModelCell cell : cells)
        {
            final long free = free(cell, takenRegular);
            if (quantity <= free)
            {
                return List.of(new Take(cell, quantity, false));
            }
            totalFree += free;
            if (free > largestFree)
            {
                largestFree = free;
                closest = cell;
            }
        }
        if (command.allowSplit && totalFree >= quantity)
        {
            final List<Take> takes = new ArrayList<>();
            long remaining = quantity;
            for (final ModelCell cell : cells)
            {
                final long take = Math.min(free(cell, takenRegular), remaining);
                if (take > 0)
                {
                    takes.add(new Take(cell, take, false));
                    remaining -= take;
                }
            }
            return takes;
        }
        if (command.allowPresale)
        {
            for (final ModelCell cell : cells)
            {
                if (quantity <= freePresale(cell, takenPresale))
                {
                    return List.of(new Take(cell, quantity, true));
                }
            }
        }
        shortLines.add(new ModelShortLine(sku, closest.warehouse, quantity, command.allowSplit ? totalFree : largestFree));
        return List.of();
    }
}
