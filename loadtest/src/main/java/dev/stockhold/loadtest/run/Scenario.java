package dev.stockhold.loadtest.run;

import dev.stockhold.loadtest.report.Check;
import dev.stockhold.loadtest.workload.WorkloadConfig;

import java.util.List;

/** A named load scenario: the traffic it shapes, how it drives it, and what must hold afterwards. */
public interface Scenario
{
    /** @return the name given to {@code --scenario}. */
    String name();

    /** @return the workload this scenario runs, derived from the user's settings. */
    WorkloadConfig workload(RunSettings settings);

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
