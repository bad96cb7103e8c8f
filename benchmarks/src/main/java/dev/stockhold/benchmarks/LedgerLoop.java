package dev.stockhold.benchmarks;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.ledger.Ledger;

import java.lang.management.ManagementFactory;

/**
 * {@link LedgerBenchmark}'s lock+release (or lock+deduct) cycle in a plain loop, plain and channels variants interleaved
 * (plain, channels, plain, channels) in one JVM: nanoseconds per command of wall time and of the thread's
 * CPU time (which a machine busy with other work disturbs less), and the bytes the thread allocated per
 * command as {@code ThreadMXBean} counts them, over the second half of each run. A check on the JMH
 * figures that needs no profiler.
 * <p>
 * Run: {@code java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar dev.stockhold.benchmarks.LedgerLoop [cycles [deduct]]}
 * ({@code deduct}: lock+deduct cycles instead of lock+release).
 */
public final class LedgerLoop
{
    private LedgerLoop()
    {
    }

    public static void main(final String[] args)
    {
        final long cycles = args.length > 0 ? Long.parseLong(args[0]) : 3_000_000;
        final CommandType settlement = args.length > 1 && "deduct".equals(args[1]) ? CommandType.DEDUCT
            : CommandType.RELEASE;
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        for (final String variant : new String[] {"plain", "channels", "plain", "channels"})
        {
            final Workload workload = new Workload(42, "bench-");
            final Ledger ledger = new Ledger(Workload.ledgerConfig());
            new Workload(42, "seed-").seed(ledger);
            final ChannelWorkload channels = "channels".equals(variant) ? new ChannelWorkload(workload) : null;
            if (channels != null)
            {
                new ChannelWorkload(new Workload(42, "seed-")).seed(ledger);
            }
            final Command lock = new Command();
            final Command settle = new Command();
            for (int half = 0; half < 2; half++)
            {
                final long bytesBefore = threads.getCurrentThreadAllocatedBytes();
                final long cpuStart = threads.getCurrentThreadCpuTime();
                final long start = System.nanoTime();
                for (long i = half * cycles; i < (half + 1) * cycles; i++)
                {
                    (channels == null ? workload.lock(lock, i) : channels.lock(lock, i)).at(i);
                    ledger.apply(lock);
                    ledger.apply(settle.settle(settlement, lock.orderId).at(i));
                }
                final long nanos = System.nanoTime() - start;
                final long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
                final long bytes = threads.getCurrentThreadAllocatedBytes() - bytesBefore;
                if (half == 1)
                {
                    System.out.printf("%-8s %6.0f ns/command (CPU %6.0f ns) %8.3f B/command%n", variant,
                        nanos / (2.0 * cycles), cpuNanos / (2.0 * cycles), bytes / (2.0 * cycles));
                }
            }
        }
    }
}
