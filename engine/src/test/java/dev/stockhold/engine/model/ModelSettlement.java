package dev.stockhold.engine.model;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.OrderLines;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Release, deduct and return in the model: find what each body line takes from which line, then apply. */
final class ModelSettlement
{
    private final ModelState state;

    ModelSettlement(final ModelState state)
    {
        this.state = state;
    }

    /** A decided error, thrown out of the planning loops. */
    private static final class Refused extends Exception
    {
        private static final long serialVersionUID = 1L;
        final ErrorCode code;

        Refused(final ErrorCode code)
        {
            super(code.code(), null, false, false);
            this.code = code;
        }
    }

    ModelResult settle(final Command command)
    {
        final long seq = command.sequence;
        final ErrorCode invalid = validate(command);
        if (invalid != null)
        {
            return ReferenceLedger.error(invalid, seq);
        }
        final ModelReservation reservation = state.reservations.get(command.orderId);
        if (reservation == null)
        {
            return ReferenceLedger.error(ErrorCode.ORDER_NOT_FOUND, seq);
        }
        final CommandType type = command.type;
        if (type != CommandType.RETURN && reservation.expired)
        {
            return ReferenceLedger.error(ErrorCode.RESERVATION_EXPIRED, seq);
        }
        final long settleable = type == CommandType.RETURN ? reservation.returnable() : reservation.open();
        if (settleable == 0)
        {
            return ReferenceLedger.error(ErrorCode.INVALID_STATE, seq);
        }
        final Map<ModelLine, Long> takes;
        try
        {
            takes = command.lines.count() == 0 ? planWhole(reservation, type) : planLines(reservation, type,
                command.lines);
            if (type == CommandType.DEDUCT)
            {
                checkOnHand(takes);
            }
        }
        catch (final Refused refused)
        {
            return ReferenceLedger.error(refused.code, seq);
        }
        apply(reservation, type, takes);
        return new ModelResult(ErrorCode.OK, false, seq, List.of(), state.finishChanges(), reservation.view(),
            List.of(), null);
    }

    private ErrorCode validate(final Command command)
    {
        if (!ModelCodes.isOrderId(command.orderId) || command.lines.count() > state.config.maxLinesPerOrder())
        {
            return ErrorCode.INVALID_REQUEST;
        }
        for (int i = 0; i < command.lines.count(); i++)
        {
            if (!ModelCodes.isCode(command.lines.sku(i)) || !ModelCodes.isCode(command.lines.warehouse(i)))
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

    /** How much line {@code line} can still give to this command, on top of what earlier body lines took. */
    private static long left(final ModelLine line, final CommandType type, final Map<ModelLine, Long> takes)
    {
        final long base = type == CommandType.RETURN ? line.returnable() : line.open();
        return base - takes.getOrDefault(line, 0L);
    }

    private static Map<ModelLine, Long> planWhole(final ModelReservation reservation, final CommandType type)
        throws Refused
    {
        final Map<ModelLine, Long> takes = new LinkedHashMap<>();
        for (final ModelLine line : reservation.lines)
        {
            final long left = left(line, type, takes);
            if (left == 0)
            {
                continue;
            }
            if (type == CommandType.DEDUCT && line.presale)
            {
                throw new Refused(ErrorCode.NOT_RECEIVED);
            }
            takes.put(line, left);
        }
        return takes;
    }

    private static Map<ModelLine, Long> planLines(final ModelReservation reservation, final CommandType type,
        final OrderLines body) throws Refused
    {
        final Map<ModelLine, Long> takes = new LinkedHashMap<>();
        for (int i = 0; i < body.count(); i++)
        {
            final List<ModelLine> matching = new ArrayList<>();
            for (final ModelLine line : reservation.lines)
            {
                if (line.isAt(body.sku(i), body.warehouse(i)))
                {
                    matching.add(line);
                }
            }
            if (matching.isEmpty())
            {
                throw new Refused(ErrorCode.INVALID_REQUEST);
            }
            final long quantity = body.quantity(i);
            final long total = matching.stream().mapToLong(l -> left(l, type, takes)).sum();
            if (quantity > total)
            {
                throw new Refused(ErrorCode.INVALID_QUANTITY);
            }
            final List<ModelLine> sources = new ArrayList<>();
            for (final ModelLine line : matching)
            {
                if (type != CommandType.DEDUCT || !line.presale)
                {
                    sources.add(line);
                }
            }
            final long regular = sources.stream().mapToLong(l -> left(l, type, takes)).sum();
            if (quantity > regular)
            {
                throw new Refused(ErrorCode.NOT_RECEIVED);
            }
            long remaining = quantity;
            for (final ModelLine line : sources)
            {
                final long take = Math.min(left(line, type, takes), remaining);
                if (take > 0)
                {
                    takes.merge(line, take, Long::sum);
                    remaining -= take;
                }
            }
        }
        return takes;
    }

    private void checkOnHand(final Map<ModelLine, Long> takes) throws Refused
    {
        final Map<ModelCell, Long> perCell = new HashMap<>();
        takes.forEach((line, quantity) -> perCell.merge(state.cell(line.sku, line.warehouse), quantity, Long::sum));
        for (final Map.Entry<ModelCell, Long> entry : perCell.entrySet())
        {
            if (entry.getKey().onHand - entry.getValue() < 0)
            {
                throw new Refused(ErrorCode.INVALID_QUANTITY);
            }
        }
    }

    private void apply(final ModelReservation reservation, final CommandType type, final Map<ModelLine, Long> takes)
    {
        // Applied in reservation-line order: the order of the cells in the answer's changes (the ledger's
        // reading of "order of first change"; the spec does not say in which order takes are applied).
        for (final ModelLine line : reservation.lines)
        {
            if (!takes.containsKey(line))
            {
                continue;
            }
            final long quantity = takes.get(line);
            final ModelCell cell = state.cell(line.sku, line.warehouse);
            switch (type)
            {
                case RELEASE -> state.releaseFromLine(line, quantity);
                case DEDUCT ->
                {
                    state.touch(cell);
                    cell.reserved -= quantity;
                    cell.onHand -= quantity;
                    line.deducted += quantity;
                    line.fromAllocation -= Math.min(quantity, line.fromAllocation);
                }
                default ->
                {
                    state.touch(cell);
                    cell.onHand += quantity;
                    line.returned += quantity;
                }
            }
        }
        if (type == CommandType.RELEASE)
        {
            reservation.lastReleaseByExpiry = false;
        }
        if (type != CommandType.RETURN && reservation.open() == 0)
        {
            state.close(reservation);
        }
    }
}
