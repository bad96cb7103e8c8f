package dev.stockhold.loadtest.run;

import dev.stockhold.loadtest.workload.OrderGenerator;
import dev.stockhold.loadtest.workload.WorkloadConfig;

/**
 * What a scenario sees of a run in progress.
 *
 * @param workload  the workload in force.
 * @param generator the order source.
 * @param stats     request and answer counts.
 * @param sync      the change-feed tracker.
 * @param book      the record of acknowledged answers.
 * @param audit     the audit's result, once it has run (null while driving).
 */
public record RunContext(WorkloadConfig workload, OrderGenerator generator, RunStats stats, SyncTracker sync,
    AckBook book, Audit.Result audit)
{
    /** @return a copy with the audit's result. */
    public RunContext withAudit(final Audit.Result result)
    {
        return new RunContext(workload, generator, stats, sync, book, result);
    }
}
