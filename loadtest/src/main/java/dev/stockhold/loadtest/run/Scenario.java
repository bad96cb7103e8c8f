package dev.stockhold.loadtest.run;

import dev.stockhold.loadtest.report.Check;
import dev.stockhold.loadtest.targets.Target;
import dev.stockhold.loadtest.workload.OrderGenerator;
import dev.stockhold.loadtest.workload.WorkloadConfig;

import java.io.PrintStream;
import java.util.List;

/** A named load scenario: the traffic it shapes, how it drives it, and what must hold afterwards. */
public interface Scenario
{
    /** @return the name given to {@code --scenario}. */
    String name();

    /** @return the workload this scenario runs, derived from the user's settings. */
    WorkloadConfig workload(RunSettings settings);

    /** @return the source of this scenario's orders. */
    default OrderGenerator generator(final WorkloadConfig workload, final RunSettings settings)
    {
        return new OrderGenerator(workload);
    }

    /**
     * Sets up what the traffic needs besides the seeded cells, after seeding and before the traffic.
     *
     * @param out where progress lines go.
     * @throws Exception when the set-up fails: the run stops.
     */
    default void prepare(final Target target, final RunSettings settings, final PrintStream out) throws Exception
    {
    }

    /** Sends the scenario's traffic; returns when it has all been answered. */
    void drive(Driver driver, RunSettings settings, RunContext context);

    /** @return how the traffic is paced, for the report. */
    default String mode(final RunSettings settings)
    {
        return settings.rate() > 0 ? "open loop at " + (long)settings.rate() + " req/s"
            : "closed loop, " + settings.inFlight() + " requests in flight";
    }

    /** @return the scenario's own checks, on top of the audit and the error count. */
    List<Check> checks(RunSettings settings, RunContext context);
}
