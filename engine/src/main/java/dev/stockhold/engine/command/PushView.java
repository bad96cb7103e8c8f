package dev.stockhold.engine.command;

import java.util.Arrays;

/**
 * A channel's push, as the ledger answered it: its settings (the secret included: this view never leaves the
 * server; the HTTP answer masks it), how far the channel has acknowledged, what is pending, the dead letters,
 * and, for {@link CommandType#NEXT_DELIVERY}, the listings of the next delivery. {@link #url()} is null for a
 * channel without push.
 */
public final class PushView
{
    private final PushedListings listings = new PushedListings();
    private String channel;
    private String url;
    private String secret;
    private long ratePerSecond;
    private long burst;
    private long maxListings;
    private long acknowledgedSeq;
    private long pendingListings;
    private long lagMillis;
    private String lastError;
    private boolean present;
    private String[] deadListings = EmptyArrays.STRINGS;
    private long[] deadStatus = EmptyArrays.LONGS;
    private long[] deadAt = EmptyArrays.LONGS;
    private int deadCount;

    /** Forgets everything, keeping capacity. */
    public void clear()
    {
        present = false;
        channel = null;
        url = null;
        secret = null;
        ratePerSecond = 0;
        burst = 0;
        maxListings = 0;
        acknowledgedSeq = 0;
        pendingListings = 0;
        lagMillis = 0;
        lastError = null;
        deadCount = 0;
        listings.clear();
    }

    /** Sets the channel and its push settings ({@code url} null: the channel has no push). */
    public void set(final String channel, final String url, final String secret, final long ratePerSecond,
        final long burst, final long maxListings)
    {
        this.present = true;
        this.channel = channel;
        this.url = url;
        this.secret = secret;
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.maxListings = maxListings;
    }

    /** Sets the channel's progress. */
    public void progress(final long acknowledgedSeq, final long pendingListings, final long lagMillis,
        final String lastError)
    {
        this.acknowledgedSeq = acknowledgedSeq;
        this.pendingListings = pendingListings;
        this.lagMillis = lagMillis;
        this.lastError = lastError;
    }

    /** Appends one dead letter: a listing parked by a delivery the channel refused with {@code status}. */
    public void addDeadLetter(final String listingId, final long status, final long atMillis)
    {
        if (deadCount == deadListings.length)
        {
            final int capacity = Math.max(4, deadCount * 2);
            deadListings = Arrays.copyOf(deadListings, capacity);
            deadStatus = Arrays.copyOf(deadStatus, capacity);
            deadAt = Arrays.copyOf(deadAt, capacity);
        }
        deadListings[deadCount] = listingId;
        deadStatus[deadCount] = status;
        deadAt[deadCount] = atMillis;
        deadCount++;
    }

    public boolean isPresent()
    {
        return present;
    }

    public String channel()
    {
        return channel;
    }

    /** @return where deliveries go, or null when the channel has no push. */
    public String url()
    {
        return url;
    }

    public String secret()
    {
        return secret;
    }

    public long ratePerSecond()
    {
        return ratePerSecond;
    }

    public long burst()
    {
        return burst;
    }

    public long maxListings()
    {
        return maxListings;
    }

    /** @return the largest {@code seq} of a delivery the channel acknowledged (0 before any). */
    public long acknowledgedSeq()
    {
        return acknowledgedSeq;
    }

    /** @return listings waiting for a delivery, dead letters not counted. */
    public long pendingListings()
    {
        return pendingListings;
    }

    /** @return the age of the oldest unacknowledged change at the read's time, 0 when caught up. */
    public long lagMillis()
    {
        return lagMillis;
    }

    /** @return the latest failed attempt since the last success, or null. */
    public String lastError()
    {
        return lastError;
    }

    public int deadLetterCount()
    {
        return deadCount;
    }

    public String deadListing(final int i)
    {
        return deadListings[i];
    }

    public long deadStatus(final int i)
    {
        return deadStatus[i];
    }

    public long deadAt(final int i)
    {
        return deadAt[i];
    }

    /** @return the next delivery's listings (only for {@link CommandType#NEXT_DELIVERY}). */
    public PushedListings listings()
    {
        return listings;
    }

    /** Replaces this view with a copy of {@code other}. */
    public void copyFrom(final PushView other)
    {
        clear();
        if (!other.present)
        {
            return;
        }
        set(other.channel, other.url, other.secret, other.ratePerSecond, other.burst, other.maxListings);
        progress(other.acknowledgedSeq, other.pendingListings, other.lagMillis, other.lastError);
        for (int i = 0; i < other.deadCount; i++)
        {
            addDeadLetter(other.deadListings[i], other.deadStatus[i], other.deadAt[i]);
        }
        listings.copyFrom(other.listings);
    }
}
