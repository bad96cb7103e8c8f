package dev.stockhold.engine.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The engine's fail-stop switch. An unexpected exception in any stage (ledger, journaler, responder and its
 * observers, snapshot writing) or a failed journal write trips it once; from then on the engine is never again
 * trusted to answer: every command from {@link #failedFromSequence()} on is answered
 * {@code ERR_INTERNAL} without being applied or logged, producers refuse new commands, and the host process
 * is expected to exit so that a supervisor restarts it on a journal that is consistent by construction.
 * <p>
 * Commands before that sequence were applied and made durable before the failure: they are still answered
 * with their true results. The sequence only ever moves down (a journal failure found after a ledger
 * failure may make earlier commands not durable).
 * <p>
 * Threads: any thread may trip it or read it; listeners run once, on the thread that tripped it first, and
 * must return at once (they may start threads; they must not block or take locks a stage holds).
 */
public final class EngineFailure
{
    private static final System.Logger LOG = System.getLogger(EngineFailure.class.getName());

    /** A failure not tied to one command (e.g. a snapshot write): commands already in the ring are sound. */
    public static final long NO_SEQUENCE = Long.MAX_VALUE;

    private final AtomicReference<Report> first = new AtomicReference<>();
    private final List<Consumer<Report>> listeners = new ArrayList<>();
    private volatile long failedFromSequence = NO_SEQUENCE;

    /**
     * What failed first.
     *
     * @param stage    the part of the engine that failed, e.g. {@code ledger}, {@code journal}.
     * @param sequence the first engine sequence not known to be applied and durable, or {@link #NO_SEQUENCE}.
     * @param cause    the exception or error.
     */
    public record Report(String stage, long sequence, Throwable cause)
    {
        /** @return one line for a log, a health answer or an error detail. */
        public String describe()
        {
            final String at = sequence == NO_SEQUENCE ? "" : " at sequence " + sequence;
            return stage + " failed" + at + ": " + cause;
        }
    }

    /**
     * Trips the switch (the first call wins the report; every call may lower the failed sequence).
     *
     * @return true for the first failure, false if the engine had already failed.
     */
    public boolean fail(final String stage, final long fromSequence, final Throwable cause)
    {
        lowerTo(fromSequence);
        final Report report = new Report(Objects.requireNonNull(stage), fromSequence, Objects.requireNonNull(cause));
        if (!first.compareAndSet(null, report))
        {
            LOG.log(System.Logger.Level.ERROR, "event=engine_failure_again stage=" + stage + " sequence="
                + fromSequence + " error=" + cause);
            return false;
        }
        LOG.log(System.Logger.Level.ERROR, "event=engine_failed stage=" + stage + " sequence=" + fromSequence
            + " error=" + cause + " action=refusing_commands", cause);
        final List<Consumer<Report>> toTell;
        synchronized (this)
        {
            toTell = List.copyOf(listeners);
        }
        for (final Consumer<Report> listener : toTell)
        {
            try
            {
                listener.accept(report);
            }
            catch (final RuntimeException ex)
            {
                LOG.log(System.Logger.Level.ERROR, "event=engine_failure_listener_failed", ex);
            }
        }
        return true;
    }

    private void lowerTo(final long sequence)
    {
        synchronized (this)
        {
            if (sequence < failedFromSequence)
            {
                failedFromSequence = sequence;
            }
        }
    }

    /** Runs {@code listener} once when the engine fails (at once if it already has). */
    public void onFailure(final Consumer<Report> listener)
    {
        Objects.requireNonNull(listener);
        synchronized (this)
        {
            if (first.get() == null)
            {
                listeners.add(listener);
                return;
            }
        }
        listener.accept(first.get());
    }

    /** @return true once anything has failed: take no new commands. */
    public boolean isFailed()
    {
        return first.get() != null;
    }

    /**
     * @return the first engine sequence that is not to be applied, logged or answered with a result (only
     * with ERR_INTERNAL); {@link #NO_SEQUENCE} while every command may go through.
     */
    public long failedFromSequence()
    {
        return failedFromSequence;
    }

    /** @return the first failure, or null. */
    public Report report()
    {
        return first.get();
    }
}
