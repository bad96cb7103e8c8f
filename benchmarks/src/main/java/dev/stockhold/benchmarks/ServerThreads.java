package dev.stockhold.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * CPU time and bytes allocated by the in-JVM server's event loop threads, the engine's stage threads (their
 * names depend on which stages exist) and the client's threads, via the JVM's per-thread counters.
 */
final class ServerThreads
{
    private static final String[] PATTERNS = {
        "stockhold-binary.*", "stockhold-(engine|journal|ledger|responder|stage-.*)",
        "stockhold-client.*"};
    private final com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private final long[][] ids = new long[PATTERNS.length][];
    private final long[] cpuMarks = new long[PATTERNS.length];
    private final long[] byteMarks = new long[PATTERNS.length];

    ServerThreads()
    {
        for (int group = 0; group < PATTERNS.length; group++)
        {
            final String pattern = PATTERNS[group];
            ids[group] = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().matches(pattern)).mapToLong(Thread::getId).toArray();
        }
    }

    void mark()
    {
        for (int group = 0; group < ids.length; group++)
        {
            cpuMarks[group] = cpu(ids[group]);
            byteMarks[group] = allocated(ids[group]);
        }
    }

    /** @return CPU nanoseconds [0] and bytes [1] per thread group since {@link #mark()}. */
    long[][] usedSinceMark()
    {
        final long[][] used = new long[2][ids.length];
        for (int group = 0; group < ids.length; group++)
        {
            used[0][group] = cpu(ids[group]) - cpuMarks[group];
            used[1][group] = allocated(ids[group]) - byteMarks[group];
        }
        return used;
    }

    private long cpu(final long[] threadIds)
    {
        long sum = 0;
        for (final long id : threadIds)
        {
            sum += Math.max(0, bean.getThreadCpuTime(id));
        }
        return sum;
    }

    private long allocated(final long[] threadIds)
    {
        return threadIds.length == 0 ? 0 : Arrays.stream(bean.getThreadAllocatedBytes(threadIds)).sum();
    }
}
