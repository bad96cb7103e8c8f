package dev.stockhold.loadtest.run;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.loadtest.report.Check;
import dev.stockhold.loadtest.report.Report;
import dev.stockhold.loadtest.targets.Answer;
import dev.stockhold.loadtest.targets.Target;
import dev.stockhold.loadtest.targets.Targets;
import dev.stockhold.loadtest.workload.OrderGenerator;
import dev.stockhold.loadtest.workload.WorkloadConfig;
import org.HdrHistogram.HistogramLogWriter;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One load run, start to end:
 * <pre>
 *   1. connect, and subscribe to the change feed on a connection of its own;
 *   2. seed every cell through the batch endpoint (SetStock), recording the answers, then the scenario's
 *      own set-up (channels, listings, kits, allocations);
 *   3. drive the scenario's traffic, printing progress every second and logging interval histograms;
 *   4. wait for expiries to fire and the feed to catch up;
 *   5. audit every cell against the record of acknowledged answers, check the feed's view of each cell;
 *   6. the scenario's own checks; summary, plot and HTML report in the output directory.
 * </pre>
 */
public final class LoadRun
{
    private static final int SEED_BATCH = 1_000;
    private static final long SYNC_GRACE_MILLIS = 5_000;

    private final Scenario scenario;
    private final RunSettings settings;
    private final PrintStream out;

    public LoadRun(final Scenario scenario, final RunSettings settings, final PrintStream out)
    {
        this.scenario = scenario;
        this.settings = settings;
        this.out = out;
    }

    /** Runs and writes the report; @return the report (passed only when every check and the audit passed). */
    public Report run() throws Exception
    {
        final WorkloadConfig workload = scenario.workload(settings);
        out.printf("stockhold loadtest: scenario %s against %s, seed %d, prefix %s%n", scenario.name(),
            settings.target(), workload.seed(), workload.prefix());
        Files.createDirectories(settings.out());
        try (Target target = Targets.open(settings.target(), settings.connections(), settings.access());
             PrintStream hlog = new PrintStream(Files.newOutputStream(settings.out().resolve("latency.hlog")), true,
                 StandardCharsets.UTF_8))
        {
            final SyncTracker sync = new SyncTracker();
            final AckBook book = new AckBook();
            final RunStats stats = new RunStats();
            final Latency latency = new Latency();
            final OrderGenerator generator = scenario.generator(workload, settings);
            RunContext context = new RunContext(workload, generator, stats, sync, book, null);
            final AutoCloseable feed = target.subscribe(sync);
            try
            {
                seed(target, generator, book);
                scenario.prepare(target, settings, out);
                final Progress progress = new Progress(stats, latency, sync, new HistogramLogWriter(hlog), out, target)
                    .start();
                final long startNanos = System.nanoTime();
                scenario.drive(new Driver(target, generator, stats, latency, book, sync), settings, context);
                final double elapsedSeconds = (System.nanoTime() - startNanos) / 1e9;
                final List<Progress.Minute> minutes = progress.stop();
                settle(workload, sync);
                context = context.withAudit(Audit.run(target, book));
                return report(target, context, latency, elapsedSeconds, minutes);
            }
            finally
            {
                feed.close();
            }
        }
    }

    private void seed(final Target target, final OrderGenerator generator, final AckBook book) throws Exception
    {
        for (final Command batch : generator.seedBatches(SEED_BATCH))
        {
            final Answer answer = target.send(batch).get(60, TimeUnit.SECONDS);
            if (!answer.isOk())
            {
                throw new IllegalStateException("seeding failed: " + answer.code() + " " + answer.detail());
            }
            book.seeded(answer.levels());
        }
        out.printf("seeded %d cells%n", book.seeded().size());
    }

    /** Waits for short-TTL orders to expire and for the change feed to deliver what was acknowledged. */
    private static void settle(final WorkloadConfig workload, final SyncTracker sync) throws InterruptedException
    {
        if (workload.expireShare() > 0)
        {
            // The server ticks on its own clock (every 100 ms): allow a full TTL plus a margin.
            Thread.sleep(TimeUnit.SECONDS.toMillis(workload.expireTtlSeconds()) + 1_000);
        }
        final long deadline = System.currentTimeMillis() + SYNC_GRACE_MILLIS;
        while (sync.unsynced() > 0 && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(10);
        }
    }

