package dev.stockhold.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of whole processes, from /proc: what the driver and a server on this machine each spend. */
final class ProcessCpu
{
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu()
    {
    }

    /** @return this JVM's CPU nanoseconds. */
    static long self()
    {
        return ((com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    /** @return the CPU nanoseconds (user + system) of process {@code pid}, or -1 without one. */
    static long of(final long pid)
    {
        if (pid <= 0)
        {
            return -1;
        }
        try
        {
            final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name (which may hold spaces), from field 3: utime is 14, stime 15.
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }
}
