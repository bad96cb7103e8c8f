package dev.stockhold.engine.command;

/**
 * One slot of the ring: a command, filled by a producer, and its result, filled by the ledger.
 * <p>
 * Slots are pre-allocated and reused, so nothing here is allocated per command once the slot has seen
 * its largest order. Fields are public in the manner of a ring event: the producer writes the header
 * and the payload of its {@link #type}, the ledger writes {@link #result}, and the Disruptor's sequence
 * barriers order those writes. Which payload fields a type reads:
 * <ul>
 *   <li>LOCK: orderId, channel, ttlSeconds, allowPresale, allowSplit, lines.</li>
 *   <li>RELEASE, DEDUCT, RETURN: orderId, lines (empty means the whole order).</li>
 *   <li>SET_STOCK: items (one for a PUT, many for a batch).</li>
 *   <li>ADJUST: sku, warehouse, onHandDelta, inTransitDelta, safetyStockDelta, reason.</li>
 *   <li>RECEIVE: sku, warehouse, quantity.</li>
 *   <li>TICK, SNAPSHOT, GET_DIGEST, GET_STATS, MARK: only the header.</li>
 *   <li>GET_CELL: sku, warehouse. GET_SKU: sku. GET_RESERVATION: orderId.</li>
 *   <li>PUT_CHANNEL: channel, channelWarehouses (absent: every warehouse), bufferUnits, percent, maxUnits
 *   ({@link #ABSENT}: no cap), allowPresale.</li>
 *   <li>BIND_LISTING: channel, listing, sku (a stocked SKU or a kit). UNBIND_LISTING, GET_LISTING: channel,
 *   listing.</li>
 *   <li>PUT_KIT: sku (the kit's code), lines (the components: SKU and quantity, no warehouse). GET_KIT: sku.</li>
 *   <li>SET_ALLOCATION: channel, sku, warehouse, quantity (the units). GET_ALLOCATION: channel, sku,
 *   warehouse.</li>
 *   <li>GET_CHANNEL: channel. LIST_CHANNELS: only the header.</li>
 *   <li>PUT_CHANNEL also reads the push settings: pushUrl (null: no push), pushSecret, pushRatePerSecond,
 *   pushBurst, pushMaxListings.</li>
 *   <li>PUSH_OUTCOME: channel, delivery, status (the HTTP status, 0 when no answer came), reason (the error,
 *   or null), pushed (the delivery's listings). GET_PUSH, NEXT_DELIVERY: channel.</li>
 * </ul>
 * A lock line names a SKU or, for a configured channel's lock, one of its listings ({@link OrderLines}).
 * <p>
 * The builders of the channel side's commands (channels, push, listings, kits, allocations) are written out in
 * {@link ChannelFills}, the field-by-field reset and copy in {@link RequestFields}.
 */
public final class Command
{
    /** A set-stock field the request left out. */
    public static final long ABSENT = Long.MIN_VALUE;

    // Every request field below is reset and copied by RequestFields: a field added here is added there too.

    // Header: journaled with every mutating command.
    /** Engine sequence, assigned when the command entered the ring. */
    public long sequence;
    /** Engine time in epoch milliseconds, given when the command entered the ring. */
    public long timestampMillis;
    /** The API key that sent the command (0 when auth is off); also the idempotency scope. */
    public int clientId;
    /** The gateway's request id, for tracing an answer back to its request. */
    public long requestId;
    public CommandType type;
    /** The request's idempotency key, or null. */
    public String idempotencyKey;

    // Transient: where the answer goes. Never journaled.
    /** The producer's reply context (a channel, a future); opaque to the engine. */
    public Object replyTo;
    /** The producer's correlation id within its reply context. */
    public long correlationId;

