package dev.stockhold.cluster.client;

import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A command answered by its member's replica is answered once, whatever comes after: a deadline, a repeat. */
class InFlightCommandsTest
{
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicInteger outstanding = new AtomicInteger();
    private final InFlightCommands inFlight = new InFlightCommands(SECOND, 64);
    private final ConcurrentLinkedQueue<Pending> submitted = new ConcurrentLinkedQueue<>();
    private final Map<Pending, CompletableFuture<CommandResult>> futures = new IdentityHashMap<>();

    private Pending submit(final long number, final long deadlineNanos)
    {
        return submit(number, deadlineNanos, null);
    }

    private Pending submit(final long number, final long deadlineNanos, final CommandResult answerInto)
    {
        outstanding.incrementAndGet();
        final CompletableFuture<CommandResult> future = new CompletableFuture<>();
        final Pending pending = new Pending(number, new byte[0], deadlineNanos, outstanding, answerInto,
            future::complete);
        futures.put(pending, future);
        inFlight.expectFromReplica(pending);
        submitted.add(pending);
        inFlight.takeAll(submitted);
        return pending;
    }

    /** @return the answer given to {@code pending} (fails the test when none was). */
    private CommandResult answer(final Pending pending) throws Exception
    {
        return futures.get(pending).get(0, TimeUnit.SECONDS);
    }

    private static CommandResult applied(final long sequence)
    {
        final CommandResult result = new CommandResult();
        result.sequence(sequence);
        return result;
    }

    @Test
    void theReplicasResultIsCopiedAndTheDeadlineAfterItChangesNothing() throws Exception
    {
        final Pending pending = submit(1, 10 * SECOND);
        final CommandResult scratch = applied(7);
        inFlight.answerFromReplica(1, scratch);
        scratch.sequence(8); // the replica reuses its result for the next command
        assertTrue(pending.isDone());
        assertEquals(7, answer(pending).sequence(), "a copy, not the replica's reused result");
        assertEquals(0, outstanding.get());

        inFlight.answerFromReplica(1, applied(9)); // a repeat in the log is not answered again
        inFlight.scan(11 * SECOND);
        assertEquals(7, answer(pending).sequence());
        assertEquals(0, outstanding.get(), "counted out once");
        assertEquals(0, inFlight.size());
    }

    @Test
    void theReplicasResultGoesWhereTheSenderAskedAndNowhereOnceTheDeadlineAnswered() throws Exception
    {
        final CommandResult into = new CommandResult();
        final Pending answered = submit(5, 10 * SECOND, into);
        inFlight.answerFromReplica(5, applied(11));
        assertSame(into, answer(answered), "the sender's own result, no copy of a copy");
        assertEquals(11, into.sequence());

        final CommandResult untouched = new CommandResult();
        final Pending late = submit(6, SECOND, untouched);
        inFlight.scan(2 * SECOND);
        inFlight.answerFromReplica(6, applied(12));
        assertEquals(ErrorCode.OVERLOADED, answer(late).code());
        assertEquals(0, untouched.sequence(), "a replica that lost the race writes nothing");
        assertEquals(0, outstanding.get());
    }

    @Test
    void pastItsDeadlineACommandIsAnsweredOverloadedAndTheReplicaComesTooLate() throws Exception
    {
        final Pending pending = submit(2, SECOND);
        inFlight.scan(2 * SECOND);
        assertEquals(ErrorCode.OVERLOADED, answer(pending).code());
        final CommandResult late = applied(3);
        inFlight.answerFromReplica(2, late);
        assertEquals(ErrorCode.OVERLOADED, answer(pending).code(), "never a success after the deadline's answer");
        assertEquals(0, outstanding.get());
    }

    @Test
    void anAnsweredCommandIsNotSentAgainAfterANewLeader()
    {
        final Pending answered = submit(3, 10 * SECOND);
        final Pending waiting = submit(4, 10 * SECOND);
        // As if both had been offered to the old leader.
        answered.sentAtNanos = 1;
        answered.queued = false;
        waiting.sentAtNanos = 1;
        waiting.queued = false;
        inFlight.answerFromReplica(3, applied(1));
        inFlight.resendAll();
        assertFalse(answered.queued, "answered: not resent");
        assertTrue(waiting.queued, "still waiting: resent with its id");
        assertEquals(1, inFlight.resends());
    }
}
