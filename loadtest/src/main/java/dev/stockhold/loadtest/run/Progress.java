package dev.stockhold.loadtest.run;

import dev.stockhold.loadtest.targets.Target;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The once-a-second sampler: collects the interval histograms, writes them to the histogram log, prints
 * the live progress line (elapsed, rate, answers, errors, p50/p99 so far) and keeps per-minute p99 and
 * server memory for long runs. Runs on its own daemon thread between {@link #start} and {@link #stop}.
 */
public final class Progress implements AutoCloseable
{
    /** One minute of a run. */
    public record Minute(int index, long requests, double p50Millis, double p99Millis, OptionalLong memoryBytes)
    {
    }

    private final RunStats stats;
    private final Latency latency;
    private final SyncTracker sync;
    private final HistogramLogWriter log;
    private final PrintStream out;
    private final Target target;
    private final List<Minute> minutes = new ArrayList<>();
    private final Histogram minute = new Histogram(3);
    private final Thread thread;
    private final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();
    private volatile boolean running = true;
    private long lastSent;
    private int minuteIndex;

    public Progress(final RunStats stats, final Latency latency, final SyncTracker sync, final HistogramLogWriter log,
        final PrintStream out, final Target target)
    {
        this.stats = stats;
        this.latency = latency;
        this.sync = sync;
        this.log = log;
        this.out = out;
        this.target = target;
        minute.setAutoResize(true);
        log.setBaseTime(startMillis);
        log.outputLogFormatVersion();
        log.outputStartTime(startMillis);
        log.outputLegend();
        this.thread = new Thread(this::loop, "loadtest-progress");
        thread.setDaemon(true);
    }

    /** Starts printing. */
    public Progress start()
    {
        thread.start();
        return this;
    }

    private void loop()
    {
        long next = startNanos;
        while (running)
        {
            next += TimeUnit.SECONDS.toNanos(1);
            long now;
            while (running && (now = System.nanoTime()) < next)
            {
                java.util.concurrent.locks.LockSupport.parkNanos(next - now);
            }
            if (running)
            {
                sample();
            }
        }
    }

    /** Takes one sample: called every second, and once more by {@link #stop}. */
    private synchronized void sample()
    {
        final long nowMillis = System.currentTimeMillis();
        final Histogram interval = latency.sampleInterval();
        interval.setStartTimeStamp(Math.max(startMillis, nowMillis - 1000));
        interval.setEndTimeStamp(nowMillis);
        log.outputIntervalHistogram(interval.getStartTimeStamp() / 1000.0, interval.getEndTimeStamp() / 1000.0,
            interval, 1e6);
        minute.add(interval);
        final long elapsedSeconds = Math.round((System.nanoTime() - startNanos) / 1e9);
        if (elapsedSeconds >= 60L * (minuteIndex + 1))
        {
            closeMinute();
        }
        sync.prune(System.nanoTime());
        final long sent = stats.sent();
        final Histogram total = latency.total(Latency.Kind.ALL);
        out.printf("[%5ds] rate %7d/s  ok %9d  rejected %7d  errors %5d  in-flight %5d  p50 %8.3f ms  p99 %8.3f ms"
                + "  synced %d%n", elapsedSeconds, sent - lastSent, stats.ok(), stats.rejected(), stats.errors(),
            stats.inFlight(), millis(total, 50), millis(total, 99), sync.synced());
        lastSent = sent;
    }

    private void closeMinute()
    {
        minutes.add(new Minute(minuteIndex, minute.getTotalCount(), millis(minute, 50), millis(minute, 99),
            target.serverMemoryBytes()));
        minute.reset();
        minuteIndex++;
    }

    /** Stops the sampler after a last sample; returns the minutes seen (a partial last one included). */
    public synchronized List<Minute> stop()
    {
        if (running)
        {
            running = false;
            thread.interrupt();
            sample();
            if (minute.getTotalCount() > 0)
            {
                closeMinute();
            }
        }
        return List.copyOf(minutes);
    }

    @Override
    public void close()
    {
        stop();
    }

    /** @return the percentile of a nanosecond histogram in milliseconds. */
    public static double millis(final Histogram histogram, final double percentile)
    {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1e6;
    }
}
