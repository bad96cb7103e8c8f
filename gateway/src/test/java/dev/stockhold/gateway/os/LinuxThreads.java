package dev.stockhold.gateway.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** This process's threads as Linux sees them: name and scheduling, read from /proc. */
public record LinuxThreads(String name, int policy, int realtimePriority)
{
    /** Linux's policy number for first-in first-out real-time scheduling. */
    public static final int SCHED_FIFO = 1;

    /** @return whether this machine lets this process raise a thread (root, CAP_SYS_NICE or ulimit -r). */
    public static boolean realtimePermitted() throws Exception
    {
        return CompletableFuture.supplyAsync(() -> RealtimeScheduling.ofPriority(1).applyToCurrentThread(),
            runnable -> new Thread(runnable).start()).get(10, TimeUnit.SECONDS);
    }

    /** @return every thread of this process. */
    public static List<LinuxThreads> ofThisProcess()
    {
        final List<LinuxThreads> threads = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task")))
        {
            tasks.forEach(task ->
            {
                try
                {
                    threads.add(parse(Files.readString(task.resolve("stat"))));
                }
                catch (final IOException ex)
                {
                    // The thread ended between the listing and the read.
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return threads;
    }

    /** @return the calling thread. */
    public static LinuxThreads current()
    {
        try
        {
            return parse(Files.readString(Path.of("/proc/thread-self/stat")));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Fields 2 (the name, in parentheses, perhaps with spaces), 40 (rt_priority) and 41 (policy) of proc(5). */
    private static LinuxThreads parse(final String stat)
    {
        final int open = stat.indexOf('(');
        final int close = stat.lastIndexOf(')');
        final String[] fields = stat.substring(close + 2).trim().split(" ");
        // fields[0] is field 3.
        return new LinuxThreads(stat.substring(open + 1, close), Integer.parseInt(fields[38]),
            Integer.parseInt(fields[37]));
    }

    /** @return whether this thread runs first-in first-out at real-time priority. */
    public boolean realtime()
    {
        return policy == SCHED_FIFO;
    }
}