    private Report report(final Target target, final RunContext context, final Latency latency,
        final double elapsedSeconds, final List<Progress.Minute> minutes) throws Exception
    {
        final RunStats stats = context.stats();
        final SyncTracker sync = context.sync();
        final Report report = new Report("stockhold loadtest " + scenario.name())
            .figure("target", target.describe())
            .figure("mode", scenario.mode(settings))
            .figure("workload", describe(context.workload()))
            .figure("requests", String.format("%d sent, %d ok, %d refused (insufficient stock), %d errors",
                stats.sent(), stats.ok(), stats.rejected(), stats.errors()))
            .figure("throughput", String.format("%.0f req/s over %.1f s", stats.sent() / elapsedSeconds,
                elapsedSeconds))
            .figure("orders", String.format("%d locked, %d deducted, %d released, %d returned",
                stats.ok(CommandType.LOCK), stats.ok(CommandType.DEDUCT), stats.ok(CommandType.RELEASE),
                stats.ok(CommandType.RETURN)))
            .figure("change feed", String.format("%d events, %d of %d acknowledged commands synced",
                sync.events(), sync.synced(), sync.expected()))
            .latency("all", latency.total(Latency.Kind.ALL))
            .latency("lock", latency.total(Latency.Kind.LOCK))
            .latency("settle", latency.total(Latency.Kind.SETTLE))
            .latency("sync (lock)", sync.latency());
        target.digest().ifPresent(digest -> report.figure("state digest", Long.toHexString(digest)));
        report.check(new Check("audit: no oversell, stock conserved", context.audit().passed(),
            context.audit().describe().trim()));
        report.check(feedCheck(context));
        report.check(new Check("no errors", stats.errors() == 0, stats.errorBreakdown()));
        scenario.checks(settings, context).forEach(report::check);
        if (minutes.size() > 1 || scenario.name().equals("soak"))
        {
            report.note("per minute (minute, requests, p50 ms, p99 ms, server memory):");
            for (final Progress.Minute minute : minutes)
            {
                report.note(String.format("  %3d %10d %9.3f %9.3f %s", minute.index(), minute.requests(),
                    minute.p50Millis(), minute.p99Millis(), minute.memoryBytes().isPresent()
                        ? (minute.memoryBytes().getAsLong() >> 20) + " MiB" : "n/a (not in /metrics)"));
            }
        }
        report.write(settings.out());
        Files.writeString(settings.out().resolve("latency.hgrm"), Report.distribution(latency.total(Latency.Kind.ALL)));
        Files.writeString(settings.out().resolve("sync.hgrm"), Report.distribution(sync.latency()));
        return report;
    }

    /** The feed's last word on every cell must be the cell's final state. */
    private static Check feedCheck(final RunContext context)
    {
        final Map<String, Answer.Level> feed = context.sync().feedLevels();
        int differ = 0;
        String example = "";
        for (final Map.Entry<String, Answer.Level> cell : context.audit().levels().entrySet())
        {
            final Answer.Level seen = feed.get(cell.getKey());
            if (!cell.getValue().equals(seen))
            {
                if (differ++ == 0)
                {
                    example = ", e.g. feed " + seen + " vs read " + cell.getValue();
                }
            }
        }
        return new Check("change feed shows every cell's final state", differ == 0,
            (context.audit().levels().size() - differ) + " of " + context.audit().levels().size() + " cells agree"
                + example);
    }

    private static String describe(final WorkloadConfig w)
    {
        return String.format("%d SKUs x %d warehouses, %d per cell, zipf %.2f, 1-%d lines of 1-%d, mix deduct %.0f%%"
                + " release %.0f%% expire %.0f%% (ttl %ds) return %.0f%%, %d channels", w.skus(), w.warehouses(),
            w.onHandPerCell(), w.zipfExponent(), w.maxLines(), w.maxQuantity(), w.deductShare() * 100,
            w.releaseShare() * 100, w.expireShare() * 100, w.expireTtlSeconds(), w.returnShare() * 100,
            w.channels().size());
    }
}
