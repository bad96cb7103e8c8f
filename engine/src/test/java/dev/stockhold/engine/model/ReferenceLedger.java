package dev.stockhold.engine.model;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.ReservationView;
import dev.stockhold.engine.ledger.LedgerConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately simple reference model of the ledger, written from the rules of docs/design.md and
 * docs/api.md only: plain collections, obvious loops, no performance tricks. It consumes the
 * same {@link Command}s as the real ledger and answers a comparable {@link ModelResult}.
 * <p>
 * Not thread safe; one instance per test.
 */
public final class ReferenceLedger
{
    private final ModelState state;
    private final ModelLocking locking;
    private final ModelSettlement settlement;
    private final ModelStock stock;
    private final ModelChannelCommands channels;
    /** Remembered answers by (clientId, key), oldest first. */
    private final Map<List<Object>, Remembered> keys = new LinkedHashMap<>();

    private record Remembered(List<Object> body, ModelResult result, long storedAtMillis)
    {
    }

    public ReferenceLedger(final LedgerConfig config)
    {
        this.state = new ModelState(config);
        this.locking = new ModelLocking(state);
        this.settlement = new ModelSettlement(state);
        this.stock = new ModelStock(state);
        this.channels = new ModelChannelCommands(state);
    }

    static ModelResult error(final ErrorCode code, final long sequence)
    {
        return new ModelResult(code, false, sequence, List.of(), List.of(), null, List.of(), null);
    }

