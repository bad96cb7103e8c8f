package dev.stockhold.gateway.binary.client;

import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.ReservationState;

import java.util.List;

/**
 * An answer of the server, immutable. Errors are values ({@link Failure}), not exceptions: a future
 * completes exceptionally only when the connection is lost.
 */
public sealed interface Result
    permits Result.Reservation, Result.Levels, Result.Failure, Result.Digest, Result.Subscribed,
    Result.Authenticated
{
    /** The {@link Reservation#expiresAtMillis()} of a reservation without expiry. */
    long NO_EXPIRY = Long.MIN_VALUE;

    /** @return the engine sequence of the command that produced this answer (0 if it never reached the engine). */
    long sequence();

    /** @return true unless this is a {@link Failure}. */
    default boolean isOk()
    {
        return !(this instanceof Failure);
    }

    /** @return the outcome: {@link ErrorCode#OK} or the failure's code. */
    default ErrorCode code()
    {
        return this instanceof Failure ? ((Failure)this).error() : ErrorCode.OK;
    }

    /** A reservation, answer to lock, release, deduct, return and get-reservation. */
    record Reservation(long sequence, boolean replayed, String orderId, String channel, ReservationState state,
        long createdAtMillis, long expiresAtMillis, List<ReservationLine> lines) implements Result
    {
    }

    /** One line of a reservation. */
    record ReservationLine(String sku, String warehouse, long quantity, boolean presale, long deducted,
        long released, long returned)
    {
    }

    /** Stock levels, answer to set, adjust, receive and get-stock. */
    record Levels(long sequence, boolean replayed, List<Level> levels) implements Result
    {
    }

    /** The levels of one stock cell, as docs/api.md defines them. */
    record Level(String sku, String warehouse, long onHand, long reserved, long available, long inTransit,
        long presaleReserved, long presaleAvailable, long safetyStock, long shortage, long version)
    {
    }

    /** A failed request: it changed nothing. */
    record Failure(long sequence, ErrorCode error, String detail, List<ShortLine> shortLines) implements Result
    {
    }

    /** A lock line that did not fit: what was asked and what was available. */
    record ShortLine(String sku, String warehouse, long requested, long available)
    {
    }

    /** The ledger's state digest and sizes. */
    record Digest(long sequence, long digest, long cellCount, long openReservations, long closedReservations,
        long idempotencyKeys) implements Result
    {
    }

    /** A change feed subscription is live; events after {@code sequence} follow. */
    record Subscribed(long sequence) implements Result
    {
    }

    /** The connection acts as API key {@code keyId} (0: the server has no keys). */
    record Authenticated(int keyId) implements Result
    {
        /** @return 0: an authentication never reaches the engine. */
        @Override
        public long sequence()
        {
            return 0;
        }
    }

    /** One command's change to stock: every cell it changed. */
    record ChangeEvent(long seq, long atMillis, List<Level> levels)
    {
    }

    /** One command's change to a channel: every listing of it whose published quantity the command changed. */
    record ChannelChangeEvent(long seq, long atMillis, String channel, List<ListingChange> listings)
    {
    }

    /** A listing's published quantity after a command, and the SKU or kit it is (or was) bound to. */
    record ListingChange(String listingId, String sku, long published)
    {
    }
}
