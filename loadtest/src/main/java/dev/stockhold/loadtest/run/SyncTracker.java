package dev.stockhold.loadtest.run;

import dev.stockhold.loadtest.targets.Answer;
import dev.stockhold.loadtest.targets.ChangeListener;
import org.HdrHistogram.Histogram;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measures sync latency: from a command's acknowledgement to the arrival, on a separate change-feed
 * connection, of the change event with the same engine sequence (what a channel-sync service waits for).
 * Either may arrive first; a change arriving first counts as 0. Also keeps the last level the feed showed
 * for every cell, so the feed's view can be checked against the final state. Thread-safe.
 */
public final class SyncTracker implements ChangeListener
{
    private static final long MISSING = Long.MIN_VALUE;
    /** Change events with no acknowledgement are forgotten after this long (seeding, expiries, follow-ups). */
    private static final long FORGET_AFTER_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Long2LongHashMap awaitingChange = new Long2LongHashMap(MISSING);
    private final Long2LongHashMap awaitingAck = new Long2LongHashMap(MISSING);
    /** Awaited commands whose latency is not counted (warm-up, follow-ups). */
    private final LongHashSet unrecorded = new LongHashSet();
    private final Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
    private final Map<String, long[]> feedSeqByCell = new HashMap<>();
    private final Map<String, Answer.Level> feedLevels = new HashMap<>();
    private long events;
    private long matched;
    private long expected;

    /**
     * A command was acknowledged: its change event is awaited.
     *
     * @param record true to count its sync latency in the histogram (locks after the warm-up).
     */
    public synchronized void acknowledged(final long seq, final long ackNanos, final boolean record)
    {
        expected++;
        final long arrival = awaitingAck.remove(seq);
        if (arrival != MISSING)
        {
            matched++;
            if (record)
            {
                latency.recordValue(Math.max(0, arrival - ackNanos));
            }
            return;
        }
        awaitingChange.put(seq, ackNanos);
        if (!record)
        {
            unrecorded.add(seq);
        }
    }

    @Override
    public synchronized void onChange(final long seq, final long arrivalNanos, final List<Answer.Level> levels)
    {
        events++;
        for (final Answer.Level level : levels)
        {
            final String key = AckBook.cellKey(level.sku(), level.warehouse());
            final long[] lastSeq = feedSeqByCell.computeIfAbsent(key, k -> new long[] {-1});
            if (seq > lastSeq[0])
            {
                lastSeq[0] = seq;
                feedLevels.put(key, level);
            }
        }
        final long ack = awaitingChange.remove(seq);
        if (ack == MISSING)
        {
            awaitingAck.put(seq, arrivalNanos);
            return;
        }
        matched++;
        if (!unrecorded.remove(seq))
        {
            latency.recordValue(Math.max(0, arrivalNanos - ack));
        }
    }

    /** Forgets change events nobody acknowledged for a while (they were not the harness's commands). */
    public synchronized void prune(final long nowNanos)
    {
        awaitingAck.entrySet().removeIf(entry -> nowNanos - entry.getValue() > FORGET_AFTER_NANOS);
    }

    /** @return acknowledged commands whose change event has not arrived. */
    public synchronized long unsynced()
    {
        return awaitingChange.size();
    }

    /** @return acknowledged commands whose change event arrived. */
    public synchronized long synced()
    {
        return matched;
    }

    /** @return commands acknowledged and awaited. */
    public synchronized long expected()
    {
        return expected;
    }

    /** @return change events received. */
    public synchronized long events()
    {
        return events;
    }

    /** @return a copy of the sync latency histogram (nanoseconds). */
    public synchronized Histogram latency()
    {
        return latency.copy();
    }

    /** @return the last level the feed showed for each cell, by {@link AckBook#cellKey}. */
    public synchronized Map<String, Answer.Level> feedLevels()
    {
        return new HashMap<>(feedLevels);
    }
}
