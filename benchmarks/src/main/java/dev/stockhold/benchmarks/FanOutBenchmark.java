package dev.stockhold.benchmarks;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.ledger.ChannelLimits;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The worst published-quantity fan-out of one command under the default {@link ChannelLimits}: a SKU bound
 * by the most listings a code may have ({@code maxListingsPerCode}, one per channel of 1,000) and a
 * component of the most kits a SKU may be in ({@code maxKitsPerSku}), each of those kits bound by the same
 * number of listings: 101,000 listings, every one of which a lock of the SKU changes (it is every kit's
 * scarce component). Each invocation locks one unit and releases it again; the score is the time per
 * command, each of which recomputes and records all 101,000 listings.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class FanOutBenchmark
{
    private static final String[] WAREHOUSES = {"WH-0", "WH-1", "WH-2", "WH-3"};

    private Ledger ledger;
    private final Command lock = new Command();
    private final Command release = new Command();
    private long order;
    private long clock;
    private int changed;

    @Setup(Level.Trial)
    public void setUp()
    {
        final ChannelLimits limits = ChannelLimits.defaults();
        ledger = new Ledger(Workload.ledgerConfig());
        final Command command = new Command();
        for (final String warehouse : WAREHOUSES)
        {
            command.setStock();
            command.items.add("HOT", warehouse, 1_000_000, Command.ABSENT, Command.ABSENT, Command.ABSENT);
            for (int k = 0; k < limits.maxKitsPerSku(); k++)
            {
                command.items.add("PART-" + k, warehouse, 10_000_000, Command.ABSENT, Command.ABSENT, Command.ABSENT);
            }
            apply(command);
        }
        for (int c = 0; c < limits.maxListingsPerCode(); c++)
        {
            apply(command.putChannel("channel-" + c, 0, 100, Command.ABSENT, false));
            apply(command.bindListing("channel-" + c, "hot-" + c, "HOT"));
        }
        for (int k = 0; k < limits.maxKitsPerSku(); k++)
        {
            command.putKit("KIT-" + k).lines.add("HOT", null, 1).add("PART-" + k, null, 1);
            apply(command);
            for (int c = 0; c < limits.maxListingsPerCode(); c++)
            {
                apply(command.bindListing("channel-" + c, "kit-" + k + "-" + c, "KIT-" + k));
            }
        }
    }

    private void apply(final Command command)
    {
        ledger.apply(command);
        if (!command.result.isOk())
        {
            throw new IllegalStateException("fan-out seeding failed: " + command.type + " " + command.result.code());
        }
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public int lockThenRelease()
    {
        final String orderId = "order-" + (order++ & 0xFFFF);
        lock.lock(orderId, null, 0, false, false).lines.add("HOT", WAREHOUSES[(int)(order & 3)], 1);
        ledger.apply(lock.at(clock++));
        release.settle(CommandType.RELEASE, orderId).at(clock);
        ledger.apply(release);
        changed = lock.result.published().count();
        return changed + release.result.published().count();
    }

    /** @return the listings the last lock changed: 101,000 under the default limits. */
    public int lastFanOut()
    {
        return changed;
    }
}
