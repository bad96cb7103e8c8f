package dev.stockhold.loadtest.marketplace;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End to end through push: open-loop locks at a fixed rate on SKUs whose listings an unthrottled channel
 * pushes to a fake marketplace in this process; for every lock answered, the time from its answer to the
 * arrival of a delivery with that listing at the lock's sequence or later (0 when the delivery came first).
 */
public final class PushLatencyRun
{
    /**
     * The run's knobs.
     *
     * @param pushRatePerSecond the channel's push {@code ratePerSecond} (and burst); {@link #UNTHROTTLED} for a
     *                          limit the run never reaches.
     */
    public record Settings(String target, int locksPerSecond, int skus, int pushRatePerSecond, long durationMillis)
    {
    }

    /**
     * What happened: the latency histogram in microseconds, locks whose delivery never came, and the
     * deliveries received while locks were being sent, over that many milliseconds.
     */
    public record Outcome(long locks, long refused, long unmatched, Histogram micros, long deliveries,
        long deliveryMillis)
    {
        /** @return deliveries received per second while the locks were sent. */
        public double deliveriesPerSecond()
        {
            return deliveryMillis == 0 ? 0 : deliveries * 1_000.0 / deliveryMillis;
        }
    }

    /** A push rate the runs never reach: every change is delivered as soon as the one in flight is answered. */
    public static final int UNTHROTTLED = 10_000;

    private record Answered(int listing, long seq, long atNanos)
    {
    }

    private static final String SECRET = "latency-secret";
    private static final int SENDERS = 64;

    private final Settings settings;
    private final Stockhold stockhold;
    private final String prefix = "pl" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    public PushLatencyRun(final Settings settings)
    {
        this.settings = settings;
        this.stockhold = new Stockhold(settings.target());
    }

    public Outcome run(final PrintStream out) throws Exception
    {
        try (Marketplace market = new Marketplace(prefix + "-lat", SECRET))
        {
            final String path = "/v1/channels/" + market.channel();
            stockhold.must("PUT", path, "{}");
            for (int i = 0; i < settings.skus(); i++)
            {
                stockhold.must("PUT", "/v1/stock/" + prefix + "-S" + i + "/W1", "{\"onHand\":1000000000}");
                stockhold.must("PUT", path + "/listings/L" + i, "{\"sku\":\"" + prefix + "-S" + i + "\"}");
            }
            stockhold.must("PUT", path, "{\"push\":{\"url\":\"" + market.url() + "\",\"secret\":\"" + SECRET
                + "\",\"ratePerSecond\":" + settings.pushRatePerSecond() + ",\"burst\":" + settings.pushRatePerSecond()
                + ",\"maxListings\":1000}}");
            awaitFirstPush(market);
            final List<ConcurrentLinkedQueue<Marketplace.Arrival>> arrivals = new ArrayList<>();
            for (int i = 0; i < settings.skus(); i++)
            {
                arrivals.add(new ConcurrentLinkedQueue<>());
            }
            market.onArrival(a -> arrivals.get(Integer.parseInt(a.listingId().substring(1))).add(a));
            out.printf("push latency: %d locks/s for %d ms over %d listings, %s%n", settings.locksPerSecond(),
                settings.durationMillis(), settings.skus(), settings.pushRatePerSecond() >= UNTHROTTLED
                    ? "unthrottled channel" : "pushes at most " + settings.pushRatePerSecond() + "/s");
            final ConcurrentLinkedQueue<Answered> answered = new ConcurrentLinkedQueue<>();
            final AtomicLong refused = new AtomicLong();
            final long deliveredBefore = market.deliveries();
            final long driveStart = System.nanoTime();
            final long sent = drive(answered, refused);
            final long deliveryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - driveStart);
            final long deliveries = market.deliveries() - deliveredBefore;
            final List<Answered> locks = new ArrayList<>(answered);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            long unmatched;
            do
            {
                Thread.sleep(50);
                unmatched = match(locks, arrivals, null);
            }
            while (unmatched > 0 && System.nanoTime() < deadline);
            final Histogram micros = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            unmatched = match(locks, arrivals, micros);
            return new Outcome(sent, refused.get(), unmatched, micros, deliveries, deliveryMillis);
        }
    }

    private void awaitFirstPush(final Marketplace market) throws InterruptedException
    {
        final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int i = 0; i < settings.skus(); i++)
        {
            while (market.shown("L" + i).pushedSeq < 0)
            {
                if (System.nanoTime() > until)
                {
                    throw new IllegalStateException("the marketplace never received L" + i);
                }
                Thread.sleep(10);
            }
        }
    }

    /**
     * Sends locks on a fixed schedule through at most {@link #SENDERS} connections (each sender waits for its
     * answer, so a slow server queues locks here, never opens more connections); @return how many were sent.
     */
    private long drive(final ConcurrentLinkedQueue<Answered> answered, final AtomicLong refused)
        throws InterruptedException
    {
        final ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        final long start = System.nanoTime();
        final long durationNanos = TimeUnit.MILLISECONDS.toNanos(settings.durationMillis());
        long sent = 0;
        while (System.nanoTime() - start < durationNanos)
        {
            final long due = (System.nanoTime() - start) * settings.locksPerSecond() / 1_000_000_000L;
            for (; sent < due; sent++)
            {
                final long number = sent;
                senders.execute(() -> lock(number, answered, refused));
            }
            Thread.sleep(1);
        }
        senders.shutdown();
        senders.awaitTermination(5, TimeUnit.MINUTES);
        return sent;
    }

    private void lock(final long number, final ConcurrentLinkedQueue<Answered> answered, final AtomicLong refused)
    {
        final int listing = (int)(number % settings.skus());
        try
        {
            final Stockhold.Answer answer = stockhold.send("POST", "/v1/reservations", "{\"orderId\":\"" + prefix
                + "-" + number + "\",\"lines\":[{\"sku\":\"" + prefix + "-S" + listing + "\",\"quantity\":1}]}");
            if (answer.status() == 201)
            {
                answered.add(new Answered(listing, answer.seq(), System.nanoTime()));
                return;
            }
        }
        catch (final Exception ex)
        {
            // Counted below.
        }
        refused.incrementAndGet();
    }

    /** @return locks without a delivery at or after their seq; records each matched latency when given one. */
    private static long match(final List<Answered> locks, final List<ConcurrentLinkedQueue<Marketplace.Arrival>> arrivals,
        final Histogram micros)
    {
        final List<List<Marketplace.Arrival>> sorted = new ArrayList<>();
        for (final ConcurrentLinkedQueue<Marketplace.Arrival> queue : arrivals)
        {
            final List<Marketplace.Arrival> list = new ArrayList<>(queue);
            list.sort(Comparator.comparingLong(Marketplace.Arrival::atNanos));
            sorted.add(list);
        }
        long unmatched = 0;
        for (final Answered lock : locks)
        {
            Marketplace.Arrival first = null;
            for (final Marketplace.Arrival arrival : sorted.get(lock.listing()))
            {
                if (arrival.seq() >= lock.seq())
                {
                    first = arrival;
                    break;
                }
            }
            if (first == null)
            {
                unmatched++;
            }
            else if (micros != null)
            {
                micros.recordValue(Math.max(0, first.atNanos() - lock.atNanos()) / 1_000);
            }
        }
        return unmatched;
    }
}
