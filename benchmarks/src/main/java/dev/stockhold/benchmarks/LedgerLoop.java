package dev.stockhold.benchmarks;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.ledger.Ledger;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * {@link LedgerBenchmark}'s lock+release (or lock+deduct) cycle in a plain loop, plain and channels variants
 * on two ledgers in one JVM, alternating in chunks (plain, channels, plain, channels, …) so that both see the
 * same neighbours on a shared machine: nanoseconds per command of the thread's CPU time (which a busy
 * machine disturbs less than the wall clock) and of wall time per chunk, their median and minimum over
 * the chunks, the ratio of the two variants, and the bytes the thread allocated per command as
 * {@code ThreadMXBean} counts them. As many cycles of each variant warm up first and are not counted. A
 * check on the JMH figures that needs no profiler.
 * <p>
 * Run: {@code java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar dev.stockhold.benchmarks.LedgerLoop [cycles [deduct]]}
 * ({@code cycles}: measured cycles per variant, default 3,000,000, in {@value #CHUNKS} chunks; {@code deduct}:
 * lock+deduct cycles instead of lock+release).
 */
public final class LedgerLoop
{
    private static final int CHUNKS = 12;
    /**
     * As many chunks warm up first, uncounted: a reused reservation grows its line arrays the first time it
     * holds a kit order, and each kit's sums are built when first asked for.
     */
    private static final int WARM_UP_CHUNKS = CHUNKS;

    private LedgerLoop()
    {
    }

    public static void main(final String[] args)
    {
        final long cycles = args.length > 0 ? Long.parseLong(args[0]) : 3_000_000;
        final CommandType settlement = args.length > 1 && "deduct".equals(args[1]) ? CommandType.DEDUCT
            : CommandType.RELEASE;
        final long chunk = Math.max(1, cycles / CHUNKS);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final String[] variants = {"plain", "channels"};
        final Workload workload = new Workload(42, "bench-");
        final ChannelWorkload channels = new ChannelWorkload(workload);
        final Ledger[] ledgers = new Ledger[variants.length];
        for (int v = 0; v < variants.length; v++)
        {
            ledgers[v] = new Ledger(Workload.ledgerConfig());
            new Workload(42, "seed-").seed(ledgers[v]);
            if (v == 1)
            {
                new ChannelWorkload(new Workload(42, "seed-")).seed(ledgers[v]);
            }
        }
        final Command lock = new Command();
        final Command settle = new Command();
        final long[] next = new long[variants.length];
        final double[][] cpu = new double[variants.length][CHUNKS];
        final double[][] wall = new double[variants.length][CHUNKS];
        final long[] bytes = new long[variants.length];
        for (int round = -WARM_UP_CHUNKS; round < CHUNKS; round++)
        {
            for (int v = 0; v < variants.length; v++)
            {
                final Ledger ledger = ledgers[v];
                final long bytesBefore = threads.getCurrentThreadAllocatedBytes();
                final long cpuStart = threads.getCurrentThreadCpuTime();
                final long start = System.nanoTime();
                for (long i = next[v]; i < next[v] + chunk; i++)
                {
                    (v == 0 ? workload.lock(lock, i) : channels.lock(lock, i)).at(i);
                    ledger.apply(lock);
                    ledger.apply(settle.settle(settlement, lock.orderId).at(i));
                }
                final long nanos = System.nanoTime() - start;
                final long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
                final long allocated = threads.getCurrentThreadAllocatedBytes() - bytesBefore;
                next[v] += chunk;
                if (round >= 0)
                {
                    cpu[v][round] = cpuNanos / (2.0 * chunk);
                    wall[v][round] = nanos / (2.0 * chunk);
                    bytes[v] += allocated;
                }
            }
        }
        for (int v = 0; v < variants.length; v++)
        {
            Arrays.sort(cpu[v]);
            Arrays.sort(wall[v]);
            System.out.printf("%-8s CPU %6.0f ns/command (median; min %6.0f), wall %6.0f (median) %8.3f B/command%n",
                variants[v], median(cpu[v]), cpu[v][0], median(wall[v]), bytes[v] / (2.0 * chunk * CHUNKS));
        }
        System.out.printf("channels / plain: %.2f by the median CPU time, %.2f by the minimum%n",
            median(cpu[1]) / median(cpu[0]), cpu[1][0] / cpu[0][0]);
    }

    private static double median(final double[] sorted)
    {
        return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    }
}
