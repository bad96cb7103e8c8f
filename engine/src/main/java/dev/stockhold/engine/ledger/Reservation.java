package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ReservationState;
import dev.stockhold.engine.command.ReservationView;

import java.util.Arrays;

/**
 * One order's reservation: its lines and what happened to each. Instances are pooled and reused once
 * forgotten; {@link #generation} tells a stale reference (in the expiry or presale queue) from the
 * current use. Ledger thread only.
 * <p>
 * Per line: {@code open = quantity - deducted - released}, {@code returned <= deducted}, and
 * {@code fromAllocation <= open} (the part of the open quantity its channel's allocation gave).
 */
final class Reservation
{
    String orderId;
    String channel;
    /** The configured channel the lock belonged to when it was made, or -1: whose allocations it used. */
    int channelId = -1;
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

    /** The order id's hash, cached for the index: no second pass over the id's characters. */
    int orderHash;
    /** This instance's permanent place in the order index's slab. */
    final int slot;
    int lineCount;
    /**
     * Lines packed in one array, {@link #STRIDE} longs each, so a reused instance costs one or two cache
     * misses instead of one per field: cell id and presale flag, quantity, deducted, released, returned.
     */
    private long[] lines = new long[STRIDE];
    /** Per line, the listing id the lock line named; null until a line names one (most locks are by SKU). */
    private String[] listings;

    private static final int STRIDE = 6;
    /** Cell id in the low 32 bits, the presale flag in bit 32, the kit id plus one from bit 33 (0: no kit). */
    private static final int CELL = 0;
    private static final int QUANTITY = 1;
    private static final int DEDUCTED = 2;
    private static final int RELEASED = 3;
    private static final int RETURNED = 4;
    /** The part of the line's open quantity that came from its channel's allocation. */
    private static final int FROM_ALLOCATION = 5;
    private static final long PRESALE_FLAG = 1L << 32;
    private static final int KIT_SHIFT = 33;

    Reservation(final int slot)
    {
        this.slot = slot;
    }

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
        this.channelId = -1;
        this.orderHash = HashSlots.hash(orderId);
    }

    /** Appends a line of a plain SKU locked by SKU; returns its index. */
    int addLine(final int cellId, final long lineQuantity, final boolean isPresale)
    {
        return addLine(cellId, lineQuantity, isPresale, -1, null);
    }

    /**
     * Appends a line; returns its index.
     *
     * @param kitId   the kit this line is a component of, or -1.
     * @param listing the listing id the lock line named, or null.
     */
    int addLine(final int cellId, final long lineQuantity, final boolean isPresale, final int kitId,
        final String listing)
    {
        if ((lineCount + 1) * STRIDE > lines.length)
        {
            lines = Arrays.copyOf(lines, lines.length * 2);
        }
        final int line = lineCount++;
        final int base = line * STRIDE;
        if (listing != null || listings != null)
        {
            if (listings == null || line >= listings.length)
            {
                listings = Arrays.copyOf(listings == null ? new String[0] : listings, Math.max(4, line * 2));
            }
            listings[line] = listing;
        }
        lines[base + FROM_ALLOCATION] = 0;
        lines[base + CELL] = (cellId & 0xFFFF_FFFFL) | (isPresale ? PRESALE_FLAG : 0) | ((long)(kitId + 1) << KIT_SHIFT);
        lines[base + QUANTITY] = lineQuantity;
        lines[base + DEDUCTED] = 0;
        lines[base + RELEASED] = 0;
        lines[base + RETURNED] = 0;
        return line;
    }

    int cell(final int line)
    {
        return (int)lines[line * STRIDE + CELL];
    }

    boolean presale(final int line)
    {
        return (lines[line * STRIDE + CELL] & PRESALE_FLAG) != 0;
    }

    /** Turns a presale line into a regular one (its stock has arrived), or back for a snapshot load. */
    void presale(final int line, final boolean isPresale)
    {
        final int base = line * STRIDE;
        lines[base + CELL] = (lines[base + CELL] & ~PRESALE_FLAG) | (isPresale ? PRESALE_FLAG : 0);
    }

    /** @return the kit this line is a component of, or -1. */
    int kit(final int line)
    {
        return (int)(lines[line * STRIDE + CELL] >>> KIT_SHIFT) - 1;
    }

    /** @return the listing id the lock line named, or null. */
    String listing(final int line)
    {
        return listings == null ? null : listings[line];
    }

    long fromAllocation(final int line)
    {
        return lines[line * STRIDE + FROM_ALLOCATION];
    }

    void addFromAllocation(final int line, final long delta)
    {
        lines[line * STRIDE + FROM_ALLOCATION] += delta;
    }

    long quantity(final int line)
    {
        return lines[line * STRIDE + QUANTITY];
    }

    long deducted(final int line)
    {
        return lines[line * STRIDE + DEDUCTED];
    }

    long released(final int line)
    {
        return lines[line * STRIDE + RELEASED];
    }

    long returned(final int line)
    {
        return lines[line * STRIDE + RETURNED];
    }

    void addDeducted(final int line, final long delta)
    {
        lines[line * STRIDE + DEDUCTED] += delta;
    }

    void addReleased(final int line, final long delta)
    {
        lines[line * STRIDE + RELEASED] += delta;
    }

    void addReturned(final int line, final long delta)
    {
        lines[line * STRIDE + RETURNED] += delta;
    }

    long open(final int line)
    {
        final int base = line * STRIDE;
        return lines[base + QUANTITY] - lines[base + DEDUCTED] - lines[base + RELEASED];
    }

    long returnable(final int line)
    {
        return deducted(line) - returned(line);
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

    /** @return the state its lines imply (docs/design.md, Reservation states). */
    ReservationState state()
    {
        long open = 0;
        long deductedTotal = 0;
        long returnedTotal = 0;
        long releasedTotal = 0;
        for (int i = 0; i < lineCount; i++)
        {
            open += open(i);
            deductedTotal += deducted(i);
            returnedTotal += returned(i);
            releasedTotal += released(i);
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

    /** Copies this reservation into an answer; {@code kits} names the kits of component lines. */
    void copyTo(final ReservationView view, final StockCells cells, final KitTable kits)
    {
        view.set(orderId, channel, state(), createdAtMillis, expiresAtMillis);
        for (int i = 0; i < lineCount; i++)
        {
            view.addLine(cells.skuCode(cell(i)), cells.warehouseCode(cell(i)), quantity(i), presale(i), deducted(i),
                released(i), returned(i), kit(i) < 0 ? null : kits.code(kit(i)), listing(i));
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
        hash = Hashing.mix(hash, channelId);
        for (int i = 0; i < lineCount; i++)
        {
            final int base = i * STRIDE;
            for (int field = CELL; field <= FROM_ALLOCATION; field++)
            {
                hash = Hashing.mix(hash, lines[base + field]);
            }
            hash = Hashing.mix(hash, listing(i));
        }
        return hash;
    }
}