    /** Applies one command (reading only its header and payload) and @return the answer. */
    public ModelResult apply(final Command command)
    {
        final CommandType type = command.type;
        if (type.isMutating())
        {
            // Only journaled commands move engine time, so a replay (without the reads) sees the same times.
            state.engineTimeMillis = Math.max(state.engineTimeMillis, command.timestampMillis);
        }
        final boolean keyed = command.idempotencyKey != null && type.isMutating() && type != CommandType.TICK;
        if (!keyed)
        {
            return executeAndPublish(command);
        }
        if (!ModelCodes.isIdempotencyKey(command.idempotencyKey))
        {
            return error(ErrorCode.INVALID_REQUEST, command.sequence);
        }
        final List<Object> scope = List.of(command.clientId, command.idempotencyKey);
        final List<Object> body = body(command);
        final Remembered remembered = keys.get(scope);
        if (remembered != null)
        {
            return remembered.body.equals(body)
                ? remembered.result.asReplay()
                : error(ErrorCode.IDEMPOTENCY_KEY_REUSED, command.sequence);
        }
        final ModelResult result = executeAndPublish(command);
        keys.put(scope, new Remembered(body, result, state.engineTimeMillis));
        while (keys.size() > state.config.maxIdempotencyKeys())
        {
            final Iterator<List<Object>> oldest = keys.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return result;
    }

    /**
     * Executes, then recomputes every listing's published quantity from scratch: the changes, with the
     * bindings the command reported itself, sorted by channel and listing id, are the feed's record.
     */
    private ModelResult executeAndPublish(final Command command)
    {
        final ModelResult result = execute(command);
        if (!command.type.isMutating())
        {
            return result;
        }
        final List<ModelChannelViews.Published> published = new ArrayList<>(result.published());
        final List<List<String>> reported = new ArrayList<>();
        for (final ModelChannelViews.Published event : published)
        {
            reported.add(List.of(event.channel(), event.listingId()));
        }
        published.addAll(state.catalog.recomputeAll(reported));
        published.sort(Comparator.comparing(ModelChannelViews.Published::channel)
            .thenComparing(ModelChannelViews.Published::listingId));
        return result.with(result.channelPart().withPublished(List.copyOf(published)));
    }

    private ModelResult execute(final Command command)
    {
        return switch (command.type)
        {
            case LOCK -> locking.lock(command);
            case RELEASE, DEDUCT, RETURN -> settlement.settle(command);
            case SET_STOCK -> stock.set(command);
            case ADJUST -> stock.adjust(command);
            case RECEIVE -> stock.receive(command);
            case TICK -> tick(command.sequence);
            case SNAPSHOT, MARK -> error(ErrorCode.OK, command.sequence);
            case GET_CELL -> getCell(command);
            case GET_SKU -> getSku(command);
            case GET_RESERVATION -> getReservation(command);
            case GET_DIGEST, GET_STATS -> new ModelResult(ErrorCode.OK, false, command.sequence, List.of(), List.of(), null,
                List.of(), stats());
            case PUT_CHANNEL -> channels.putChannel(command);
            case BIND_LISTING -> channels.bindListing(command);
            case UNBIND_LISTING -> channels.unbindListing(command);
            case PUT_KIT -> channels.putKit(command);
            case SET_ALLOCATION -> channels.setAllocation(command);
            case GET_CHANNEL -> channels.getChannel(command);
            case LIST_CHANNELS -> channels.listChannels(command);
            case GET_LISTING -> channels.getListing(command);
            case GET_KIT -> channels.getKit(command);
            case GET_ALLOCATION -> channels.getAllocation(command);
            // The model draws no push commands: pushes are checked against the ledger alone (PushTest).
            case PUSH_OUTCOME, GET_PUSH, NEXT_DELIVERY ->
                throw new IllegalStateException("the reference model has no push: " + command.type);
        };
    }

    /** @return the command's type and payload, what an idempotency key is compared by. */
    static List<Object> body(final Command c)
    {
        final List<Object> body = new ArrayList<>();
        body.add(c.type);
        switch (c.type)
        {
            case LOCK -> body.addAll(java.util.Arrays.asList(c.orderId, c.channel, c.ttlSeconds, c.allowPresale,
                c.allowSplit, ModelLocking.requestLines(c.lines)));
            case PUT_CHANNEL ->
            {
                final List<String> warehouses = new ArrayList<>();
                for (int i = 0; i < c.channelWarehouses.count(); i++)
                {
                    warehouses.add(c.channelWarehouses.get(i));
                }
                body.addAll(java.util.Arrays.asList(c.channel, c.channelWarehouses.isPresent() ? warehouses : null,
                    c.bufferUnits, c.percent, c.maxUnits, c.allowPresale));
            }
            case BIND_LISTING, UNBIND_LISTING -> body.addAll(java.util.Arrays.asList(c.channel, c.listing, c.sku));
            case PUT_KIT -> body.addAll(java.util.Arrays.asList(c.sku, ModelLocking.requestLines(c.lines)));
            case SET_ALLOCATION -> body.addAll(java.util.Arrays.asList(c.channel, c.sku, c.warehouse, c.quantity));
            case RELEASE, DEDUCT, RETURN -> body.addAll(java.util.Arrays.asList(c.orderId,
                ModelLocking.requestLines(c.lines)));
            case SET_STOCK ->
            {
                for (int i = 0; i < c.items.count(); i++)
                {
                    body.add(java.util.Arrays.asList(c.items.sku(i), c.items.warehouse(i), c.items.onHand(i),
                        c.items.inTransit(i), c.items.safetyStock(i), c.items.expectedVersion(i)));
                }
            }
            case ADJUST -> body.addAll(java.util.Arrays.asList(c.sku, c.warehouse, c.onHandDelta, c.inTransitDelta,
                c.safetyStockDelta, c.reason));
            case RECEIVE -> body.addAll(java.util.Arrays.asList(c.sku, c.warehouse, c.quantity));
            default -> throw new IllegalArgumentException("not keyed: " + c.type);
        }
        return body;
    }

    private ModelResult tick(final long sequence)
    {
        final long now = state.engineTimeMillis;
        final List<ModelReservation> due = new ArrayList<>();
        for (final ModelReservation r : state.reservations.values())
        {
            if (r.expiresAtMillis != ReservationView.NO_EXPIRY && r.expiresAtMillis <= now && r.open() > 0)
            {
                due.add(r);
            }
        }
        due.sort(Comparator.comparingLong((ModelReservation r) -> r.expiresAtMillis)
            .thenComparingLong(r -> r.lockOrder));
        for (final ModelReservation r : due)
        {
            for (final ModelLine line : r.lines)
            {
                if (line.open() > 0)
                {
                    state.releaseFromLine(line, line.open());
                }
            }
            r.expired = true;
            r.lastReleaseByExpiry = true;
            state.close(r);
        }
        final List<ModelLevel> changes = state.finishChanges();
        state.reservations.values().removeIf(r -> r.isClosed()
            && r.closedAtMillis + state.config.closedRetentionMillis() <= now);
        keys.values().removeIf(k -> k.storedAtMillis + state.config.idempotencyWindowMillis() <= now);
        return new ModelResult(ErrorCode.OK, false, sequence, List.of(), changes, null, List.of(), null);
    }

    private ModelResult getCell(final Command command)
    {
        if (!ModelCodes.isCode(command.sku) || !ModelCodes.isCode(command.warehouse))
        {
            return error(ErrorCode.INVALID_REQUEST, command.sequence);
        }
        final ModelCell cell = state.cell(command.sku, command.warehouse);
        return cell == null
            ? error(ErrorCode.SKU_NOT_FOUND, command.sequence)
            : new ModelResult(ErrorCode.OK, false, command.sequence, List.of(cell.level()), List.of(), null, List.of(),
                null);
    }

    private ModelResult getSku(final Command command)
    {
        if (!ModelCodes.isCode(command.sku))
        {
            return error(ErrorCode.INVALID_REQUEST, command.sequence);
        }
        final List<ModelCell> cells = state.cellsOf(command.sku);
        return cells.isEmpty()
            ? error(ErrorCode.SKU_NOT_FOUND, command.sequence)
            : new ModelResult(ErrorCode.OK, false, command.sequence, cells.stream().map(ModelCell::level).toList(),
                List.of(), null, List.of(), null);
    }

    private ModelResult getReservation(final Command command)
    {
        if (!ModelCodes.isOrderId(command.orderId))
        {
            return error(ErrorCode.INVALID_REQUEST, command.sequence);
        }
        final ModelReservation r = state.reservations.get(command.orderId);
        return r == null
            ? error(ErrorCode.ORDER_NOT_FOUND, command.sequence)
            : new ModelResult(ErrorCode.OK, false, command.sequence, List.of(), List.of(), r.view(), List.of(), null);
    }

    /** @return the sizes GET_DIGEST reports. */
    public ModelResult.Stats stats()
    {
        return new ModelResult.Stats(state.cells.size(), state.openCount(), state.closedCount(), keys.size());
    }

    // Read-only helpers for test generators (never used to decide an answer).

    /** @return the cell's levels, or null when it does not exist. */
    public ModelLevel level(final String sku, final String warehouse)
    {
        final ModelCell cell = state.cell(sku, warehouse);
        return cell == null ? null : cell.level();
    }

    /** @return the reservation's view, or null when it is not (or no longer) known. */
    public ModelView reservation(final String orderId)
    {
        final ModelReservation r = state.reservations.get(orderId);
        return r == null ? null : r.view();
    }

    /** @return every cell's levels, in creation order. */
    public List<ModelLevel> allLevels()
    {
        return state.cells.values().stream().map(ModelCell::level).toList();
    }

    /** @return the bound listings as (channel, listing id) pairs. */
    public List<List<String>> listingKeys()
    {
        return List.copyOf(state.catalog.listings.keySet());
    }

    /** @return every listing's published quantity as the model keeps it, by (channel, listing id). */
    public Map<List<String>, Long> publishedQuantities()
    {
        final Map<List<String>, Long> published = new LinkedHashMap<>();
        state.catalog.listings.forEach((key, listing) -> published.put(key, listing.published));
        return published;
    }

    /** @return the configured channels' codes. */
    public List<String> channelCodes()
    {
        return List.copyOf(state.catalog.channels.keySet());
    }

    /** @return the kits' codes. */
    public List<String> kitCodes()
    {
        return List.copyOf(state.catalog.kits.keySet());
    }

    /** @return the order ids currently known. */
    public List<String> orderIds()
    {
        return List.copyOf(state.reservations.keySet());
    }

    /** @return the engine time, the largest command timestamp seen. */
    public long engineTimeMillis()
    {
        return state.engineTimeMillis;
    }
}
