package dev.stockhold.engine.model;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.OrderLines;
import dev.stockhold.engine.command.ReservationView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lock rule of the model: validation, repeats, limits, resolution of listings and kits, then placement
 * of each line (a configured channel's lock counts its allocations as its own and places only in its
 * warehouses; a kit goes whole to one warehouse).
 */
final class ModelLocking
{
    private final ModelState state;

    ModelLocking(final ModelState state)
    {
        this.state = state;
    }

    /** One placement decided for a line (not yet applied). */
    private record Take(ModelCell cell, long quantity, boolean presale, String kit, String listing)
    {
    }

    /** A request line as resolved: what it locks, where, by which listing. */
    private record Resolved(String target, boolean kit, String warehouse, String listing, long quantity)
    {
    }

    /** The state of one placement: what earlier lines took, per cell. */
    private record Placing(Command command, String channel, Map<ModelCell, Long> regular, Map<ModelCell, Long> presale,
        List<ModelShortLine> shortLines)
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
        final String channel = command.channel != null && state.catalog.channels.containsKey(command.channel)
            ? command.channel : null;
        final List<Resolved> resolved = new ArrayList<>();
        final ErrorCode notFound = resolve(command.lines, channel, resolved);
        final List<List<Object>> requestLines = new ArrayList<>();
        for (final Resolved r : resolved)
        {
            requestLines.add(java.util.Arrays.asList(r.target, r.warehouse, r.listing, r.quantity));
        }
        final ModelReservation existing = state.reservations.get(command.orderId);
        if (existing != null)
        {
            if (notFound == null && sameLines(existing.requestLines, requestLines))
            {
                return new ModelResult(ErrorCode.OK, true, seq, List.of(), List.of(), existing.view(), List.of(), null);
            }
            return ReferenceLedger.error(ErrorCode.ORDER_CONFLICT, seq);
        }
        if (state.openCount() >= state.config.maxOpenReservations())
        {
            return ReferenceLedger.error(ErrorCode.OVERLOADED, seq);
        }
        if (notFound != null)
        {
            return ReferenceLedger.error(notFound, seq);
        }
        return place(command, channel, resolved, requestLines);
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
            final String sku = command.lines.sku(i);
            final String listing = command.lines.listing(i);
            final String warehouse = command.lines.warehouse(i);
            if ((sku == null) == (listing == null) || (sku != null && !ModelCodes.isCode(sku))
                || (listing != null && !ModelCodes.isListingId(listing))
                || (warehouse != null && !ModelCodes.isCode(warehouse)))
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

    /** Resolves every line in order; @return the not-found error of the first line that does not resolve. */
    private ErrorCode resolve(final OrderLines lines, final String channel, final List<Resolved> into)
    {
        for (int i = 0; i < lines.count(); i++)
        {
            String target = lines.sku(i);
            final String listing = lines.listing(i);
            if (target == null)
            {
                if (channel == null)
                {
                    return ErrorCode.CHANNEL_NOT_FOUND;
                }
                final ModelCatalog.Listing bound = state.catalog.listings.get(List.of(channel, listing));
                if (bound == null)
                {
                    return ErrorCode.LISTING_NOT_FOUND;
                }
                target = bound.sku;
            }
            final ModelCatalog.Kit kit = state.catalog.kits.get(target);
            final String warehouse = lines.warehouse(i);
            final boolean exists;
            if (kit != null)
            {
                exists = warehouse == null || kit.components.keySet().stream().allMatch(s -> state.cell(s, warehouse) != null);
            }
            else
            {
                exists = warehouse == null ? !state.cellsOf(target).isEmpty() : state.cell(target, warehouse) != null;
            }
            if (!exists)
            {
                return ErrorCode.SKU_NOT_FOUND;
            }
            into.add(new Resolved(target, kit != null, warehouse, listing, lines.quantity(i)));
        }
        return null;
    }

