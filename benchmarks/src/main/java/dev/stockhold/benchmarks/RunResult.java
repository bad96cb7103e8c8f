package dev.stockhold.benchmarks;

import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * What one measured run of {@link BinaryLoopbackDriver} gave, and the lines that report it: one per run, then
 * the median run in words and as the {@code RESULT key=value ...} line that scripts parse (its keys and
 * formats are a contract: keep them as they are).
 */
final class RunResult
{
    final double commandsPerSecond;
    final long errors;
    final Histogram latency;
    final String cpu;
    final double driverCpuMicros;
    final double serverCpuMicros;

    RunResult(final double commandsPerSecond, final long errors, final Histogram latency, final String cpu,
        final double driverCpuMicros, final double serverCpuMicros)
    {
        this.commandsPerSecond = commandsPerSecond;
        this.errors = errors;
        this.latency = latency;
        this.cpu = cpu;
        this.driverCpuMicros = driverCpuMicros;
        this.serverCpuMicros = serverCpuMicros;
    }

    /**
     * @param used CPU nanoseconds [0] and bytes allocated [1] of the in-JVM server's thread groups (event loop,
     *     engine, client), or null against a target
     * @return the run's CPU per command in words: per thread group in one JVM, per process against a target
     */
    static String cpuPerCommand(final long[][] used, final long completed, final double seconds,
        final double driverCpuMicros, final double serverCpuMicros)
    {
        if (used != null)
        {
            return String.format("per command: server event loop %.2f us CPU %.1f B allocated, engine threads"
                    + " %.2f us CPU %.1f B, client threads %.2f us CPU %.1f B",
                used[0][0] / 1000.0 / completed, (double)used[1][0] / completed,
                used[0][1] / 1000.0 / completed, (double)used[1][1] / completed,
                used[0][2] / 1000.0 / completed, (double)used[1][2] / completed);
        }
        return String.format("per command: driver process %.2f us CPU (%.0f %% of a core)%s", driverCpuMicros,
            driverCpuMicros * completed / seconds / 1e4, Double.isNaN(serverCpuMicros) ? ""
                : String.format(", server process %.2f us CPU (%.0f %% of a core)", serverCpuMicros,
                    serverCpuMicros * completed / seconds / 1e4));
    }

    /** Prints the line of run number {@code run} (counted from 0) to stdout. */
    void print(final int run)
    {
        System.out.printf("run %d: %,.0f commands/s, errors %d, latency us p50 %.0f p99 %.0f p99.9 %.0f"
                + " max %.0f; %s%n",
            run + 1, commandsPerSecond, errors, micros(latency, 50),
            micros(latency, 99), micros(latency, 99.9), latency.getMaxValue() / 1000.0,
            cpu);
    }

    /**
     * Sorts {@code results} by throughput and prints the median run, in words and as the {@code RESULT} line.
     *
     * @param where how the server was reached: its engine's settings in this JVM, or the target's address
     */
    static void printMedian(final DriverOptions options, final List<RunResult> results, final String where)
    {
        results.sort((a, b) -> Double.compare(a.commandsPerSecond, b.commandsPerSecond));
        final RunResult median = results.get(results.size() / 2);
        System.out.printf("median of %d runs: %,.0f commands/s (mix %s, %d line(s), %d connection(s), window %d%s)%n",
            options.runs, median.commandsPerSecond, options.mix, options.lines, options.connections, options.window,
            where);
        System.out.printf("RESULT commands_per_s=%.0f p50_us=%.0f p99_us=%.0f p999_us=%.0f errors=%d runs=%d"
                + " mix=%s lines=%d connections=%d window=%d driver_cpu_us=%.2f server_cpu_us=%s%n",
            median.commandsPerSecond, micros(median.latency, 50), micros(median.latency, 99),
            micros(median.latency, 99.9), median.errors, options.runs, options.mix, options.lines,
            options.connections, options.window, median.driverCpuMicros,
            Double.isNaN(median.serverCpuMicros) ? "-" : String.format("%.2f", median.serverCpuMicros));
    }

    private static double micros(final Histogram histogram, final double percentile)
    {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
