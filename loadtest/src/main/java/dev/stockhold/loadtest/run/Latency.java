package dev.stockhold.loadtest.run;

import dev.stockhold.engine.command.CommandType;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Request latencies in nanoseconds, measured from each request's intended send time (corrected for
 * coordinated omission in open-loop runs), recorded by any thread without locking ({@link Recorder}) and
 * collected once a second by the progress thread into interval and total histograms.
 */
public final class Latency
{
    /** Which requests a histogram covers. */
    public enum Kind
    {
        /** Every request. */
        ALL,
        /** Locks. */
        LOCK,
        /** Deduct, release and return. */
        SETTLE
    }

    private final Recorder[] recorders = new Recorder[Kind.values().length];
    private final Histogram[] totals = new Histogram[Kind.values().length];
    private final Histogram[] intervals = new Histogram[Kind.values().length];

    public Latency()
    {
        for (int i = 0; i < recorders.length; i++)
        {
            recorders[i] = new Recorder(3);
            totals[i] = new Histogram(3);
            totals[i].setAutoResize(true);
        }
    }

    /** Any thread: records one request's latency. */
    public void record(final CommandType type, final long latencyNanos)
    {
        final long value = Math.max(1, latencyNanos);
        recorders[Kind.ALL.ordinal()].recordValue(value);
        recorders[type == CommandType.LOCK ? Kind.LOCK.ordinal() : Kind.SETTLE.ordinal()].recordValue(value);
    }

    /**
     * Sampling thread only: takes what was recorded since the last call into the totals.
     *
     * @return the interval histogram of every request (reused by the next call).
     */
    public Histogram sampleInterval()
    {
        for (int i = 0; i < recorders.length; i++)
        {
            intervals[i] = recorders[i].getIntervalHistogram(intervals[i]);
            totals[i].add(intervals[i]);
        }
        return intervals[Kind.ALL.ordinal()];
    }

    /** Sampling thread only (or after the run): everything recorded of one kind. */
    public Histogram total(final Kind kind)
    {
        return totals[kind.ordinal()];
    }
}
