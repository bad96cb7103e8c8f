package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.PublishedChanges;
import dev.stockhold.engine.command.PushView;
import dev.stockhold.engine.command.PushedListings;

import java.util.Arrays;

/**
 * Every channel's push: its settings, how far it acknowledged, its last error, and the {@link PushQueue} of
 * what it has not acknowledged. The ledger records every published change of a pushing channel here, and the
 * server's pusher reads its next delivery from here and sends back each delivery's outcome as a journaled
 * command, so a restart (a replay, or a snapshot) knows exactly what is still owed: a value may be delivered
 * twice, never missed. Ledger thread only.
 */
final class ChannelPushes
{
    /** At most this many dead letters in one answer of {@code GET /v1/channels/{c}/push}. */
    static final int MAX_DEAD_LETTERS_ANSWERED = 1_000;

    private final ChannelTable channels;
    private String[] urls = new String[16];
    private String[] secrets = new String[16];
    private long[] rates = new long[16];
    private long[] bursts = new long[16];
    private long[] maxListings = new long[16];
    private long[] acknowledgedSeqs = new long[16];
    private String[] lastErrors = new String[16];
    private PushQueue[] queues = new PushQueue[16];
    private int pushing;

    ChannelPushes(final ChannelTable channels)
    {
        this.channels = channels;
    }

    /** @return where channel {@code channel}'s deliveries go, or null when it does not push. */
    String url(final int channel)
    {
        return channel < urls.length ? urls[channel] : null;
    }

    String secret(final int channel)
    {
        return secrets[channel];
    }

    long ratePerSecond(final int channel)
    {
        return rates[channel];
    }

    long burst(final int channel)
    {
        return bursts[channel];
    }

    long maxListings(final int channel)
    {
        return maxListings[channel];
    }

    long acknowledgedSeq(final int channel)
    {
        return channel < acknowledgedSeqs.length ? acknowledgedSeqs[channel] : 0;
    }

    String lastError(final int channel)
    {
        return lastErrors[channel];
    }

    PushQueue queue(final int channel)
    {
        return channel < queues.length ? queues[channel] : null;
    }

    /**
     * Sets a channel's push (a validated {@code url}, or null to stop pushing). A channel that starts pushing,
     * or pushes to another URL, owes that URL every bound listing's current value.
     *
     * @return true when every bound listing must be queued ({@link #changed} with {@link PushEntry#NEVER}).
     */
    boolean configure(final int channel, final String url, final String secret, final long rate, final long burst,
        final long listings)
    {
        grow(channel + 1);
        final String before = urls[channel];
        if (before == null && url != null)
        {
            pushing++;
        }
        else if (before != null && url == null)
        {
            pushing--;
        }
        urls[channel] = url;
        secrets[channel] = secret;
        rates[channel] = rate;
        bursts[channel] = burst;
        maxListings[channel] = listings;
        if (url == null)
        {
            lastErrors[channel] = null;
            if (queues[channel] != null)
            {
                queues[channel].clear();
            }
            return false;
        }
        if (queues[channel] == null)
        {
            queues[channel] = new PushQueue();
        }
        return !url.equals(before);
    }

    /** A PUT of the channel: its dead letters flow again with their current values. */
    void releaseDead(final int channel, final long nowMillis)
    {
        final PushQueue queue = queue(channel);
        if (queue != null)
        {
            queue.releaseDead(nowMillis);
        }
    }

    /** Queues one listing's value for a pushing channel. */
    void changed(final int channel, final String listingId, final String sku, final long published,
        final long sequence, final long acknowledged, final long nowMillis)
    {
        queues[channel].changed(listingId, sku, published, sequence, acknowledged, nowMillis);
    }

    /** Queues every change of a command to the pushing channels among it; nothing when no channel pushes. */
    void record(final PublishedChanges changes, final long sequence, final long nowMillis)
    {
        if (pushing == 0)
        {
            return;
        }
        int i = 0;
        while (i < changes.count())
        {
            final int end = changes.endOfChannel(i);
            final int channel = channels.find(changes.channel(i));
            if (channel != ChannelTable.MISSING && url(channel) != null)
            {
                for (int k = i; k < end; k++)
                {
                    queues[channel].changed(changes.listingId(k), changes.sku(k), changes.published(k), sequence,
                        changes.previous(k), nowMillis);
                }
            }
            i = end;
        }
    }

    /** Applies a delivery's outcome: a 2xx acknowledges, another 4xx but 429 parks, anything else is an error. */
    void outcome(final Command command, final long nowMillis)
    {
        final int channel = channels.find(command.channel);
        if (channel == ChannelTable.MISSING)
        {
            command.result.fail(ErrorCode.CHANNEL_NOT_FOUND, "no such configured channel");
            return;
        }
        if (url(channel) == null)
        {
            // The channel stopped pushing while the delivery was in flight: nothing is owed any more.
            return;
        }
        final PushQueue queue = queues[channel];
        final PushedListings pushed = command.pushed;
        final int status = command.status;
        if (status >= 200 && status < 300)
        {
            for (int i = 0; i < pushed.count(); i++)
            {
                queue.acknowledged(pushed.listingId(i), pushed.published(i), pushed.sequence(i));
            }
            acknowledgedSeqs[channel] = Math.max(acknowledgedSeqs[channel], pushed.maxSequence());
            lastErrors[channel] = null;
            return;
        }
        if (status >= 400 && status < 500 && status != 429)
        {
            for (int i = 0; i < pushed.count(); i++)
            {
                queue.park(pushed.listingId(i), status, nowMillis);
            }
        }
        lastErrors[channel] = command.reason == null ? "HTTP " + status : command.reason;
    }

