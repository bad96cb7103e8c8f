package dev.stockhold.engine.command;

/**
 * What the ledger answered to one command, written into the command's ring slot.
 * <p>
 * Everything here is a copy, so the responder may read it while the ledger processes later commands.
 * {@link #levels()} is the answer's body for stock commands; {@link #changes()} lists every cell the
 * command changed (the change feed's event); {@link #reservation()} is the answer of reservation
 * commands; {@link #shortLines()} explains {@link ErrorCode#INSUFFICIENT_STOCK}; {@link #published()}
 * lists every listing whose published quantity the command changed (the channel feed's event); the
 * channel, listing, kit and allocation views answer the channel commands.
 */
public final class CommandResult
{
    private final Levels levels = new Levels();
    private final Levels changes = new Levels();
    private final ReservationView reservation = new ReservationView();
    private final ShortLines shortLines = new ShortLines();
    // The channel parts are made on first use: a remembered result (one per idempotency key) of a stock or
    // reservation command never pays for them.
    private ChannelViews channels;
    private ListingView listing;
    private KitView kit;
    private AllocationView allocation;
    private PublishedChanges published;
    private PushView push;
    private ErrorCode code = ErrorCode.OK;
    private String detail;
    private boolean replayed;
    private long sequence;
    private long digest;
    private long cellCount;
    private long openReservations;
    private long closedReservations;
    private long idempotencyKeys;

    /** Resets to an empty success, keeping capacity. */
    public void clear()
    {
        levels.clear();
        changes.clear();
        reservation.clear();
        shortLines.clear();
        clearChannelParts();
        code = ErrorCode.OK;
        detail = null;
        replayed = false;
        sequence = 0;
        digest = 0;
    }

    /**
     * Marks the command as failed. A failed command changed nothing.
     *
     * @param code   the error.
     * @param detail a human explanation; a constant, so failing allocates nothing.
     */
    public void fail(final ErrorCode code, final String detail)
    {
        this.code = code;
        this.detail = detail;
    }

    public ErrorCode code()
    {
        return code;
    }

    public boolean isOk()
    {
        return code == ErrorCode.OK;
    }

    /** @return the human explanation of an error, or null. */
    public String detail()
    {
        return detail;
    }

    /**
     * @return true when this answer repeats an earlier one and the command applied nothing: a lock of an
     * order that exists with the same lines, or a request with an idempotency key already seen.
     */
    public boolean isReplayed()
    {
        return replayed;
    }

    public void replayed(final boolean replayed)
    {
        this.replayed = replayed;
    }

    /** @return the engine sequence of the command that produced this answer (the original, for a key replay). */
    public long sequence()
    {
        return sequence;
    }

    public void sequence(final long sequence)
    {
        this.sequence = sequence;
    }

    public Levels levels()
    {
        return levels;
    }

    public Levels changes()
    {
        return changes;
    }

    public ReservationView reservation()
    {
        return reservation;
    }

    public ShortLines shortLines()
    {
        return shortLines;
    }

    /** @return true when some channel part (views or feed record) holds something. */
    public boolean hasChannelParts()
    {
        return (channels != null && channels.count() > 0) || (listing != null && listing.isPresent())
            || (kit != null && kit.isPresent()) || (allocation != null && allocation.isPresent())
            || (published != null && published.count() > 0) || (push != null && push.isPresent());
    }

    /** Empties the feed record, if there is one, without making one. */
    public void clearPublished()
    {
        if (published != null)
        {
            published.clear();
        }
    }

    private void clearChannelParts()
    {
        if (channels != null)
        {
            channels.clear();
        }
        if (listing != null)
        {
            listing.clear();
        }
        if (kit != null)
        {
            kit.clear();
        }
        if (allocation != null)
        {
            allocation.clear();
        }
        if (published != null)
        {
            published.clear();
        }
        if (push != null)
        {
            push.clear();
        }
    }

    /** @return a channel's push, answered by {@link CommandType#GET_PUSH} and {@link CommandType#NEXT_DELIVERY}. */
    public PushView push()
    {
        if (push == null)
        {
            push = new PushView();
        }
        return push;
    }

    /** @return the channels answered by a channel's PUT or GET (one) or {@link CommandType#LIST_CHANNELS}. */
    public ChannelViews channels()
    {
        if (channels == null)
        {
            channels = new ChannelViews();
        }
        return channels;
    }

    /** @return the listing answered by a bind, unbind or listing read. */
    public ListingView listing()
    {
        if (listing == null)
        {
            listing = new ListingView();
        }
        return listing;
    }

    /** @return the kit answered by a kit's PUT or GET. */
    public KitView kit()
    {
        if (kit == null)
        {
            kit = new KitView();
        }
        return kit;
    }

    /** @return the allocation answered by an allocation's PUT or GET. */
    public AllocationView allocation()
    {
        if (allocation == null)
        {
            allocation = new AllocationView();
        }
        return allocation;
    }

    /**
     * @return every listing whose published quantity the command changed, sorted by channel and listing id:
     * the channel feed's event; empty for a failed command, a replay or a read.
     */
    public PublishedChanges published()
    {
        if (published == null)
        {
            published = new PublishedChanges();
        }
        return published;
    }

    /** @return the state digest, answered by {@link CommandType#GET_DIGEST}. */
    public long digest()
    {
        return digest;
    }

    public long cellCount()
    {
        return cellCount;
    }

    public long openReservations()
    {
        return openReservations;
    }

    public long closedReservations()
    {
        return closedReservations;
    }

    public long idempotencyKeys()
    {
        return idempotencyKeys;
    }

    /** Records the ledger's digest and sizes. */
    public void stats(
        final long digest,
        final long cellCount,
        final long openReservations,
        final long closedReservations,
        final long idempotencyKeys)
    {
        this.digest = digest;
        this.cellCount = cellCount;
        this.openReservations = openReservations;
        this.closedReservations = closedReservations;
        this.idempotencyKeys = idempotencyKeys;
    }

    /** Replaces this result with a copy of {@code other}. */
    public void copyFrom(final CommandResult other)
    {
        levels.copyFrom(other.levels);
        changes.copyFrom(other.changes);
        reservation.copyFrom(other.reservation);
        shortLines.copyFrom(other.shortLines);
        clearChannelParts();
        if (other.channels != null && other.channels.count() > 0)
        {
            channels().copyFrom(other.channels);
        }
        if (other.listing != null && other.listing.isPresent())
        {
            listing().copyFrom(other.listing);
        }
        if (other.kit != null && other.kit.isPresent())
        {
            kit().copyFrom(other.kit);
        }
        if (other.allocation != null && other.allocation.isPresent())
        {
            allocation().copyFrom(other.allocation);
        }
        if (other.published != null && other.published.count() > 0)
        {
            published().copyFrom(other.published);
        }
        if (other.push != null && other.push.isPresent())
        {
            push().copyFrom(other.push);
        }
        code = other.code;
        detail = other.detail;
        replayed = other.replayed;
        sequence = other.sequence;
        stats(other.digest, other.cellCount, other.openReservations, other.closedReservations,
            other.idempotencyKeys);
    }
}
