package dev.stockhold.gateway.os;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real threads raised by the real system call, read back from /proc. */
class RealtimeSchedulingTest
{
    @Test
    void aRaisedThreadRunsFirstInFirstOutAndTheThreadsItStartsDoNot() throws Exception
    {
        assumeTrue(LinuxThreads.realtimePermitted(), "this machine does not let the tests raise a thread");
        final RealtimeScheduling scheduling = RealtimeScheduling.ofPriority(7);
        final CompletableFuture<LinuxThreads[]> seen = new CompletableFuture<>();
        final Thread raised = new Thread(() ->
        {
            final LinuxThreads before = LinuxThreads.current();
            scheduling.applyToCurrentThread();
            final LinuxThreads after = LinuxThreads.current();
            final LinuxThreads[] child = new LinuxThreads[1];
            final Thread started = new Thread(() -> child[0] = LinuxThreads.current());
            started.start();
            try
            {
                started.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            seen.complete(new LinuxThreads[] {before, after, child[0]});
        });
        raised.start();
        final LinuxThreads[] threads = seen.get(10, TimeUnit.SECONDS);
        assertFalse(threads[0].realtime());
        assertTrue(threads[1].realtime());
        assertEquals(7, threads[1].realtimePriority());
        assertFalse(threads[2].realtime(), "a thread started by a raised one keeps the default scheduling");
        assertEquals(0, threads[2].realtimePriority());
    }

    @Test
    void eventLoopThreadsRaiseThemselvesBeforeTheyRun() throws Exception
    {
        assumeTrue(LinuxThreads.realtimePermitted(), "this machine does not let the tests raise a thread");
        final CompletableFuture<LinuxThreads> seen = new CompletableFuture<>();
        final Thread loop = RealtimeScheduling.ofPriority(3).eventLoopThreads("test-loop", true)
            .newThread(() -> seen.complete(LinuxThreads.current()));
        loop.start();
        final LinuxThreads thread = seen.get(10, TimeUnit.SECONDS);
        assertTrue(thread.realtime());
        assertEquals(3, thread.realtimePriority());
        assertTrue(thread.name().startsWith("test-loop"), thread.name());
    }

    @Test
    void offLeavesThreadsAlone() throws Exception
    {
        assertSame(RealtimeScheduling.OFF, RealtimeScheduling.ofPriority(0));
        final CompletableFuture<LinuxThreads> seen = new CompletableFuture<>();
        new Thread(() ->
        {
            if (RealtimeScheduling.OFF.applyToCurrentThread())
            {
                seen.completeExceptionally(new AssertionError("OFF claims to have raised a thread"));
            }
            seen.complete(LinuxThreads.current());
        }).start();
        assertFalse(seen.get(10, TimeUnit.SECONDS).realtime());
    }

    @Test
    void aPriorityOutsideLinuxsRangeIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> RealtimeScheduling.ofPriority(-1));
        assertThrows(IllegalArgumentException.class, () -> RealtimeScheduling.ofPriority(100));
        assertEquals(99, RealtimeScheduling.ofPriority(99).priority());
    }
}
