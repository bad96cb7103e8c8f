package dev.stockhold.engine.threads;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place threads are made: each has a name that says what it does (a thread dump reads like the
 * architecture) and is a daemon, so that only the owner's {@code close} or the process's end stops the
 * program, never a forgotten helper. An exception a thread does not catch goes to the process's default
 * handler, which the server turns into a fail-stop.
 */
public final class NamedThreads
{
    private NamedThreads()
    {
    }

    /** @return a daemon thread named {@code name} running {@code body}, not started. */
    public static Thread create(final String name, final Runnable body)
    {
        final Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    /** @return a factory of daemon threads named {@code prefix-1}, {@code prefix-2}, … */
    public static ThreadFactory factory(final String prefix)
    {
        final AtomicInteger made = new AtomicInteger();
        return body -> create(prefix + "-" + made.incrementAndGet(), body);
    }

    /** @return a single-threaded scheduler on a daemon thread named {@code name}. */
    public static ScheduledExecutorService timer(final String name)
    {
        return Executors.newSingleThreadScheduledExecutor(body -> create(name, body));
    }
}
