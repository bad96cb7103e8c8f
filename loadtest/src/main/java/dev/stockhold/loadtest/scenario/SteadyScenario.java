package dev.stockhold.loadtest.scenario;

import dev.stockhold.loadtest.report.Check;
import dev.stockhold.loadtest.run.Driver;
import dev.stockhold.loadtest.run.RunContext;
import dev.stockhold.loadtest.run.RunSettings;
import dev.stockhold.loadtest.run.Scenario;
import dev.stockhold.loadtest.workload.WorkloadConfig;

import java.util.List;

/**
 * {@code steady} (and {@code soak}, the same traffic for longer): a seller's mixed order life cycle at a
 * fixed rate (open loop) or as fast as the server answers ({@code --max}).
 */
public final class SteadyScenario implements Scenario
{
    /** Past this many unanswered requests the open loop skips slots instead of queueing without bound. */
    private static final long MAX_IN_FLIGHT = 200_000;

    private final String name;

    /** @param name "steady" or "soak". */
    public SteadyScenario(final String name)
    {
        this.name = name;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public WorkloadConfig workload(final RunSettings settings)
    {
        return settings.workload();
    }

    @Override
    public void drive(final Driver driver, final RunSettings settings, final RunContext context)
    {
        final long warmup = settings.warmup().toNanos();
        final long duration = settings.duration().toNanos();
        if (settings.rate() > 0)
        {
            final long skipped = driver.openLoop(settings.rate(), warmup, duration, MAX_IN_FLIGHT);
            if (skipped > 0)
            {
                System.out.println("open loop skipped " + skipped + " slots: more than " + MAX_IN_FLIGHT
                    + " requests were unanswered");
            }
        }
        else
        {
            driver.closedLoop(settings.inFlight(), warmup, duration);
        }
    }

    @Override
    public List<Check> checks(final RunSettings settings, final RunContext context)
    {
        return List.of();
    }
}
