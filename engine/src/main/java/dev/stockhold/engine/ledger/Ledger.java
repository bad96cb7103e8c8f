package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.Validation;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;

/**
 * The single-writer stock ledger: every stock cell, reservation, remembered idempotency key, channel,
 * listing, kit and allocation, and every rule of docs/design.md and docs/channels.md. One thread applies commands in sequence order; nothing here reads a clock,
 * draws a random number or does I/O, so replaying the same commands rebuilds exactly the same state.
 * <p>
 * Engine time is the largest timestamp of the mutating (journaled) commands seen so far, so it never
 * runs backwards even when producers stamp commands slightly out of order, and a replay of the journal
 * sees exactly the same times. A failed command changes nothing.
 */
public final class Ledger
{
    private final LedgerConfig config;
    final StockCells cells;
    final ReservationBook book;
    final ExpiryQueue expiry = new ExpiryQueue();
    final PresaleQueues presale = new PresaleQueues();
    final IdempotencyWindow keys;
    final ChannelState channelState;
    private final Locking locking;
    private final Settlement settlement;
    private final StockSync stockSync;
    private final ChannelCommands channelCommands;
    private final KitCommands kitCommands;
    final LedgerChecks checks;

    long nowMillis = Long.MIN_VALUE;
    long lastAppliedSequence;
    /** Mutating commands applied: a replay-stable order number for locks. */
    long mutations;

    /** Creates an empty ledger. */
    public Ledger(final LedgerConfig config)
    {
        this.config = config;
        this.cells = new StockCells(config.warehousePriority());
        this.book = new ReservationBook(config.closedRetentionMillis(), config.maxClosedReservations());
        this.keys = new IdempotencyWindow(config.idempotencyWindowMillis(), config.maxIdempotencyKeys());
        this.channelState = new ChannelState(cells);
        this.locking = new Locking(cells, book, expiry, presale, config, channelState);
        this.settlement = new Settlement(cells, book, config, channelState);
        this.stockSync = new StockSync(cells, presale, config, channelState);
        final ChannelState state = channelState;
        this.channelCommands = new ChannelCommands(cells, state.channels, state.listings, state.kits,
            state.allocations, state.publisher, state.pushes, config.channelLimits());
        this.kitCommands = new KitCommands(cells, state, config.channelLimits());
        this.checks = new LedgerChecks(cells, book, state);
    }

    /** @return the configuration this ledger runs with. */
    public LedgerConfig config()
    {
        return config;
    }

    /**
     * Applies one command and writes its answer into {@code command.result}. Ledger thread only.
     *
     * @param command a command whose header and payload are filled; its result is overwritten.
     * @throws LedgerInvariantException when the command broke one of the ledger's invariants: the ledger
     *                                  must not be used any more.
     */
    public void apply(final Command command)
    {
        final CommandResult result = command.result;
        result.clear();
        result.sequence(command.sequence);
        cells.beginCommand();
        channelState.publisher.beginCommand();
        final CommandType type = command.type;
        if (type == null)
        {
            result.fail(ErrorCode.INVALID_REQUEST, "unknown command type");
            return;
        }
        if (type.isMutating())
        {
            // Only journaled commands move engine time: a read stamped later than the next write must not
            // change what that write records, or a replay (which never sees reads) would differ.
            nowMillis = Math.max(nowMillis, command.timestampMillis);
            lastAppliedSequence = command.sequence;
            mutations++;
        }
        if (command.idempotencyKey != null && type.takesIdempotencyKey())
        {
            applyWithKey(command);
        }
        else
        {
            dispatch(command);
        }
        cells.copyChanges(result.changes());
        channelState.publisher.afterCommand(result.published());
        result.published().sort();
        if (type.isMutating() && result.isOk() && !result.isReplayed())
        {
            channelState.pushes.record(result.published(), command.sequence, nowMillis);
        }
        checks.afterCommand(command);
    }

    /** A repeat of a key answers its first result and applies nothing; another request under it is refused. */
    private void applyWithKey(final Command command)
    {
        final CommandResult result = command.result;
        if (!Validation.isIdempotencyKey(command.idempotencyKey))
        {
            result.fail(ErrorCode.INVALID_REQUEST, "Idempotency-Key must be 1-128 printable ASCII characters");
            return;
        }
        final long fingerprint = CommandFingerprint.of(command);
        final IdempotencyWindow.Entry seen = keys.find(command.clientId, command.idempotencyKey);
        if (seen == null)
        {
            dispatch(command);
            keys.remember(command.clientId, command.idempotencyKey, fingerprint, nowMillis, result);
        }
        else if (seen.fingerprint == fingerprint)
        {
            result.copyFrom(seen.result);
            result.replayed(true);
        }
        else
        {
            result.fail(ErrorCode.IDEMPOTENCY_KEY_REUSED, "the key was used for another request");
        }
    }

