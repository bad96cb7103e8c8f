package dev.stockhold.loadtest.marketplace;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several fake marketplaces sell one stock pool, each showing what stockhold pushed it (less its own sales the
 * pushed value does not count yet), and every sale is a lock by listing sent to stockhold. A sale stockhold
 * refuses is an oversell: the marketplace showed stock that was no longer there. {@code shared}: every channel
 * publishes the whole pool, so a marketplace learns of the others' sales only when a push arrives;
 * {@code escrow}: each channel publishes only its allocations ({@code percent: 0}), which no other channel
 * can take, so it cannot oversell however late its pushes are.
 */
public final class OversellRun
{
    /**
     * The run's knobs.
     *
     * @param minStock    units of the first SKU; the others' stock rises evenly to {@code stock}, so SKUs sell out
     *                    one after another, not all in the same second.
     * @param bufferUnits each channel's {@code bufferUnits}: units of every listing's pool no channel shows.
     * @param perSku      each buyer wants one SKU drawn at random and leaves when the marketplace shows none, so
     *                    every SKU keeps its share of demand to the end; otherwise a buyer takes any listing still
     *                    shown, and all the demand piles onto the last SKUs (a hostile case).
     */
    public record Settings(String target, boolean escrow, int marketplaces, int skus, long minStock, long stock,
        long bufferUnits, boolean perSku, int salesPerSecond, int pushRatePerSecond, long durationMillis)
    {
        /** Units of SKU {@code i}. */
        public long stockOf(final int i)
        {
            return skus <= 1 ? stock : minStock + (stock - minStock) * i / (skus - 1);
        }
    }

    /** What happened; {@code walkedAway}: buyers whose SKU their marketplace showed as sold out. */
    public record Outcome(long sold, long oversold, long errors, long deliveries, long badSignatures, long walkedAway)
    {
    }

    private static final String SECRET = "oversell-secret";
    private static final int WALKED_AWAY = -2;

    private final Settings settings;
    private final Stockhold stockhold;
    private final String prefix = "os" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private final AtomicLong sold = new AtomicLong();
    private final AtomicLong oversold = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong walkedAway = new AtomicLong();

    public OversellRun(final Settings settings)
    {
        this.settings = settings;
        this.stockhold = new Stockhold(settings.target());
    }

    public Outcome run(final PrintStream out) throws Exception
    {
        final List<Marketplace> markets = new ArrayList<>();
        try
        {
            for (int m = 0; m < settings.marketplaces(); m++)
            {
                markets.add(new Marketplace(prefix + "-mp" + m, SECRET));
            }
            setUp(markets);
            out.printf("oversell %s: %d marketplaces, %d SKUs x %d..%d units, buffer %d, %d buyers/s each wanting %s,"
                + " pushes at most %d/s%n", settings.escrow() ? "escrow" : "shared", settings.marketplaces(),
                settings.skus(), settings.stockOf(0), settings.stock(), settings.bufferUnits(), settings.salesPerSecond(),
                settings.perSku() ? "one SKU" : "any SKU shown", settings.pushRatePerSecond());
            final List<Thread> shoppers = new ArrayList<>();
            final long deadline = System.nanoTime() + settings.durationMillis() * 1_000_000;
            for (final Marketplace market : markets)
            {
                final Thread shopper = new Thread(() -> shop(market, deadline), "shopper-" + market.channel());
                shopper.start();
                shoppers.add(shopper);
            }
            for (final Thread shopper : shoppers)
            {
                shopper.join();
            }
            long deliveries = 0;
            long bad = 0;
            for (final Marketplace market : markets)
            {
                deliveries += market.deliveries();
                bad += market.badSignatures();
            }
            return new Outcome(sold.get(), oversold.get(), errors.get(), deliveries, bad, walkedAway.get());
        }
        finally
        {
            markets.forEach(Marketplace::close);
        }
    }

    private String sku(final int i)
    {
        return prefix + "-S" + i;
    }

