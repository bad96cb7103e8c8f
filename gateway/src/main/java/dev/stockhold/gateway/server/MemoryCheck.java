package dev.stockhold.gateway.server;

import dev.stockhold.engine.ledger.ChannelLimits;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.EnginePipeline;

import java.util.Locale;

/**
 * The start-up check of the ledger's limits against the heap: what the ledger holds when every limit is
 * reached, at the heap cost per item that docs/LIMITS.md gives (measured by the benchmarks' MemoryFootprint),
 * against the largest heap the JVM may use ({@code -Xmx}). Past it, the server would run out of memory before
 * its limits refuse anything.
 *
 * @param cells              stock cells at {@code ledger.maxCells}.
 * @param openReservations   one-line open reservations at {@code ledger.maxOpenReservations}.
 * @param closedReservations closed reservations at {@code ledger.maxClosedReservations}.
 * @param idempotencyKeys    remembered keys at {@code ledger.maxIdempotencyKeys}.
 * @param channels           channels, listings and kits at {@code ledger.maxChannels}, {@code ledger.maxListings}
 *                           and {@code ledger.maxKits}.
 * @param ring               the ring's slots once each has held a large order.
 */
record MemoryCheck(long cells, long openReservations, long closedReservations, long idempotencyKeys, long channels,
    long ring)
{
    /** Heap bytes per item (docs/LIMITS.md). */
    static final long CELL_BYTES = 341;
    static final long OPEN_RESERVATION_BYTES = 230;
    static final long CLOSED_RESERVATION_BYTES = 238;
    static final long IDEMPOTENCY_KEY_BYTES = 500;
    static final long RING_SLOT_BYTES = 1024;
    static final long CHANNEL_BYTES = 180;
    static final long LISTING_BYTES = 173;
    static final long KIT_BYTES = 280;

    /** What the server does when the limits need more heap than it has. */
    enum Mode
    {
        /** Log one warning with the numbers, and start. */
        WARN,
        /** Refuse to start: exit 2 with the numbers. */
        REFUSE,
        /** Neither. */
        OFF
    }

    /** @return the heap {@code ledger} needs with every limit reached. */
    static MemoryCheck of(final LedgerConfig ledger)
    {
        return new MemoryCheck(ledger.maxCells() * CELL_BYTES, ledger.maxOpenReservations() * OPEN_RESERVATION_BYTES,
            ledger.maxClosedReservations() * CLOSED_RESERVATION_BYTES,
            ledger.maxIdempotencyKeys() * IDEMPOTENCY_KEY_BYTES, channels(ledger.channelLimits()),
            EnginePipeline.DEFAULT_RING_SIZE * RING_SLOT_BYTES);
    }

    private static long channels(final ChannelLimits limits)
    {
        return limits.maxChannels() * CHANNEL_BYTES + limits.maxListings() * LISTING_BYTES
            + limits.maxKits() * KIT_BYTES;
    }

    /** @return the sum. */
    long total()
    {
        return cells + openReservations + closedReservations + idempotencyKeys + channels + ring;
    }

    /** @return true when the limits fit in {@code maxHeapBytes}. */
    boolean fits(final long maxHeapBytes)
    {
        return total() <= maxHeapBytes;
    }

    /** @return the figures as {@code key=value} pairs for a log line. */
    String fields(final long maxHeapBytes)
    {
        return "limitsBytes=" + total() + " heapBytes=" + maxHeapBytes + " cellsBytes=" + cells
            + " openReservationsBytes=" + openReservations + " closedReservationsBytes=" + closedReservations
            + " idempotencyKeysBytes=" + idempotencyKeys + " channelsBytes=" + channels + " ringBytes=" + ring;
    }

    /** @return the figures in words, for an operator. */
    String explain(final long maxHeapBytes)
    {
        return "the ledger limits need " + size(total()) + " of heap when reached (cells " + size(cells)
            + ", open reservations " + size(openReservations) + ", closed reservations " + size(closedReservations)
            + ", idempotency keys " + size(idempotencyKeys) + ", channels, listings and kits " + size(channels)
            + ", ring " + size(ring) + ") but the heap is " + size(maxHeapBytes) + ": lower ledger.maxCells,"
            + " ledger.maxOpenReservations, ledger.maxClosedReservations, ledger.maxIdempotencyKeys,"
            + " ledger.maxListings or ledger.maxKits (docs/LIMITS.md), or raise -Xmx";
    }

    /** @return {@code bytes} in MiB or GiB with one decimal. */
    static String size(final long bytes)
    {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double)(1L << 30))
            : String.format(Locale.ROOT, "%.1f MiB", bytes / (double)(1L << 20));
    }
}