    private void dispatch(final Command command)
    {
        switch (command.type)
        {
            case LOCK -> locking.lock(command, nowMillis, mutations);
            case RELEASE, DEDUCT, RETURN -> settlement.settle(command, nowMillis);
            case SET_STOCK -> stockSync.set(command);
            case ADJUST -> stockSync.adjust(command);
            case RECEIVE -> stockSync.receive(command);
            case TICK -> tick();
            case PUT_CHANNEL -> channelCommands.putChannel(command, nowMillis);
            case PUSH_OUTCOME -> channelCommands.pushOutcome(command, nowMillis);
            case GET_PUSH -> channelCommands.getPush(command, command.timestampMillis, false);
            case NEXT_DELIVERY -> channelCommands.getPush(command, command.timestampMillis, true);
            case BIND_LISTING -> channelCommands.bindListing(command);
            case UNBIND_LISTING -> channelCommands.unbindListing(command);
            case PUT_KIT -> kitCommands.putKit(command);
            case SET_ALLOCATION -> channelState.escrow.setAllocation(command, mutations);
            case GET_CHANNEL -> channelCommands.getChannel(command);
            case LIST_CHANNELS -> channelCommands.listChannels(command);
            case GET_LISTING -> channelCommands.getListing(command);
            case GET_KIT -> kitCommands.getKit(command);
            case GET_ALLOCATION -> channelState.escrow.getAllocation(command);
            case GET_CELL -> getCell(command);
            case GET_SKU -> getSku(command);
            case GET_RESERVATION -> getReservation(command);
            case GET_DIGEST -> command.result.stats(digest(), cells.count(), book.openCount(), book.closedCount(),
                keys.size());
            case GET_STATS -> command.result.stats(0, cells.count(), book.openCount(), book.closedCount(), keys.size());
            case MARK ->
            {
                // A place in the sequence and nothing else.
            }
            case SNAPSHOT ->
            {
                // Taken by the pipeline's ledger stage right after this call, at this point of the sequence.
            }
            default -> command.result.fail(ErrorCode.INVALID_REQUEST, "unknown command type");
        }
    }

    /** Expires due reservations, then forgets closed orders and keys past their retention. */
    private void tick()
    {
        Reservation due;
        while ((due = expiry.pollDue(nowMillis)) != null)
        {
            if (due.closed)
            {
                continue;
            }
            for (int line = 0; line < due.lineCount; line++)
            {
                final long open = due.open(line);
                if (open > 0)
                {
                    due.addReleased(line, open);
                    if (due.presale(line))
                    {
                        cells.addPresaleReserved(due.cell(line), -open);
                    }
                    else
                    {
                        channelState.escrow.release(due, line, open);
                    }
                }
            }
            due.expired = true;
            due.releasedByExpiry = true;
            book.close(due, nowMillis);
        }
        book.expireClosed(nowMillis);
        keys.expire(nowMillis);
    }

    private void getCell(final Command command)
    {
        final int cell = Validation.isCode(command.sku) && Validation.isCode(command.warehouse)
            ? cells.find(command.sku, command.warehouse) : StockCells.MISSING;
        if (cell == StockCells.MISSING)
        {
            command.result.fail(ErrorCode.SKU_NOT_FOUND, "no stock cell for that sku and warehouse");
            return;
        }
        cells.copyLevel(cell, command.result.levels());
    }

    private void getSku(final Command command)
    {
        final int skuId = Validation.isCode(command.sku) ? cells.findSku(command.sku) : StockCells.MISSING;
        if (skuId == StockCells.MISSING)
        {
            command.result.fail(ErrorCode.SKU_NOT_FOUND, "no stock cell for that sku");
            return;
        }
        final IntArrayList skuCells = cells.cellsOfSku(skuId);
        for (int i = 0; i < skuCells.size(); i++)
        {
            cells.copyLevel(skuCells.getInt(i), command.result.levels());
        }
    }

    private void getReservation(final Command command)
    {
        final Reservation reservation = command.orderId == null ? null : book.find(command.orderId);
        if (reservation == null)
        {
            command.result.fail(ErrorCode.ORDER_NOT_FOUND, "no reservation with that orderId");
            return;
        }
        reservation.copyTo(command.result.reservation(), cells, channelState.kits);
    }

    /**
     * @return a 64-bit hash over all cells, reservations, channels, listings, kits and allocations: equal
     * states give equal digests.
     */
    public long digest()
    {
        long cellsDigest = CellDigest.start(cells);
        for (int cell = 0; cell < cells.count(); cell++)
        {
            cellsDigest = CellDigest.next(cells, cellsDigest, cell);
        }
        return digest(cellsDigest, book.digest(), channelState.digest());
    }

    /** @return the ledger digest from its parts. */
    static long digest(final long cellsDigest, final long reservationsDigest, final long channelsDigest)
    {
        return Hashing.mix(Hashing.mix(cellsDigest, reservationsDigest), channelsDigest);
    }

    /** @return the engine sequence of the last mutating command applied (0 before any). */
    public long lastAppliedSequence()
    {
        return lastAppliedSequence;
    }

    /** @return the number of stock cells. */
    public int cellCount()
    {
        return cells.count();
    }

    /** @return the number of reservations with something open. */
    public int openReservations()
    {
        return book.openCount();
    }

    /**
     * Writes the whole state at {@code offset} (format in {@link LedgerSnapshot}). Ledger thread only.
     *
     * @return the number of bytes written.
     */
    public int writeSnapshot(final ExpandableArrayBuffer buffer, final int offset)
    {
        return LedgerSnapshot.write(this, buffer, offset);
    }

    /**
     * Rebuilds a ledger from a snapshot written by {@link #writeSnapshot}; the configuration must be the
     * one the snapshot was taken with.
     *
     * @throws IllegalArgumentException when the bytes are not a complete snapshot of a known version.
     */
    public static Ledger fromSnapshot(final LedgerConfig config, final DirectBuffer buffer, final int offset,
        final int length)
    {
        final Ledger ledger = new Ledger(config);
        LedgerSnapshot.read(ledger, buffer, offset, length);
        ledger.checks.restarted();
        return ledger;
    }
}
