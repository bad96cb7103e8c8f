package dev.stockhold.engine.command;

/**
 * Every command the engine understands, with the traits the pipeline needs to know about it.
 * <p>
 * The byte code is stable: it is written to the journal and the binary protocol, so a code is never
 * reused or renumbered. Read-only commands pass through the ring (so they see a consistent ledger)
 * but are not journaled, because the type says they change nothing.
 */
public enum CommandType
{
    LOCK(1, true),
    RELEASE(2, true),
    DEDUCT(3, true),
    RETURN(4, true),
    /** Absolute stock counts for one or more cells (PUT and batch), applied atomically. */
    SET_STOCK(5, true),
    ADJUST(6, true),
    RECEIVE(7, true),
    /** Advances engine time: expires reservations and forgets old idempotency keys and orders. */
    TICK(8, true)
    {
        @Override
        public boolean takesIdempotencyKey()
        {
            // Published by the engine's own timer, never by a client.
            return false;
        }
    },
    /** Creates or replaces a channel's rules (warehouses, buffer, percent, cap, presale). */
    PUT_CHANNEL(10, true),
    /** Binds a channel's listing to one stocked SKU or one kit (again: rebinds it). */
    BIND_LISTING(11, true),
    /** Unbinds a channel's listing: its published quantity becomes 0. */
    UNBIND_LISTING(12, true),
    /** Creates or replaces a kit's components. */
    PUT_KIT(13, true),
    /** Sets how many units of one cell a channel holds for itself (0 removes the allocation). */
    SET_ALLOCATION(14, true),
    /**
     * Records the outcome of one push delivery to a channel: a 2xx acknowledges its listings, another 4xx
     * (not 429) parks them as dead letters, any other outcome only records the error. Sent by the server's
     * pusher, never by a client.
     */
    PUSH_OUTCOME(15, true)
    {
        @Override
        public boolean takesIdempotencyKey()
        {
            return false;
        }
    },
    /**
     * Asks the ledger to write a snapshot of itself at this point of the sequence. It changes no stock,
     * so it is not journaled; the snapshot records the last journaled sequence it covers.
     */
    SNAPSHOT(9, false),
    GET_CELL(20, false),
    GET_SKU(21, false),
    GET_RESERVATION(22, false),
    /** Answers the ledger's state digest and sizes; for operators and replay checks. */
    GET_DIGEST(23, false),
    /**
     * Answers the ledger's sizes without the digest, which hashes the whole state: cheap enough to ask
     * every few seconds for metrics.
     */
    GET_STATS(24, false),
    GET_CHANNEL(25, false),
    /** Answers every channel's rules, in code order. */
    LIST_CHANNELS(26, false),
    GET_LISTING(27, false),
    GET_KIT(28, false),
    GET_ALLOCATION(29, false),
    /** Answers a channel's push progress: acknowledged sequence, pending listings, dead letters, lag. */
    GET_PUSH(30, false),
    /** Answers a channel's push settings and the listings of its next delivery; for the pusher. */
    NEXT_DELIVERY(31, false),
    /**
     * Reads nothing and changes nothing: a point in the engine order for the gateway (a change-feed
     * subscription takes its place there), answered without touching the ledger's state.
     */
    MARK(63, false);

    private static final CommandType[] BY_CODE = new CommandType[64];

    static
    {
        for (final CommandType type : values())
        {
            BY_CODE[type.code] = type;
        }
    }

    private final byte code;
    private final boolean mutating;

    CommandType(final int code, final boolean mutating)
    {
        this.code = (byte)code;
        this.mutating = mutating;
    }

    /** @return the stable wire and journal code of this type. */
    public byte code()
    {
        return code;
    }

    /** @return true when the command may change the ledger and therefore must be journaled. */
    public boolean isMutating()
    {
        return mutating;
    }

    /**
     * @return true when a request of this type may carry an idempotency key: a repeat under the same key
     * answers the first result and applies nothing. Every client-sent command that changes the ledger.
     */
    public boolean takesIdempotencyKey()
    {
        return mutating;
    }

    /**
     * @param code a stable code as returned by {@link #code()}.
     * @return the type, or null when the code is unknown.
     */
    public static CommandType fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