    // Payload.
    public String orderId;
    public String channel;
    /** Reservation time to live; 0 means no expiry. */
    public int ttlSeconds;
    public boolean allowPresale;
    public boolean allowSplit;
    public final OrderLines lines = new OrderLines();
    public final StockItems items = new StockItems();
    public String sku;
    public String warehouse;
    public long onHandDelta;
    public long inTransitDelta;
    public long safetyStockDelta;
    public String reason;
    public long quantity;
    /** A channel's listing id (bind, unbind, read). */
    public String listing;
    /** A channel's warehouses; absent means every warehouse. */
    public final CodeList channelWarehouses = new CodeList();
    public long bufferUnits;
    public long percent;
    /** A channel's cap on published quantities, or {@link #ABSENT} for none. */
    public long maxUnits;
    /** Where a channel's deliveries go, or null for a channel without push. */
    public String pushUrl;
    public String pushSecret;
    public long pushRatePerSecond;
    public long pushBurst;
    public long pushMaxListings;
    /** A push delivery's id. */
    public String delivery;
    /** A push delivery's HTTP status, 0 when the attempt got no answer (timeout, refused connection). */
    public int status;
    /** A push delivery's listings. */
    public final PushedListings pushed = new PushedListings();

    /** The ledger's answer. */
    public final CommandResult result = new CommandResult();

    /** Resets every field, keeping capacity. */
    public Command clear()
    {
        clearRequest();
        result.clear();
        return this;
    }

    /**
     * Resets the header, reply context and payload but not the result, keeping capacity: for a decoder on
     * another thread than the ledger, which resets the result itself when it applies the command, so the
     * result's memory is written by one thread only.
     */
    public Command clearRequest()
    {
        RequestFields.clear(this);
        return this;
    }

    /**
     * Copies the header and payload of {@code other} into this slot (not the sequence and not the
     * result): how a producer moves a request it decoded into the ring.
     */
    public void copyFrom(final Command other)
    {
        RequestFields.copy(other, this);
    }

    // Builders: each clears the request and fills one command type, so callers cannot leave stale fields.
    // The result is the ledger's: it resets it when it applies the command.

    /** Fills a lock of {@code orderId}; add lines to {@link #lines}. */
    public Command lock(final String orderId, final String channel, final int ttlSeconds,
        final boolean allowPresale, final boolean allowSplit)
    {
        clearRequest();
        this.type = CommandType.LOCK;
        this.orderId = orderId;
        this.channel = channel;
        this.ttlSeconds = ttlSeconds;
        this.allowPresale = allowPresale;
        this.allowSplit = allowSplit;
        return this;
    }

    /** Fills a release, deduct or return of {@code orderId}; add lines to {@link #lines}, or none for all. */
    public Command settle(final CommandType type, final String orderId)
    {
        clearRequest();
        this.type = type;
        this.orderId = orderId;
        return this;
    }

    /** Fills a set-stock command; add items to {@link #items}. */
    public Command setStock()
    {
        clearRequest();
        this.type = CommandType.SET_STOCK;
        return this;
    }

    /** Fills an adjust of one cell by deltas. */
    public Command adjust(final String sku, final String warehouse, final long onHandDelta,
        final long inTransitDelta, final long safetyStockDelta, final String reason)
    {
        clearRequest();
        this.type = CommandType.ADJUST;
        this.sku = sku;
        this.warehouse = warehouse;
        this.onHandDelta = onHandDelta;
        this.inTransitDelta = inTransitDelta;
        this.safetyStockDelta = safetyStockDelta;
        this.reason = reason;
        return this;
    }

    /** Fills a receive of {@code quantity} in-transit units into on-hand stock. */
    public Command receive(final String sku, final String warehouse, final long quantity)
    {
        clearRequest();
        this.type = CommandType.RECEIVE;
        this.sku = sku;
        this.warehouse = warehouse;
        this.quantity = quantity;
        return this;
    }

    /** Fills a tick: engine time advances to {@link #timestampMillis}. */
    public Command tick()
    {
        clearRequest();
        this.type = CommandType.TICK;
        return this;
    }

    /** Fills a read of one cell, or of every warehouse of a SKU when {@code warehouse} is null. */
    public Command getStock(final String sku, final String warehouse)
    {
        clearRequest();
        this.type = warehouse == null ? CommandType.GET_SKU : CommandType.GET_CELL;
        this.sku = sku;
        this.warehouse = warehouse;
        return this;
    }