    /** Answers a channel's progress (and, with {@code delivery}, the listings of its next delivery). */
    void answer(final int channel, final long nowMillis, final boolean delivery, final PushView view)
    {
        view.set(channels.code(channel), url(channel), url(channel) == null ? null : secrets[channel],
            url(channel) == null ? 0 : rates[channel], url(channel) == null ? 0 : bursts[channel],
            url(channel) == null ? 0 : maxListings[channel]);
        final PushQueue queue = queue(channel);
        if (url(channel) == null || queue == null)
        {
            view.progress(acknowledgedSeq(channel), 0, 0, null);
            return;
        }
        final PushEntry oldest = queue.oldest();
        view.progress(acknowledgedSeqs[channel], queue.pending(),
            oldest == null ? 0 : Math.max(0, nowMillis - oldest.firstAtMillis), lastErrors[channel]);
        if (delivery)
        {
            final long limit = maxListings[channel];
            final PushedListings listings = view.listings();
            for (int kind = PushQueue.DECREASES; kind <= PushQueue.INCREASES; kind++)
            {
                for (PushEntry e = queue.first(kind); e != null && listings.count() < limit; e = e.next)
                {
                    listings.add(e.listingId, e.sku, e.published, e.sequence);
                }
            }
            return;
        }
        for (PushEntry e = queue.first(PushQueue.DEAD);
            e != null && view.deadLetterCount() < MAX_DEAD_LETTERS_ANSWERED; e = e.next)
        {
            view.addDeadLetter(e.listingId, e.deadStatus, e.deadAtMillis);
        }
    }

    /** Restores a channel's progress from a snapshot (its settings through {@link #configure}). */
    void restoreProgress(final int channel, final long acknowledgedSeq, final String lastError)
    {
        grow(channel + 1);
        acknowledgedSeqs[channel] = acknowledgedSeq;
        lastErrors[channel] = lastError;
    }

    /** @return a hash of every channel's push and of what it has not acknowledged (in any order). */
    long digest()
    {
        long hash = Hashing.mix(Hashing.SEED, pushing);
        for (int channel = 0; channel < channels.count(); channel++)
        {
            if (url(channel) == null && acknowledgedSeq(channel) == 0)
            {
                continue;
            }
            hash = Hashing.mix(hash, channel);
            hash = Hashing.mix(hash, url(channel));
            hash = Hashing.mix(hash, secrets[channel]);
            hash = Hashing.mix(hash, rates[channel]);
            hash = Hashing.mix(hash, bursts[channel]);
            hash = Hashing.mix(hash, maxListings[channel]);
            hash = Hashing.mix(hash, acknowledgedSeqs[channel]);
            hash = Hashing.mix(hash, lastErrors[channel]);
            final PushQueue queue = queues[channel];
            hash = Hashing.mix(hash, queue == null ? 0 : entriesDigest(queue));
        }
        return hash;
    }

    private static long entriesDigest(final PushQueue queue)
    {
        long sum = queue.size();
        for (int kind = PushQueue.DECREASES; kind <= PushQueue.DEAD; kind++)
        {
            for (PushEntry e = queue.first(kind); e != null; e = e.next)
            {
                long term = Hashing.mix(Hashing.SEED, e.listingId);
                term = Hashing.mix(term, e.sku);
                term = Hashing.mix(term, e.published);
                term = Hashing.mix(term, e.sequence);
                term = Hashing.mix(term, e.acknowledged);
                term = Hashing.mix(term, e.firstAtMillis);
                term = Hashing.mix(term, e.lastAtMillis);
                term = Hashing.mix(term, e.deadStatus);
                sum += Hashing.stafford(Hashing.mix(term, e.deadAtMillis));
            }
        }
        return sum;
    }

    private void grow(final int required)
    {
        if (required <= urls.length)
        {
            return;
        }
        final int capacity = Math.max(required, urls.length * 2);
        urls = Arrays.copyOf(urls, capacity);
        secrets = Arrays.copyOf(secrets, capacity);
        rates = Arrays.copyOf(rates, capacity);
        bursts = Arrays.copyOf(bursts, capacity);
        maxListings = Arrays.copyOf(maxListings, capacity);
        acknowledgedSeqs = Arrays.copyOf(acknowledgedSeqs, capacity);
        lastErrors = Arrays.copyOf(lastErrors, capacity);
        queues = Arrays.copyOf(queues, capacity);
    }
}