    /** @return the lines as sent (sku, listing, warehouse, quantity): what an idempotency key's body holds. */
    static List<List<Object>> requestLines(final OrderLines lines)
    {
        final List<List<Object>> result = new ArrayList<>();
        for (int i = 0; i < lines.count(); i++)
        {
            result.add(java.util.Arrays.asList(lines.sku(i), lines.listing(i), lines.warehouse(i), lines.quantity(i)));
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

    private ModelResult place(final Command command, final String channel, final List<Resolved> resolved,
        final List<List<Object>> requestLines)
    {
        final Placing placing = new Placing(command, channel, new HashMap<>(), new HashMap<>(), new ArrayList<>());
        final List<Take> takes = new ArrayList<>();
        for (final Resolved line : resolved)
        {
            final List<Take> lineTakes = line.kit ? placeKit(line, placing)
                : line.warehouse == null ? placeChosen(line, placing) : placeExplicit(line, placing);
            for (final Take take : lineTakes)
            {
                (take.presale ? placing.presale : placing.regular).merge(take.cell, take.quantity, Long::sum);
                takes.add(take);
            }
        }
        if (!placing.shortLines.isEmpty())
        {
            return new ModelResult(ErrorCode.INSUFFICIENT_STOCK, false, command.sequence, List.of(), List.of(), null,
                List.copyOf(placing.shortLines), null);
        }
        final long expiresAt = command.ttlSeconds == 0
            ? ReservationView.NO_EXPIRY
            : state.engineTimeMillis + command.ttlSeconds * 1000L;
        final ModelReservation reservation = new ModelReservation(command.orderId, command.channel,
            state.engineTimeMillis, expiresAt, state.lockCounter++, requestLines);
        for (final Take take : takes)
        {
            final ModelLine line = new ModelLine(take.cell.sku, take.cell.warehouse, take.quantity, take.presale,
                take.kit, take.listing, channel);
            state.touch(take.cell);
            if (take.presale)
            {
                take.cell.presaleReserved += take.quantity;
            }
            else
            {
                final long fromAllocation = Math.min(take.quantity, state.catalog.allocation(channel, take.cell));
                if (fromAllocation > 0)
                {
                    state.catalog.addUnits(channel, take.cell, -fromAllocation);
                }
                line.fromAllocation = fromAllocation;
                take.cell.reserved += take.quantity;
            }
            reservation.lines.add(line);
        }
        state.reservations.put(reservation.orderId, reservation);
        return new ModelResult(ErrorCode.OK, false, command.sequence, List.of(), state.finishChanges(),
            reservation.view(), List.of(), null);
    }

    private long free(final ModelCell cell, final Placing placing)
    {
        return cell.available() + state.catalog.allocation(placing.channel, cell)
            - placing.regular.getOrDefault(cell, 0L);
    }

    private static long freePresale(final ModelCell cell, final Placing placing)
    {
        return cell.presaleAvailable() - placing.presale.getOrDefault(cell, 0L);
    }

    private boolean feeds(final ModelCell cell, final Placing placing)
    {
        return placing.channel == null || state.catalog.channels.get(placing.channel).feeds(cell.warehouse);
    }

    private List<Take> placeExplicit(final Resolved line, final Placing placing)
    {
        final ModelCell cell = state.cell(line.target, line.warehouse);
        if (line.quantity <= free(cell, placing))
        {
            return List.of(new Take(cell, line.quantity, false, null, line.listing));
        }
        if (placing.command.allowPresale && line.quantity <= freePresale(cell, placing))
        {
            return List.of(new Take(cell, line.quantity, true, null, line.listing));
        }
        placing.shortLines.add(new ModelShortLine(line.target, line.warehouse, line.quantity, free(cell, placing)));
        return List.of();
    }

    private List<Take> placeChosen(final Resolved line, final Placing placing)
    {
        final List<ModelCell> cells = new ArrayList<>(state.cellsOf(line.target));
        cells.removeIf(cell -> !feeds(cell, placing));
        final long quantity = line.quantity;
        long totalFree = 0;
        long largestFree = -1;
        ModelCell closest = null;
        for (final ModelCell cell : cells)
        {
            final long free = free(cell, placing);
            if (quantity <= free)
            {
                return List.of(new Take(cell, quantity, false, null, line.listing));
            }
            totalFree += free;
            if (free > largestFree)
            {
                largestFree = free;
                closest = cell;
            }
        }
        if (placing.command.allowSplit && closest != null && totalFree >= quantity)
        {
            final List<Take> takes = new ArrayList<>();
            long remaining = quantity;
            for (final ModelCell cell : cells)
            {
                final long take = Math.min(free(cell, placing), remaining);
                if (take > 0)
                {
                    takes.add(new Take(cell, take, false, null, line.listing));
                    remaining -= take;
                }
            }
            return takes;
        }
        if (placing.command.allowPresale)
        {
            for (final ModelCell cell : cells)
            {
                if (quantity <= freePresale(cell, placing))
                {
                    return List.of(new Take(cell, quantity, true, null, line.listing));
                }
            }
        }
        placing.shortLines.add(new ModelShortLine(line.target, closest == null ? null : closest.warehouse, quantity,
            closest == null ? 0 : placing.command.allowSplit ? totalFree : largestFree));
        return List.of();
    }

    /** A kit goes whole to the named warehouse, or to the first in priority order where every component fits. */
    private List<Take> placeKit(final Resolved line, final Placing placing)
    {
        final ModelCatalog.Kit kit = state.catalog.kits.get(line.target);
        final String first = kit.components.keySet().iterator().next();
        long best = -1;
        String bestWarehouse = null;
        for (final ModelCell firstCell : state.cellsOf(first))
        {
            final String warehouse = firstCell.warehouse;
            final boolean candidate = line.warehouse == null ? feeds(firstCell, placing) : warehouse.equals(line.warehouse);
            if (!candidate || kit.components.keySet().stream().anyMatch(s -> state.cell(s, warehouse) == null))
            {
                continue;
            }
            long fits = Long.MAX_VALUE;
            for (final Map.Entry<String, Long> component : kit.components.entrySet())
            {
                fits = Math.min(fits, Math.max(0, free(state.cell(component.getKey(), warehouse), placing))
                    / component.getValue());
            }
            if (line.quantity <= fits)
            {
                final List<Take> takes = new ArrayList<>();
                kit.components.forEach((sku, q) -> takes.add(new Take(state.cell(sku, warehouse), q * line.quantity,
                    false, line.target, line.listing)));
                return takes;
            }
            if (fits > best)
            {
                best = fits;
                bestWarehouse = warehouse;
            }
        }
        placing.shortLines.add(new ModelShortLine(line.target, bestWarehouse, line.quantity, Math.max(0, best)));
        return List.of();
    }
}
