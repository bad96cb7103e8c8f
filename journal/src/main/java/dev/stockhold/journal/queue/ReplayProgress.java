package dev.stockhold.journal.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Logs a long replay's progress (percent, rate, time left) about every {@value #LOG_EVERY_SECONDS}
 * seconds; silent for a replay that finishes sooner. Replay thread only.
 */
public final class ReplayProgress
{
    private static final Logger LOG = LoggerFactory.getLogger(ReplayProgress.class);
    private static final long LOG_EVERY_SECONDS = 2;
    /** Checking the clock only every so many entries keeps the check off the replay's profile. */
    private static final long CHECK_MASK = (1 << 16) - 1;

    private final String what;
    private final long expectedEntries;
    private final long startNanos = System.nanoTime();
    private long nextLogNanos = startNanos + TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS);

    /**
     * @param what            what is being replayed, for the log line.
     * @param expectedEntries an estimate of the entries to replay (0 if unknown).
     */
    public ReplayProgress(final String what, final long expectedEntries)
    {
        this.what = what;
        this.expectedEntries = expectedEntries;
    }

    /** Called after each entry with the count so far. */
    public void onEntry(final long entriesDone)
    {
        if ((entriesDone & CHECK_MASK) != 0)
        {
            return;
        }
        final long now = System.nanoTime();
        if (now < nextLogNanos)
        {
            return;
        }
        nextLogNanos = now + TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS);
        final double seconds = (now - startNanos) / 1e9;
        final double rate = entriesDone / seconds;
        if (expectedEntries > 0)
        {
            final double percent = Math.min(100.0, 100.0 * entriesDone / expectedEntries);
            final double etaSeconds = Math.max(0, expectedEntries - entriesDone) / Math.max(rate, 1);
            LOG.info(String.format("%s: %.1f%% (%,d of ~%,d entries), %,.0f entries/s, ETA %.0f s", what, percent,
                entriesDone, expectedEntries, rate, etaSeconds));
        }
        else
        {
            LOG.info(String.format("%s: %,d entries, %,.0f entries/s", what, entriesDone, rate));
        }
    }

    /** @return seconds since the replay started. */
    public double elapsedSeconds()
    {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