    /** Fills a read of one reservation. */
    public Command getReservation(final String orderId)
    {
        clearRequest();
        this.type = CommandType.GET_RESERVATION;
        this.orderId = orderId;
        return this;
    }

    /** Fills a request for a snapshot at this point of the sequence. */
    public Command snapshot()
    {
        clearRequest();
        this.type = CommandType.SNAPSHOT;
        return this;
    }

    /** Fills a read of the ledger's digest and sizes. */
    public Command getDigest()
    {
        clearRequest();
        this.type = CommandType.GET_DIGEST;
        return this;
    }

    /** Fills a {@link CommandType#MARK}: a place in the engine order that reads and changes nothing. */
    public Command mark()
    {
        clearRequest();
        this.type = CommandType.MARK;
        return this;
    }

    /** Fills a read of the ledger's sizes alone (no digest). */
    public Command getStats()
    {
        clearRequest();
        this.type = CommandType.GET_STATS;
        return this;
    }

    /**
     * Fills a PUT of a channel's rules; add warehouses to {@link #channelWarehouses} (none added: every
     * warehouse).
     *
     * @param maxUnits the cap on published quantities, or {@link #ABSENT} for none.
     */
    public Command putChannel(final String channel, final long bufferUnits, final long percent, final long maxUnits,
        final boolean allowPresale)
    {
        return ChannelFills.putChannel(this, channel, bufferUnits, percent, maxUnits, allowPresale);
    }

    /** Adds push settings to a {@link #putChannel} just filled: the channel's deliveries go to {@code url}. */
    public Command push(final String url, final String secret, final long ratePerSecond, final long burst,
        final long maxListings)
    {
        return ChannelFills.push(this, url, secret, ratePerSecond, burst, maxListings);
    }

    /**
     * Fills the outcome of one push delivery; add its listings to {@link #pushed}.
     *
     * @param status the HTTP status, 0 when no answer came.
     * @param error  what went wrong, or null for a 2xx.
     */
    public Command pushOutcome(final String channel, final String delivery, final int status, final String error)
    {
        return ChannelFills.pushOutcome(this, channel, delivery, status, error);
    }

    /** Fills a read of a channel's push progress. */
    public Command getPush(final String channel)
    {
        return ChannelFills.getPush(this, channel);
    }

    /** Fills a read of a channel's push settings and next delivery. */
    public Command nextDelivery(final String channel)
    {
        return ChannelFills.nextDelivery(this, channel);
    }

    /** Fills a binding of a channel's listing to a stocked SKU or a kit. */
    public Command bindListing(final String channel, final String listing, final String sku)
    {
        return ChannelFills.bindListing(this, channel, listing, sku);
    }

    /** Fills an unbinding of a channel's listing. */
    public Command unbindListing(final String channel, final String listing)
    {
        return ChannelFills.unbindListing(this, channel, listing);
    }

    /** Fills a PUT of a kit; add its components to {@link #lines} (SKU, no warehouse, quantity). */
    public Command putKit(final String kit)
    {
        return ChannelFills.putKit(this, kit);
    }

    /** Fills a PUT of the units of a cell that a channel holds for itself (0 removes the allocation). */
    public Command setAllocation(final String channel, final String sku, final String warehouse, final long units)
    {
        return ChannelFills.setAllocation(this, channel, sku, warehouse, units);
    }

    /** Fills a read of one channel's rules, or of every channel's when {@code channel} is null. */
    public Command getChannel(final String channel)
    {
        return ChannelFills.getChannel(this, channel);
    }

    /** Fills a read of one channel listing. */
    public Command getListing(final String channel, final String listing)
    {
        return ChannelFills.getListing(this, channel, listing);
    }

    /** Fills a read of one kit. */
    public Command getKit(final String kit)
    {
        return ChannelFills.getKit(this, kit);
    }

    /** Fills a read of one channel's allocation of a cell. */
    public Command getAllocation(final String channel, final String sku, final String warehouse)
    {
        return ChannelFills.getAllocation(this, channel, sku, warehouse);
    }


    /** Sets the engine time, for chaining after a builder. */
    public Command at(final long timestampMillis)
    {
        this.timestampMillis = timestampMillis;
        return this;
    }
}
