package dev.stockhold.benchmarks;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * The slowest single lock while open orders pile up, for each doubling of their count. The ledger's
 * tables grow by doubling; work done all at once when one grows shows as a pause at a power of two, and
 * a server's latency tail shows it too (it was the 16-36 ms answers a minute into every latency run).
 * Times {@code Ledger.apply} alone, on one thread, every lock a fresh order of one line on one cell.
 * <p>
 * Run: {@code java -XX:+UseZGC -Xms4g -Xmx4g -cp benchmarks/target/benchmarks.jar
 * dev.stockhold.benchmarks.LockPauses [orders, default 2097152]}
 */
public final class LockPauses
{
    private LockPauses()
    {
    }

    public static void main(final String[] args)
    {
        final int orders = args.length > 0 ? Integer.parseInt(args[0]) : 1 << 21;
        final String[] orderIds = new String[orders];
        for (int i = 0; i < orders; i++)
        {
            orderIds[i] = "order-" + i;
        }
        final Ledger ledger = new Ledger(LedgerConfig.defaults());
        final Command command = new Command();
        command.setStock();
        command.items.add("SKU-1", "WH-1", 1_000_000_000_000L, 0, 0, Command.ABSENT);
        ledger.apply(command);
        if (!command.result.isOk())
        {
            throw new IllegalStateException("seeding failed: " + command.result.code());
        }

        final Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(1), 3);
        long bandMax = 0;
        int bandMaxAt = 0;
        System.out.printf("%-22s %12s %14s%n", "open orders", "slowest lock", "at order");
        for (int i = 0; i < orders; i++)
        {
            command.lock(orderIds[i], null, 0, false, false).lines.add("SKU-1", "WH-1", 1);
            command.at(i);
            final long started = System.nanoTime();
            ledger.apply(command);
            final long took = System.nanoTime() - started;
            if (!command.result.isOk())
            {
                throw new IllegalStateException("lock " + i + " failed: " + command.result.code());
            }
            all.recordValue(Math.min(took, all.getHighestTrackableValue()));
            if (took > bandMax)
            {
                bandMax = took;
                bandMaxAt = i;
            }
            final int done = i + 1;
            if (done >= 1024 && Integer.bitCount(done) == 1 || done == orders)
            {
                System.out.printf("%-22s %9.2f ms %14d%n", "up to " + done, bandMax / 1e6, bandMaxAt);
                bandMax = 0;
            }
        }
        System.out.printf("all %d locks: p50 %.2f us, p99.99 %.1f us, max %.2f ms%n", orders,
            all.getValueAtPercentile(50) / 1e3, all.getValueAtPercentile(99.99) / 1e3, all.getMaxValue() / 1e6);
    }
}
