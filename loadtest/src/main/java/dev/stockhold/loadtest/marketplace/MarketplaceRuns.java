package dev.stockhold.loadtest.marketplace;

import java.io.PrintStream;

/** The marketplace runs, with their summaries and pass conditions: the entry of {@code loadtest marketplace}. */
public final class MarketplaceRuns
{
    private MarketplaceRuns()
    {
    }

    /**
     * Runs the oversell scenario and prints its summary.
     *
     * @return true when every delivery's signature held and, in escrow mode, nothing was oversold.
     */
    public static boolean oversell(final OversellRun.Settings settings, final PrintStream out) throws Exception
    {
        final OversellRun.Outcome outcome = new OversellRun(settings).run(out);
        out.printf("sold %d, oversold %d (sales the server refused), errors %d, deliveries %d, bad signatures %d,"
            + " buyers who found their SKU sold out %d%n", outcome.sold(), outcome.oversold(), outcome.errors(),
            outcome.deliveries(), outcome.badSignatures(), outcome.walkedAway());
        final long attempts = outcome.sold() + outcome.oversold();
        out.printf("oversell rate %.3f %% of %d sales attempted%n",
            attempts == 0 ? 0.0 : outcome.oversold() * 100.0 / attempts, attempts);
        final boolean passed = outcome.badSignatures() == 0 && outcome.errors() == 0 && outcome.sold() > 0
            && (!settings.escrow() || outcome.oversold() == 0);
        out.println(passed ? "PASSED" : "FAILED");
        return passed;
    }

    /**
     * Runs the push latency scenario and prints its figures.
     *
     * @return true when every answered lock's new quantity was delivered.
     */
    public static boolean latency(final PushLatencyRun.Settings settings, final PrintStream out) throws Exception
    {
        final PushLatencyRun.Outcome outcome = new PushLatencyRun(settings).run(out);
        out.printf("locks %d, refused %d, delivered %d, never delivered %d%n", outcome.locks(), outcome.refused(),
            outcome.micros().getTotalCount(), outcome.unmatched());
        out.printf("lock answered -> delivery received: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
            outcome.micros().getValueAtPercentile(50) / 1_000.0, outcome.micros().getValueAtPercentile(99) / 1_000.0,
            outcome.micros().getMaxValue() / 1_000.0);
        out.printf("deliveries %d while locks were sent, %.1f per second%n", outcome.deliveries(),
            outcome.deliveriesPerSecond());
        final boolean passed = outcome.unmatched() == 0 && outcome.micros().getTotalCount() > 0;
        out.println(passed ? "PASSED" : "FAILED");
        return passed;
    }
}
