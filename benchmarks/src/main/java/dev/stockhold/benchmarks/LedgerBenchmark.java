package dev.stockhold.benchmarks;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.ledger.Ledger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The ledger alone on one thread: lock+deduct and lock+release cycles over 100,000 SKU×warehouse cells
 * with Zipf popularity. Scores are commands per second (each invocation is two commands). Run with
 * {@code -prof gc} to see that steady-state processing allocates nothing.
 * <p>
 * {@code variant=plain} locks by SKU with no channel configured; {@code variant=channels} adds the
 * {@link ChannelWorkload} (5 channels, 3 listings per SKU, a tenth of the locks by a kit's listing), so
 * every command also recomputes the published quantities it changes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class LedgerBenchmark
{
    @Param({"plain", "channels"})
    public String variant;

    private Ledger ledger;
    private Workload workload;
    private ChannelWorkload channels;
    private final Command lock = new Command();
    private final Command settle = new Command();
    private long order;
    private long clock;

    @Setup(Level.Trial)
    public void setUp()
    {
        workload = new Workload(42, "bench-");
        ledger = new Ledger(Workload.ledgerConfig());
        // Seeded from other String instances than the locks name, as in a server, where every request
        // decodes its own: the ledger must compare codes, it cannot stop at String identity.
        new Workload(42, "seed-").seed(ledger);
        if ("channels".equals(variant))
        {
            channels = new ChannelWorkload(workload);
            new ChannelWorkload(new Workload(42, "seed-")).seed(ledger);
        }
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public boolean lockThenDeduct()
    {
        return cycle(CommandType.DEDUCT);
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public boolean lockThenRelease()
    {
        return cycle(CommandType.RELEASE);
    }

    private boolean cycle(final CommandType settlement)
    {
        final long i = order++;
        if (channels == null)
        {
            workload.lock(lock, i).at(clock++);
        }
        else
        {
            channels.lock(lock, i).at(clock++);
        }
        ledger.apply(lock);
        settle.settle(settlement, lock.orderId).at(clock);
        ledger.apply(settle);
        return lock.result.isOk() & settle.result.isOk();
    }
}
