package dev.stockhold.engine.pipeline;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Named points on the command path where a test makes the real server fail or die, at an exact place:
 * the crash and fail-stop tests' way of killing between the journal append and the change-log append, or
 * of making the journal write fail, without mocking anything. Off unless armed; an unarmed point costs one
 * read of a volatile flag.
 * <p>
 * Armed from the system property {@value #PROPERTY} at start, or by {@link #arm} in a test. The spec is a
 * comma-separated list of {@code point:action@n}: on the n-th time the point is reached (1-based),
 * {@code throw} throws {@link FailpointException}, {@code error} throws an {@link InternalError} (what a
 * failed write to a memory-mapped file raises), {@code oom} throws an {@link OutOfMemoryError} (a heap too
 * small for the state), and {@code halt} ends the process at once, like {@code kill -9}. Example: {@code -Dstockhold.failpoints=changelog.append:halt@500}.
 * <p>
 * Points: {@code ledger.apply} (before a mutating command is applied), {@code journal.append} (before a batch
 * is written), {@code journal.appended} (after it), {@code changelog.append}, {@code responder.reply} (before
 * the answer to a mutating command), {@code snapshot.take} (before the ledger serialises itself for a
 * snapshot, periodic or final), {@code snapshot.write} (half-way through a snapshot file),
 * {@code retention.sweep} (after a journal file is deleted). Never arm them in production.
 */
public final class Failpoints
{
    /** The system property read at start. */
    public static final String PROPERTY = "stockhold.failpoints";
    /** The exit status of a {@code halt}, as a shell reports a process killed by SIGKILL. */
    public static final int HALT_STATUS = 137;

    private static final Map<String, Point> POINTS = new ConcurrentHashMap<>();
    private static volatile boolean armed;

    static
    {
        final String spec = System.getProperty(PROPERTY);
        if (spec != null && !spec.isBlank())
        {
            arm(spec);
        }
    }

    private Failpoints()
    {
    }

    /** What an armed point does. */
    private enum Action
    {
        THROW, ERROR, OOM, HALT
    }

    private record Point(Action action, long at, AtomicLong hits)
    {
    }

    /**
     * Marks a point of the command path; does nothing unless a test armed it.
     *
     * @throws FailpointException or {@link InternalError} when armed so.
     */
    public static void hit(final String point)
    {
        if (armed)
        {
            fire(point);
        }
    }

    private static void fire(final String name)
    {
        final Point point = POINTS.get(name);
        if (point == null || point.hits().incrementAndGet() != point.at())
        {
            return;
        }
        switch (point.action())
        {
            case THROW -> throw new FailpointException(name);
            case ERROR -> throw new InternalError("failpoint " + name
                + ": a fault occurred in a recent unsafe memory access operation");
            case OOM -> throw new OutOfMemoryError("failpoint " + name + ": Java heap space");
            case HALT ->
            {
                System.err.println("failpoint " + name + ": halting");
                System.err.flush();
                Runtime.getRuntime().halt(HALT_STATUS);
            }
            default -> throw new IllegalStateException(point.action().name());
        }
    }

    /**
     * Arms points from a spec such as {@code journal.append:throw@3,changelog.append:halt@1}.
     *
     * @throws IllegalArgumentException for a malformed spec.
     */
    public static void arm(final String spec)
    {
        for (final String item : spec.split(","))
        {
            final String trimmed = item.trim();
            final int colon = trimmed.indexOf(':');
            final int at = trimmed.indexOf('@');
            if (colon <= 0 || at < colon)
            {
                throw new IllegalArgumentException("failpoint spec '" + trimmed + "' is not point:action@n");
            }
            final Action action = Action.valueOf(trimmed.substring(colon + 1, at).toUpperCase(Locale.ROOT));
            final long n = Long.parseLong(trimmed.substring(at + 1));
            if (n < 1)
            {
                throw new IllegalArgumentException("failpoint spec '" + trimmed + "': n counts from 1");
            }
            POINTS.put(trimmed.substring(0, colon), new Point(action, n, new AtomicLong()));
        }
        armed = !POINTS.isEmpty();
    }

    /** Disarms every point (tests, after {@link #arm}). */
    public static void disarm()
    {
        POINTS.clear();
        armed = false;
    }

    /** Thrown by a point armed with {@code throw}. */
    public static final class FailpointException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        FailpointException(final String point)
        {
            super("failpoint " + point);
        }
    }
}
