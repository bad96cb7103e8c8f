package dev.stockhold.benchmarks;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;

/**
 * Measures what each bounded thing costs in heap: a stock cell, an open reservation, a closed
 * reservation and a remembered idempotency key, by filling a ledger with N of them and comparing the
 * used heap after a full GC. The figures back docs/LIMITS.md.
 * <p>
 * Run: {@code java -Xmx8g -cp benchmarks/target/benchmarks.jar dev.stockhold.benchmarks.MemoryFootprint}
 */
public final class MemoryFootprint
{
    private static final int N = 1_000_000;

    private MemoryFootprint()
    {
    }

    public static void main(final String[] args)
    {
        final LedgerConfig config = LedgerConfig.defaults();
        final Ledger ledger = new Ledger(config);
        final Command command = new Command();
        long before = usedHeap();
        for (int i = 0; i < N; i += 1000)
        {
            command.setStock();
            for (int j = i; j < i + 1000; j++)
            {
                command.items.add("SKU-" + j, "WH-" + (j & 3), 1_000_000, 0, 0, Command.ABSENT);
            }
            ledger.apply(command);
        }
        long after = usedHeap();
        report("stock cell (8-char SKU code, ids, level)", before, after);

        before = after;
        for (int i = 0; i < N; i++)
        {
            command.lock("ORDER-" + i, "shopify", 0, false, false).lines.add("SKU-" + i, "WH-" + (i & 3), 1);
            command.sequence = i;
            ledger.apply(command);
        }
        after = usedHeap();
        report("open reservation, 1 line (with its 12-char order id)", before, after);

        before = after;
        for (int i = 0; i < N; i++)
        {
            command.settle(CommandType.DEDUCT, "ORDER-" + i);
            ledger.apply(command);
        }
        after = usedHeap();
        report("closing it (closed-order queue entry)", before, after);

        before = after;
        for (int i = 0; i < N; i++)
        {
            command.getStock("SKU-" + i, "WH-" + (i & 3));
            command.type = CommandType.ADJUST;
            command.onHandDelta = 1;
            command.idempotencyKey = "idem-key-" + i;
            ledger.apply(command);
        }
        after = usedHeap();
        report("idempotency key (16-char key, remembered result with one level)", before, after);
        channelState(ledger, command, after);
        System.out.println("digest " + Long.toHexString(ledger.digest()) + " (keeps the ledger reachable)");
    }

    /** Channels (1,000 of them), then a million each of listings, kits of two components and allocations. */
    private static void channelState(final Ledger ledger, final Command command, final long start)
    {
        long before = start;
        final int channels = 1_000;
        for (int c = 0; c < channels; c++)
        {
            command.putChannel("channel-" + c, 5, 80, Command.ABSENT, false);
            command.channelWarehouses.add("WH-0").add("WH-1");
            ledger.apply(command);
        }
        long after = usedHeap();
        System.out.printf("%-70s %6.0f bytes each%n", "channel (two warehouses listed)", (after - before) / (double)channels);
        before = after;
        for (int i = 0; i < N; i++)
        {
            ledger.apply(command.bindListing("channel-" + (i % channels), "LISTING-" + i, "SKU-" + i));
        }
        after = usedHeap();
        report("listing bound to a SKU (with its 10-14 char listing id)", before, after);
        before = after;
        for (int i = 0; i < N; i++)
        {
            command.putKit("KIT-" + i).lines.add("SKU-" + i, null, 1).add("SKU-" + ((i + 1) % N), null, 2);
            ledger.apply(command);
        }
        after = usedHeap();
        report("kit of two components (with its code)", before, after);
        before = after;
        for (int i = 0; i < N; i++)
        {
            ledger.apply(command.setAllocation("channel-" + (i % channels), "SKU-" + i, "WH-" + (i & 3), 1));
        }
        after = usedHeap();
        report("allocation", before, after);
    }

    private static void report(final String what, final long before, final long after)
    {
        System.out.printf("%-70s %6.0f bytes each%n", what, (after - before) / (double)N);
    }

    private static long usedHeap()
    {
        for (int i = 0; i < 3; i++)
        {
            System.gc();
        }
        final Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
