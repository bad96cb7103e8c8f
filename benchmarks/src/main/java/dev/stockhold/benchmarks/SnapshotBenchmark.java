package dev.stockhold.benchmarks;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.ledger.Ledger;
import org.agrona.ExpandableArrayBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The snapshot pause alone: the time the ledger thread spends writing its whole state (with the digest)
 * into the reused snapshot buffer, over the benchmarks' 100,000 cells and a given number of open orders.
 * Every command waits behind this pause, so it should stay short.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class SnapshotBenchmark
{
    /** Orders locked and left open before the snapshots. */
    @Param({"200000", "1000000"})
    public int openOrders;

    private Ledger ledger;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 20);

    @Setup(Level.Trial)
    public void setUp()
    {
        final Workload workload = new Workload(42, "snap-");
        ledger = new Ledger(Workload.ledgerConfig());
        workload.seed(ledger);
        final Command lock = new Command();
        for (int i = 0; i < openOrders; i++)
        {
            // Ids of its own: the workload's pool repeats after 262,144 orders.
            final int cell = workload.cell(i);
            lock.lock("snap-" + i, null, 0, false, false);
            lock.lines.add(workload.skuOf(cell), workload.warehouseOf(cell), 1 + (i & 3));
            ledger.apply(lock.at(i));
            if (!lock.result.isOk())
            {
                throw new IllegalStateException("lock " + i + " failed: " + lock.result.code());
            }
        }
    }

    /** @return the snapshot's length, so the write cannot be optimised away. */
    @Benchmark
    public int writeSnapshot()
    {
        return ledger.writeSnapshot(buffer, 0);
    }
}
