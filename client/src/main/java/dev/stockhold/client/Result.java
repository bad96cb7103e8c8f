package dev.stockhold.client;

import java.util.List;

/**
 * An answer of the server, immutable. Errors are values ({@link Failure}), not exceptions: a future
 * completes exceptionally only when the request timed out, the connection was lost or the client closed.
 */
public sealed interface Result
    permits Result.Reservation, Result.Levels, Result.Failure, Result.Digest, Result.Subscribed,
    Result.Authenticated, Result.Channels, Result.Listing, Result.Allocation, Result.Kit, Result.Push
{
    /** The {@link Reservation#expiresAtMillis()} of a reservation without expiry. */
    long NO_EXPIRY = Long.MIN_VALUE;
    /** The {@link Channel#maxUnits()} of a channel without a cap. */
    long NO_CAP = Long.MIN_VALUE;

    /** @return the engine sequence of the command that produced this answer (0 if it never reached the engine). */
    long sequence();

    /** @return true unless this is a {@link Failure}. */
    default boolean isOk()
    {
        return !(this instanceof Failure);
    }

    /** @return the outcome: {@link ResultCode#OK} or the failure's code. */
    default ResultCode code()
    {
        return this instanceof Failure ? ((Failure)this).error() : ResultCode.OK;
    }

    /** A reservation, answer to lock, release, deduct, return and get-reservation. */
    record Reservation(long sequence, boolean replayed, String orderId, String channel, ReservationState state,
        long createdAtMillis, long expiresAtMillis, List<ReservationLine> lines) implements Result
    {
    }

    /**
     * One line of a reservation.
     *
     * @param kit     the kit this line is a component of, or null.
     * @param listing the channel listing the lock line named, or null.
     */
    record ReservationLine(String sku, String warehouse, long quantity, boolean presale, long deducted,
        long released, long returned, String kit, String listing)
    {
    }

    /** Stock levels, answer to set, adjust, receive and get-stock. */
    record Levels(long sequence, boolean replayed, List<Level> levels) implements Result
    {
    }

    /**
     * The levels of one stock cell, as docs/api.md defines them.
     *
     * @param allocated the sum of the channels' allocations of the cell.
     */
    record Level(String sku, String warehouse, long onHand, long reserved, long available, long inTransit,
        long presaleReserved, long presaleAvailable, long safetyStock, long allocated, long shortage, long version)
    {
    }

    /** A failed request: it changed nothing. */
    record Failure(long sequence, ResultCode error, String detail, List<ShortLine> shortLines) implements Result
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

    /** Channels' rules: one for a channel's put or get, every channel in code order for a list. */
    record Channels(long sequence, boolean replayed, List<Channel> channels) implements Result
    {
    }

    /**
     * One channel's rules.
     *
     * @param warehouses the warehouses that feed it, in the order they were put; null: every warehouse.
     * @param maxUnits   the cap on any listing's published quantity, or {@link #NO_CAP}.
     * @param push       its push settings, or null: the channel does not push.
     */
    record Channel(String channel, List<String> warehouses, long bufferUnits, long percent, long maxUnits,
        boolean allowPresale, long version, ChannelPush push)
    {
        /** A channel without push. */
        public Channel(final String channel, final List<String> warehouses, final long bufferUnits,
            final long percent, final long maxUnits, final boolean allowPresale, final long version)
        {
            this(channel, warehouses, bufferUnits, percent, maxUnits, allowPresale, version, null);
        }
    }

    /** A channel's push settings as answered: the secret is write-only, so only its presence is implied. */
    record ChannelPush(String url, long ratePerSecond, long burst, long maxListings)
    {
    }

    /**
     * A channel's push progress, answer to get-push.
     *
     * @param acknowledgedSeq the largest {@code seq} of a delivery the channel acknowledged (0 before any).
     * @param pendingListings listings waiting for a delivery, dead letters not counted.
     * @param deadLetters     listings parked by a delivery the channel refused, until the channel is put again.
     * @param lastError       the latest failed attempt since the last success, or null.
     * @param lagMillis       the age of the oldest unacknowledged change, 0 when caught up.
     */
    record Push(long sequence, String channel, long acknowledgedSeq, long pendingListings,
        List<DeadLetter> deadLetters, String lastError, long lagMillis) implements Result
    {
    }

    /** A listing parked because the channel answered a delivery of it with {@code status}, at {@code atMillis}. */
    record DeadLetter(String listingId, int status, long atMillis)
    {
    }

    /**
     * A channel listing, answer to bind, unbind (as it was bound, published 0) and get-listing.
     *
     * @param sku the SKU or kit the listing is bound to.
     */
    record Listing(long sequence, boolean replayed, String channel, String listingId, String sku, long published,
        long version) implements Result
    {
    }

    /** The units of a cell a channel holds for itself; units and version 0 when it holds none. */
    record Allocation(long sequence, boolean replayed, String channel, String sku, String warehouse, long units,
        long version) implements Result
    {
    }

    /**
     * A kit, answer to put-kit and get-kit.
     *
     * @param available  the whole kits every warehouse together could ship.
     * @param warehouses in priority order, every warehouse where each component has a cell.
     */
    record Kit(long sequence, boolean replayed, String sku, List<KitComponent> components, long available,
        List<KitWarehouse> warehouses, long version) implements Result
    {
    }

    /** One component of a kit: a stocked SKU and how many of it one kit takes. */
    record KitComponent(String sku, long quantity)
    {
    }

    /** How many whole kits one warehouse could ship. */
    record KitWarehouse(String warehouse, long available)
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