    private void setUp(final List<Marketplace> markets) throws Exception
    {
        for (int i = 0; i < settings.skus(); i++)
        {
            stockhold.must("PUT", "/v1/stock/" + sku(i) + "/W1", "{\"onHand\":" + settings.stockOf(i) + "}");
        }
        for (final Marketplace market : markets)
        {
            final String path = "/v1/channels/" + market.channel();
            final String rules = "\"percent\":" + (settings.escrow() ? 0 : 100) + ",\"bufferUnits\":"
                + settings.bufferUnits();
            stockhold.must("PUT", path, "{" + rules + "}");
            for (int i = 0; i < settings.skus(); i++)
            {
                stockhold.must("PUT", path + "/listings/L" + i, "{\"sku\":\"" + sku(i) + "\"}");
                if (settings.escrow())
                {
                    stockhold.must("PUT", path + "/allocations/" + sku(i) + "/W1",
                        "{\"units\":" + settings.stockOf(i) / settings.marketplaces() + "}");
                }
            }
            stockhold.must("PUT", path, "{" + rules + ",\"push\":{\"url\":\""
                + market.url() + "\",\"secret\":\"" + SECRET + "\",\"ratePerSecond\":" + settings.pushRatePerSecond()
                + ",\"burst\":" + settings.pushRatePerSecond() + ",\"maxListings\":1000}}");
        }
        // Every marketplace shows every listing before the first shopper comes.
        final long until = System.nanoTime() + 30_000_000_000L;
        for (final Marketplace market : markets)
        {
            for (int i = 0; i < settings.skus(); i++)
            {
                while (market.shown("L" + i).pushedSeq < 0)
                {
                    if (System.nanoTime() > until)
                    {
                        throw new IllegalStateException(market.channel() + " never received L" + i);
                    }
                    Thread.sleep(10);
                }
            }
        }
    }

    /** One marketplace's shoppers: buy one unit of a listing it shows, at the set pace, until nothing is shown. */
    private void shop(final Marketplace market, final long deadline)
    {
        final long pauseNanos = 1_000_000_000L / settings.salesPerSecond();
        long idleSince = -1;
        int order = 0;
        while (System.nanoTime() < deadline)
        {
            final int listing = settings.perSku() ? want(market) : pick(market);
            if (listing == WALKED_AWAY)
            {
                walkedAway.incrementAndGet();
                idleSince = -1;
                sleepNanos(pauseNanos);
                continue;
            }
            if (listing < 0)
            {
                idleSince = idleSince < 0 ? System.nanoTime() : idleSince;
                if (System.nanoTime() - idleSince > 2_000_000_000L)
                {
                    return;
                }
                sleepNanos(20_000_000);
                continue;
            }
            idleSince = -1;
            sell(market, listing, market.channel() + "-" + order++);
            sleepNanos(pauseNanos);
        }
    }

    /**
     * A buyer who wants one SKU: @return its listing when the marketplace shows it (held for the sale),
     * {@link #WALKED_AWAY} when it shows none, or -1 when it shows nothing at all any more.
     */
    private int want(final Marketplace market)
    {
        final int i = ThreadLocalRandom.current().nextInt(settings.skus());
        final Marketplace.Shown shown = market.shown("L" + i);
        synchronized (shown)
        {
            if (shown.available() > 0)
            {
                shown.sales.add(Long.MAX_VALUE);
                return i;
            }
        }
        return showsAnything(market) ? WALKED_AWAY : -1;
    }

    private boolean showsAnything(final Marketplace market)
    {
        for (int i = 0; i < settings.skus(); i++)
        {
            final Marketplace.Shown shown = market.shown("L" + i);
            synchronized (shown)
            {
                if (shown.available() > 0)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private int pick(final Marketplace market)
    {
        final int start = ThreadLocalRandom.current().nextInt(settings.skus());
        for (int k = 0; k < settings.skus(); k++)
        {
            final int i = (start + k) % settings.skus();
            final Marketplace.Shown shown = market.shown("L" + i);
            synchronized (shown)
            {
                if (shown.available() > 0)
                {
                    shown.sales.add(Long.MAX_VALUE);
                    return i;
                }
            }
        }
        return -1;
    }

    private void sell(final Marketplace market, final int listing, final String orderId)
    {
        final Marketplace.Shown shown = market.shown("L" + listing);
        Stockhold.Answer answer;
        try
        {
            answer = stockhold.send("POST", "/v1/reservations", "{\"orderId\":\"" + orderId + "\",\"channel\":\""
                + market.channel() + "\",\"lines\":[{\"listing\":\"L" + listing + "\",\"quantity\":1}]}");
        }
        catch (final Exception ex)
        {
            answer = null;
        }
        synchronized (shown)
        {
            shown.sales.remove(Long.MAX_VALUE);
            if (answer != null && answer.status() == 201)
            {
                sold.incrementAndGet();
                if (answer.seq() > shown.pushedSeq)
                {
                    shown.sales.add(answer.seq());
                }
            }
            else if (answer != null && "ERR_INSUFFICIENT_STOCK".equals(answer.code()))
            {
                oversold.incrementAndGet();
            }
            else
            {
                errors.incrementAndGet();
            }
        }
    }

    private static void sleepNanos(final long nanos)
    {
        try
        {
            Thread.sleep(nanos / 1_000_000, (int)(nanos % 1_000_000));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
