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
    private final long expectedDocuments;
    private final long startNanos = System.nanoTime();
    private long nextLogNanos = startNanos + TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS);

    /**
     * @param what              what is being replayed, for the log line.
     * @param expectedDocuments the journal documents (batches of entries) to read, 0 if unknown: how far
     *                          the replay has got is counted in documents, as only they are indexed.
     */
    public ReplayProgress(final String what, final long expectedDocuments)
    {
        this.what = what;
        this.expectedDocuments = expectedDocuments;
    }

    /** Called after each entry with the entries applied and the documents read so far. */
    public void onEntry(final long entriesDone, final long documentsDone)
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
        if (expectedDocuments > 0 && documentsDone > 0)
        {
            final double fraction = Math.min(1.0, (double)documentsDone / expectedDocuments);
            final double etaSeconds = seconds * (1 - fraction) / fraction;
            LOG.info(String.format("%s: %.1f%% (%,d entries, about %,d to go), %,.0f entries/s, ETA %.0f s", what,
                100 * fraction, entriesDone, Math.round(entriesDone * (1 - fraction) / fraction), rate, etaSeconds));
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
