package dev.stockhold.engine.ledger;

import java.util.List;
import java.util.Objects;

/**
 * The ledger's limits and warehouse priority. Every limit bounds memory; docs/LIMITS.md gives each one's
 * cost. A replay must use the same configuration as the run it replays.
 *
 * @param warehousePriority      warehouses the engine tries first, in order, when a lock line names none.
 * @param idempotencyWindowMillis how long an idempotency key is remembered, in engine time.
 * @param maxIdempotencyKeys     the most keys remembered; the oldest is forgotten first.
 * @param closedRetentionMillis  how long a closed reservation is kept, in engine time.
 * @param maxClosedReservations  the most closed reservations kept; the oldest is forgotten first.
 * @param maxOpenReservations    the most open reservations; a lock beyond it is ERR_OVERLOADED.
 * @param maxCells               the most stock cells; creating more is ERR_INVALID_REQUEST.
 * @param maxLinesPerOrder       the most lines in one lock, release, deduct or return.
 * @param maxBatchItems          the most cells in one set-stock batch.
 * @param channelLimits          the limits on channels, listings and kits.
 */
public record LedgerConfig(
    List<String> warehousePriority,
    long idempotencyWindowMillis,
    int maxIdempotencyKeys,
    long closedRetentionMillis,
    int maxClosedReservations,
    int maxOpenReservations,
    int maxCells,
    int maxLinesPerOrder,
    int maxBatchItems,
    ChannelLimits channelLimits)
{
    private static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

    public LedgerConfig
    {
        warehousePriority = List.copyOf(Objects.requireNonNull(warehousePriority));
        Objects.requireNonNull(channelLimits);
    }

    /** A configuration with the default channel limits. */
    public LedgerConfig(
        final List<String> warehousePriority,
        final long idempotencyWindowMillis,
        final int maxIdempotencyKeys,
        final long closedRetentionMillis,
        final int maxClosedReservations,
        final int maxOpenReservations,
        final int maxCells,
        final int maxLinesPerOrder,
        final int maxBatchItems)
    {
        this(warehousePriority, idempotencyWindowMillis, maxIdempotencyKeys, closedRetentionMillis,
            maxClosedReservations, maxOpenReservations, maxCells, maxLinesPerOrder, maxBatchItems,
            ChannelLimits.defaults());
    }

    /**
     * @return the defaults of docs/LIMITS.md: 24 h and 10 M keys, 30 days and 10 M closed orders, 100 lines,
     * and {@link ChannelLimits#defaults()}.
     */
    public static LedgerConfig defaults()
    {
        return new LedgerConfig(List.of(), DAY_MILLIS, 10_000_000, 30 * DAY_MILLIS, 10_000_000, 10_000_000,
            10_000_000, 100, 10_000);
    }

    /** @return a copy with another warehouse priority. */
    public LedgerConfig withWarehousePriority(final List<String> priority)
    {
        return new LedgerConfig(priority, idempotencyWindowMillis, maxIdempotencyKeys, closedRetentionMillis,
            maxClosedReservations, maxOpenReservations, maxCells, maxLinesPerOrder, maxBatchItems, channelLimits);
    }

    /** @return a copy with other idempotency-key limits. */
    public LedgerConfig withIdempotency(final long windowMillis, final int maxKeys)
    {
        return new LedgerConfig(warehousePriority, windowMillis, maxKeys, closedRetentionMillis,
            maxClosedReservations, maxOpenReservations, maxCells, maxLinesPerOrder, maxBatchItems, channelLimits);
    }

    /** @return a copy with other closed-reservation limits. */
    public LedgerConfig withClosedRetention(final long retentionMillis, final int maxClosed)
    {
        return new LedgerConfig(warehousePriority, idempotencyWindowMillis, maxIdempotencyKeys, retentionMillis,
            maxClosed, maxOpenReservations, maxCells, maxLinesPerOrder, maxBatchItems, channelLimits);
    }

    /** @return a copy with other size limits. */
    public LedgerConfig withSizeLimits(final int maxOpen, final int maxCells, final int maxLines, final int maxBatch)
    {
        return new LedgerConfig(warehousePriority, idempotencyWindowMillis, maxIdempotencyKeys, closedRetentionMillis,
            maxClosedReservations, maxOpen, maxCells, maxLines, maxBatch, channelLimits);
    }

    /** @return a copy with other channel, listing and kit limits. */
    public LedgerConfig withChannelLimits(final ChannelLimits limits)
    {
        return new LedgerConfig(warehousePriority, idempotencyWindowMillis, maxIdempotencyKeys, closedRetentionMillis,
            maxClosedReservations, maxOpenReservations, maxCells, maxLinesPerOrder, maxBatchItems, limits);
    }
}
