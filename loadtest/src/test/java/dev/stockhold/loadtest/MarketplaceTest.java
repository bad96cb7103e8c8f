package dev.stockhold.loadtest;

import dev.stockhold.loadtest.marketplace.OversellRun;
import dev.stockhold.loadtest.marketplace.PushLatencyRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code loadtest marketplace} against the real server in this process: marketplaces that sell what the
 * server pushed them. With escrow (allocations, percent 0) exactly nothing is oversold, however slow the
 * pushes; with a shared pool the same shoppers can oversell. Every lock's new quantity is delivered.
 */
class MarketplaceTest
{
    private static final int SKUS = 5;
    private static final long STOCK = 20;
    private static HttpServerFixture server;

    @BeforeAll
    static void start() throws Exception
    {
        server = new HttpServerFixture();
    }

    @AfterAll
    static void stop() throws Exception
    {
        server.close();
    }

    private static OversellRun.Outcome oversell(final boolean escrow) throws Exception
    {
        return new OversellRun(new OversellRun.Settings(server.url(), escrow, 2, SKUS, STOCK, STOCK, 0, false, 200, 2, 20_000))
            .run(System.out);
    }

    @Test
    void aLoneMarketplaceSellsAllButTheBufferAndNothingMore() throws Exception
    {
        final long buffer = 3;
        final OversellRun.Settings settings = new OversellRun.Settings(server.url(), false, 1, SKUS, 6, STOCK, buffer,
            true, 200, 5, 20_000);
        final OversellRun.Outcome alone = new OversellRun(settings).run(System.out);
        System.out.println("alone with a buffer: " + alone);
        long shown = 0;
        for (int i = 0; i < SKUS; i++)
        {
            shown += settings.stockOf(i) - buffer;
        }
        assertEquals(6, settings.stockOf(0));
        assertEquals(STOCK, settings.stockOf(SKUS - 1));
        assertEquals(shown, alone.sold(), "it sells what it was shown: each SKU's stock less the buffer");
        assertEquals(0, alone.oversold(), "nobody else sells its pool");
        assertEquals(0, alone.errors());
        assertTrue(alone.walkedAway() > 0, "buyers of a sold-out SKU leave without a sale");
    }

    @Test
    void escrowSellsEverythingAndOversellsNothing() throws Exception
    {
        final OversellRun.Outcome escrow = oversell(true);
        System.out.println("escrow: " + escrow);
        assertEquals(0, escrow.oversold(), "escrow cannot oversell");
        assertEquals(SKUS * STOCK, escrow.sold(), "every allocated unit is sold");
        assertEquals(0, escrow.errors());
        assertEquals(0, escrow.badSignatures());
    }

    @Test
    void aSharedPoolSellsEverythingOnceAndReportsItsOversells() throws Exception
    {
        final OversellRun.Outcome shared = oversell(false);
        System.out.println("shared: " + shared);
        assertEquals(SKUS * STOCK, shared.sold(), "the server never accepts more than the pool");
        assertEquals(0, shared.errors());
        assertEquals(0, shared.badSignatures());
    }

    @Test
    void everyAnsweredLocksQuantityIsDelivered() throws Exception
    {
        final PushLatencyRun.Outcome outcome = new PushLatencyRun(new PushLatencyRun.Settings(server.url(), 200, 20,
            PushLatencyRun.UNTHROTTLED, 2_000)).run(System.out);
        System.out.println("latency: locks " + outcome.locks() + " p50 " + outcome.micros().getValueAtPercentile(50)
            + " us, p99 " + outcome.micros().getValueAtPercentile(99) + " us");
        assertEquals(0, outcome.refused());
        assertEquals(0, outcome.unmatched(), "every lock's new quantity reaches the marketplace");
        assertEquals(outcome.locks(), outcome.micros().getTotalCount());
        assertTrue(outcome.locks() >= 300, "locks: " + outcome.locks());
    }

    @Test
    void aThrottledChannelIsPushedAtItsRateAndStillGetsEveryLatestValue() throws Exception
    {
        final int rate = 5;
        final PushLatencyRun.Outcome outcome = new PushLatencyRun(new PushLatencyRun.Settings(server.url(), 200, 20,
            rate, 2_000)).run(System.out);
        System.out.println("throttled: " + outcome.deliveries() + " deliveries in " + outcome.deliveryMillis() + " ms");
        final long allowed = rate + (long)Math.ceil(rate * outcome.deliveryMillis() / 1_000.0);
        assertTrue(outcome.deliveries() > 0 && outcome.deliveries() <= allowed,
            outcome.deliveries() + " deliveries, at most " + allowed + " allowed by a bucket of " + rate + " at " + rate + "/s");
        assertEquals(0, outcome.unmatched(), "latest value wins: every lock's quantity still arrives");
    }
}
