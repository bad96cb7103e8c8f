package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ReservationState;
import dev.stockhold.engine.command.ReservationView;

import java.util.Arrays;

/**
 * One order's reservation: its lines and what happened to each. Instances are pooled and reused once
 * forgotten; {@link #generation} tells a stale reference (in the expiry or presale queue) from the
 * current use. Ledger thread only.
 * <p>
 * Per line: {@code open = quantity - deducted - released}, and {@code returned <= deducted}.
 */
final class Reservation
{
    String orderId;
    String channel;
    long createdAtMillis;
    long expiresAtMillis;
    /** The engine sequence of the lock: ties between equal expiry times and presale FIFO order. */
    long lockSequence;
    /** A hash of the requested lines, to tell a repeated lock from a conflicting one. */
    long linesFingerprint;
    /** Bumped each time the instance is reused. */
    int generation;
    /** The TTL fired while something was open: release and deduct answer ERR_RESERVATION_EXPIRED. */
    boolean expired;
    /** Expiry, not a request, released the last open quantity. */
    boolean releasedByExpiry;
    long closedAtMillis;
    boolean closed;

    int lineCount;
    int[] cell = new int[4];
    long[] quantity = new long[4];
    long[] deducted = new long[4];
    long[] released = new long[4];
    long[] returned = new long[4];
    boolean[] presale = new boolean[4];

    /** Prepares a pooled instance for a new order. */
    void reset(final String orderId, final String channel, final long createdAtMillis, final long expiresAtMillis,
        final long lockSequence, final long linesFingerprint)
    {
        this.orderId = orderId;
        this.channel = channel;
        this.createdAtMillis = createdAtMillis;
        this.expiresAtMillis = expiresAtMillis;
        this.lockSequence = lockSequence;
        this.linesFingerprint = linesFingerprint;
        this.generation++;
        this.expired = false;
        this.releasedByExpiry = false;
        this.closedAtMillis = 0;
        this.closed = false;
        this.lineCount = 0;
    }

    /** Appends a line; returns its index. */
    int addLine(final int cellId, final long lineQuantity, final boolean isPresale)
    {
        if (lineCount == cell.length)
        {
            final int capacity = lineCount * 2;
            cell = Arrays.copyOf(cell, capacity);
            quantity = Arrays.copyOf(quantity, capacity);
            deducted = Arrays.copyOf(deducted, capacity);
            released = Arrays.copyOf(released, capacity);
            returned = Arrays.copyOf(returned, capacity);
            presale = Arrays.copyOf(presale, capacity);
        }
        final int line = lineCount++;
        cell[line] = cellId;
        quantity[line] = lineQuantity;
        deducted[line] = 0;
        released[line] = 0;
        returned[line] = 0;
        presale[line] = isPresale;
        return line;
    }

    long open(final int line)
    {
        return quantity[line] - deducted[line] - released[line];
    }

    long returnable(final int line)
    {
        return deducted[line] - returned[line];
    }

    long totalOpen()
    {
        long total = 0;
        for (int i = 0; i < lineCount; i++)
        {
            total += open(i);
        }
        return total;
    }

    /** @return the state its lines imply (api.md). */
    ReservationState state()
    {
        long open = 0;
        long deductedTotal = 0;
        long returnedTotal = 0;
        long releasedTotal = 0;
        for (int i = 0; i < lineCount; i++)
        {
            open += open(i);
            deductedTotal += deducted[i];
            returnedTotal += returned[i];
            releasedTotal += released[i];
        }
        if (open > 0)
        {
            return deductedTotal == 0 && releasedTotal == 0 ? ReservationState.LOCKED : ReservationState.PARTIAL;
        }
        if (deductedTotal > 0)
        {
            return returnedTotal == deductedTotal ? ReservationState.RETURNED : ReservationState.DEDUCTED;
        }
        return releasedByExpiry ? ReservationState.EXPIRED : ReservationState.RELEASED;
    }

    /** Copies this reservation into an answer. */
    void copyTo(final ReservationView view, final StockCells cells)
    {
        view.set(orderId, channel, state(), createdAtMillis, expiresAtMillis);
        for (int i = 0; i < lineCount; i++)
        {
            view.addLine(cells.skuCode(cell[i]), cells.warehouseCode(cell[i]), quantity[i], presale[i], deducted[i],
                released[i], returned[i]);
        }
    }

    /** @return a hash of everything observable about this reservation. */
    long digest()
    {
        long hash = Hashing.mix(Hashing.SEED, orderId);
        hash = Hashing.mix(hash, channel);
        hash = Hashing.mix(hash, createdAtMillis);
        hash = Hashing.mix(hash, expiresAtMillis);
        hash = Hashing.mix(hash, lockSequence);
        hash = Hashing.mix(hash, (expired ? 1 : 0) | (releasedByExpiry ? 2 : 0) | (closed ? 4 : 0));
        hash = Hashing.mix(hash, closedAtMillis);
        for (int i = 0; i < lineCount; i++)
        {
            hash = Hashing.mix(hash, cell[i]);
            hash = Hashing.mix(hash, quantity[i]);
            hash = Hashing.mix(hash, deducted[i]);
            hash = Hashing.mix(hash, released[i]);
            hash = Hashing.mix(hash, returned[i]);
            hash = Hashing.mix(hash, presale[i] ? 1 : 0);
        }
        return hash;
    }
}
