package dev.stockhold.cluster.client;

import dev.stockhold.engine.command.CommandResult;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A command waiting for its answer: its number, its encoded message and when it must be answered by. Answered
 * once, by whoever claims it first: the cluster (on egress, or the member's replica), its deadline, or the
 * client closing; what loses the claim writes nothing.
 */
final class Pending
{
    private static final VarHandle CLAIMED;

    static
    {
        try
        {
            CLAIMED = MethodHandles.lookup().findVarHandle(Pending.class, "claimed", boolean.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    final long number;
    final byte[] message;
    final long deadlineNanos;
    private final AtomicInteger outstanding;
    /** Where a replica's result is copied, or null for a new result. */
    private final CommandResult answerInto;
    private final CommandAnswer answer;
    /** Set by whoever answers first ({@link #CLAIMED}): a field, not an AtomicBoolean, to allocate less. */
    private volatile boolean claimed;
    /** When it was last offered to the cluster; 0 when it must be (re)sent. Client thread only. */
    long sentAtNanos;
    /** True while it waits in the send queue. Client thread only. */
    boolean queued;

    /**
     * @param outstanding the client's count of commands taken and not answered: decremented by the answer.
     * @param answerInto  where a replica's result is copied (the caller reads it once {@code answer} is given
     *                    it), or null to copy into a new result.
     * @param answer      where the answer goes, once.
     */
    Pending(final long number, final byte[] message, final long deadlineNanos, final AtomicInteger outstanding,
        final CommandResult answerInto, final CommandAnswer answer)
    {
        this.number = number;
        this.message = message;
        this.deadlineNanos = deadlineNanos;
        this.outstanding = outstanding;
        this.answerInto = answerInto;
        this.answer = answer;
    }

    /**
     * Answers the command with {@code result} unless it was answered already. Any thread.
     *
     * @return true when this was the answer.
     */
    boolean complete(final CommandResult result)
    {
        if (!claim())
        {
            return false;
        }
        outstanding.decrementAndGet();
        answer.answered(result);
        return true;
    }

    /**
     * Answers the command with a copy of the result its member's replica decided, unless it was answered
     * already. Any thread (the member's service thread).
     *
     * @param source valid only during the call.
     */
    void completeWithCopy(final CommandResult source)
    {
        if (!claim())
        {
            return;
        }
        final CommandResult copy = answerInto != null ? answerInto : new CommandResult();
        copy.copyFrom(source);
        outstanding.decrementAndGet();
        answer.answered(copy);
    }

    /** @return true once answered (or being answered). */
    boolean isDone()
    {
        return claimed;
    }

    private boolean claim()
    {
        return CLAIMED.compareAndSet(this, false, true);
    }
}
