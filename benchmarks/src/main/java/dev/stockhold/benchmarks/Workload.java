package dev.stockhold.benchmarks;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmarks' shared workload: SKUS × WAREHOUSES stock cells with ample stock, and a pre-drawn
 * sequence of cells with Zipf-distributed popularity, so the measured loop only reads arrays.
 * Order ids cycle through a pool large enough that a reused id has long been forgotten (the closed
 * reservation limit is set below the pool size), so every lock is a fresh order.
 */
public final class Workload
{
    public static final int SKUS = 25_000;
    public static final int WAREHOUSES = 4;
    public static final int CELLS = SKUS * WAREHOUSES;
    public static final double ZIPF_EXPONENT = 1.1;
    private static final int SAMPLES = 1 << 20;
    private static final int ORDER_IDS = 1 << 18;
    private static final int MAX_CLOSED = 1 << 16;
    private static final long STOCK = 100_000_000_000L;

    public final String[] skus = new String[SKUS];
    public final String[] warehouses = new String[WAREHOUSES];
    /** Popularity rank r is cell {@code rankToCell[r]}: hot cells are spread over SKUs. */
    private final int[] sampledCells = new int[SAMPLES];
    private final String[] orderIds = new String[ORDER_IDS];

    public Workload(final long seed, final String orderPrefix)
    {
        for (int s = 0; s < SKUS; s++)
        {
            skus[s] = "SKU-" + s;
        }
        for (int w = 0; w < WAREHOUSES; w++)
        {
            warehouses[w] = "WH-" + w;
        }
        for (int o = 0; o < ORDER_IDS; o++)
        {
            orderIds[o] = orderPrefix + o;
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final int[] rankToCell = shuffledCells(random);
        final double[] cdf = zipfCdf(CELLS, ZIPF_EXPONENT);
        for (int i = 0; i < SAMPLES; i++)
        {
            sampledCells[i] = rankToCell[search(cdf, random.nextDouble())];
        }
    }

    /** @return a ledger config for benchmarks: defaults, with a closed-order limit the id pool outruns. */
    public static LedgerConfig ledgerConfig()
    {
        return LedgerConfig.defaults().withClosedRetention(LedgerConfig.defaults().closedRetentionMillis(), MAX_CLOSED);
    }

    /** Fills every cell with ample stock, in batches. */
    public void seed(final Ledger ledger)
    {
        final Command command = new Command();
        for (int s = 0; s < SKUS; s += 2_000)
        {
            command.setStock();
            for (int sku = s; sku < Math.min(SKUS, s + 2_000); sku++)
            {
                for (int w = 0; w < WAREHOUSES; w++)
                {
                    command.items.add(skus[sku], warehouses[w], STOCK, STOCK, 0, Command.ABSENT);
                }
            }
            ledger.apply(command);
            if (!command.result.isOk())
            {
                throw new IllegalStateException("seeding failed: " + command.result.code());
            }
        }
    }

    /** @return the i-th drawn cell (wraps). */
    public int cell(final long i)
    {
        return sampledCells[(int)(i & (SAMPLES - 1))];
    }

    public String skuOf(final int cell)
    {
        return skus[cell / WAREHOUSES];
    }

    public String warehouseOf(final int cell)
    {
        return warehouses[cell % WAREHOUSES];
    }

    /** @return the i-th order id (wraps). */
    public String orderId(final long i)
    {
        return orderIds[(int)(i & (ORDER_IDS - 1))];
    }

    /** Fills {@code command} with a one-line lock of order i on its drawn cell. */
    public Command lock(final Command command, final long i)
    {
        final int cell = cell(i);
        command.lock(orderId(i), null, 0, false, false);
        command.lines.add(skuOf(cell), warehouseOf(cell), 1 + (i & 3));
        return command;
    }

    private static int[] shuffledCells(final SplittableRandom random)
    {
        final int[] cells = new int[CELLS];
        for (int i = 0; i < CELLS; i++)
        {
            cells[i] = i;
        }
        for (int i = CELLS - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int t = cells[i];
            cells[i] = cells[j];
            cells[j] = t;
        }
        return cells;
    }

    private static double[] zipfCdf(final int n, final double exponent)
    {
        final double[] cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++)
        {
            sum += 1.0 / Math.pow(k + 1, exponent);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++)
        {
            cdf[k] /= sum;
        }
        return cdf;
    }

    private static int search(final double[] cdf, final double u)
    {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (cdf[mid] < u)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /** The warehouse codes, for configuring priority. */
    public List<String> warehouseList()
    {
        return List.of(warehouses);
    }
}
