package dev.stockhold.loadtest.run;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.loadtest.targets.Answer;
import dev.stockhold.loadtest.targets.Target;
import dev.stockhold.loadtest.workload.Order;
import dev.stockhold.loadtest.workload.OrderGenerator;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends orders through their life cycles and records every answer.
 * <ul>
 *   <li>{@link #openLoop}: one request per slot at a fixed rate, each slot's intended time fixed in advance;
 *       a slot takes an order whose next step is ready (its previous answer arrived), else starts a new
 *       order. Latency counts from the intended time, so a stalled server is charged for the requests it
 *       delayed (no coordinated omission).</li>
 *   <li>{@link #closedLoop}: a fixed number of requests in flight, the next sent as an answer arrives:
 *       the server's maximum throughput; latency counts from the actual send.</li>
 *   <li>{@link #burst}: every order's lock at the same instant, follow-ups as answers arrive.</li>
 * </ul>
 * One run per driver.
 */
public final class Driver
{
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private enum Mode
    {
        OPEN,
        CLOSED,
        BURST
    }

    private final Target target;
    private final OrderGenerator generator;
    private final RunStats stats;
    private final Latency latency;
    private final AckBook book;
    private final SyncTracker sync;
    private final ConcurrentLinkedQueue<Order> ready = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Command> scratch = ThreadLocal.withInitial(Command::new);
    private volatile Mode mode = Mode.OPEN;
    private volatile long recordFromNanos = Long.MIN_VALUE;
    private volatile long recordUntilNanos = Long.MAX_VALUE;
    private volatile boolean stopping;

    public Driver(final Target target, final OrderGenerator generator, final RunStats stats, final Latency latency,
        final AckBook book, final SyncTracker sync)
    {
        this.target = target;
        this.generator = generator;
        this.stats = stats;
        this.latency = latency;
        this.book = book;
        this.sync = sync;
    }

    /**
     * Runs open-loop at {@code ratePerSecond} requests per second, then waits for the answers in flight.
     *
     * @param maxInFlight past this many unanswered requests a slot is skipped (and counted as an error):
     *                    a bound on the harness's memory when the server stops answering.
     * @return slots skipped.
     */
    public long openLoop(final double ratePerSecond, final long warmupNanos, final long durationNanos,
        final long maxInFlight)
    {
        mode = Mode.OPEN;
        final long start = System.nanoTime();
        recordFromNanos = start + warmupNanos;
        final long end = recordFromNanos + durationNanos;
        recordUntilNanos = end;
        final double periodNanos = 1e9 / ratePerSecond;
        long skipped = 0;
        for (long slot = 0; ; slot++)
        {
            final long intended = start + (long)(slot * periodNanos);
            if (intended >= end)
            {
                break;
            }
            waitUntil(intended);
            if (stats.inFlight() >= maxInFlight)
            {
                skipped++;
                continue;
            }
            final Order follow = ready.poll();
            send(follow != null ? follow : nextOrder(), intended);
        }
        stop();
        return skipped;
    }

    /** Runs closed-loop with {@code concurrency} requests in flight, then waits for the answers in flight. */
    public void closedLoop(final int concurrency, final long warmupNanos, final long durationNanos)
    {
        mode = Mode.CLOSED;
        final long start = System.nanoTime();
        recordFromNanos = start + warmupNanos;
        recordUntilNanos = recordFromNanos + durationNanos;
        for (int i = 0; i < concurrency; i++)
        {
            send(nextOrder(), System.nanoTime());
        }
        waitUntil(recordUntilNanos);
        stop();
    }

    /** Sends every order's lock at once and each follow-up as soon as its answer arrives; returns when all are done. */
    public void burst(final List<Order> orders)
    {
        mode = Mode.BURST;
        final long start = System.nanoTime();
        recordFromNanos = start;
        for (final Order order : orders)
        {
            send(order, start);
        }
        final long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline && (stats.inFlight() > 0 || !allDone(orders)))
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        stop();
    }

    private static boolean allDone(final List<Order> orders)
    {
        for (final Order order : orders)
        {
            if (!order.isDone())
            {
                return false;
            }
        }
        return true;
    }

    private void stop()
    {
        stopping = true;
        final long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        while (stats.inFlight() > 0 && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private synchronized Order nextOrder()
    {
        return generator.next();
    }

    private void send(final Order order, final long intendedNanos)
    {
        final CommandType type = order.nextType();
        final Command request = order.fill(scratch.get());
        stats.onSent();
        target.send(request).whenComplete((answer, failure) ->
            onAnswer(order, type, intendedNanos, failure == null ? answer : Answer.lost(String.valueOf(failure))));
    }

    private void onAnswer(final Order order, final CommandType type, final long intendedNanos, final Answer answer)
    {
        final long now = System.nanoTime();
        final boolean recorded = intendedNanos >= recordFromNanos && intendedNanos < recordUntilNanos;
        if (recorded)
        {
            latency.record(type, now - intendedNanos);
        }
        book.answered(order.orderId(), order.ttlSeconds(), answer);
        if (answer.isOk() && !answer.replayed() && answer.sequence() > 0)
        {
            sync.acknowledged(answer.sequence(), now, recorded && type == CommandType.LOCK);
        }
        order.advance(answer.isOk());
        final boolean more = !order.isDone() && !answer.isLost();
        switch (mode)
        {
            case OPEN:
                if (more && !stopping)
                {
                    ready.add(order);
                }
                break;
            case CLOSED:
                if (!stopping)
                {
                    send(more ? order : nextOrder(), System.nanoTime());
                }
                break;
            default:
                if (more)
                {
                    send(order, System.nanoTime());
                }
                else if (answer.isLost())
                {
                    order.abandon();
                }
                break;
        }
        // Counted last, so "nothing in flight" never shows between an answer and the follow-up it triggers.
        stats.onAnswered(type, answer);
    }

    private static void waitUntil(final long deadlineNanos)
    {
        long now;
        while ((now = System.nanoTime()) < deadlineNanos)
        {
            LockSupport.parkNanos(Math.min(deadlineNanos - now, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }
}
