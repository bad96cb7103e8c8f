package dev.stockhold.journal.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
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
    private final long afterSequence;
    private final long lastSequence;
    private final long startNanos;
    private long nextLogNanos;
    private long lastLogNanos;
    private long lastLogEntries;
    private double lastLogFraction;

    /**
     * How far a replay has got is measured in sequences, which the journal's entries carry in order: the
     * batches they are stored in vary in size (a few entries when the engine was idle, hundreds under
     * load), so counting batches put a 10 M entry replay at 2 % when it was a tenth done.
     *
     * @param what          what is being replayed, for the log line: one word, the value of its replay key.
     * @param afterSequence the replay applies entries after this sequence.
     * @param lastSequence  the sequence of the last entry it will apply; at most afterSequence if unknown.
     */
    public ReplayProgress(final String what, final long afterSequence, final long lastSequence)
    {
        this(what, afterSequence, lastSequence, System.nanoTime());
    }

    /** As the public constructor, with the replay's start on the {@link System#nanoTime} clock given. */
    ReplayProgress(final String what, final long afterSequence, final long lastSequence, final long startNanos)
    {
        this.what = what;
        this.afterSequence = afterSequence;
        this.lastSequence = lastSequence;
        this.startNanos = startNanos;
        this.nextLogNanos = startNanos + TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS);
        this.lastLogNanos = startNanos;
    }

    /** @return the part of the replay done once the entry with {@code sequence} is applied, or -1 if unknown. */
    double fractionDone(final long sequence)
    {
        if (lastSequence <= afterSequence)
        {
            return -1;
        }
        return Math.min(1.0, Math.max(0.0, (double)(sequence - afterSequence) / (lastSequence - afterSequence)));
    }

    /**
     * Called after each entry with the entries applied so far and the entry's sequence. The rate and the
     * time left come from the last interval, not from the start: the first seconds of a cold start run
     * before the JIT has compiled the replay and are many times slower than the rest.
     */
    public void onEntry(final long entriesDone, final long sequence)
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
        LOG.info(line(now, entriesDone, sequence));
    }

    /** @return the progress line at {@code now}, measured since the last one (or the start). */
    String line(final long now, final long entriesDone, final long sequence)
    {
        final double intervalSeconds = (now - lastLogNanos) / 1e9;
        final double rate = (entriesDone - lastLogEntries) / intervalSeconds;
        final double fraction = fractionDone(sequence);
        final String line;
        if (fraction > lastLogFraction)
        {
            final double etaSeconds = intervalSeconds * (1 - fraction) / (fraction - lastLogFraction);
            line = String.format(Locale.ROOT, "event=replay_progress replay=%s percent=%.1f entries=%d remaining=%d"
                    + " entriesPerSecond=%.0f etaSeconds=%.0f",
                what, 100 * fraction, entriesDone, Math.round(entriesDone * (1 - fraction) / fraction), rate,
                etaSeconds);
        }
        else
        {
            line = String.format(Locale.ROOT, "event=replay_progress replay=%s entries=%d entriesPerSecond=%.0f", what,
                entriesDone, rate);
        }
        lastLogNanos = now;
        lastLogEntries = entriesDone;
        lastLogFraction = Math.max(0, fraction);
        return line;
    }

    /** @return seconds since the replay started. */
    public double elapsedSeconds()
    {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
