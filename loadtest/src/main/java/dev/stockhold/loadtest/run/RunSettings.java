package dev.stockhold.loadtest.run;

import dev.stockhold.loadtest.targets.TargetAccess;
import dev.stockhold.loadtest.workload.ChannelOptions;
import dev.stockhold.loadtest.workload.WorkloadConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a run needs besides its scenario.
 *
 * @param target      {@code http://host:port} or {@code sbe://host:port} (or over TLS, https or sbes).
 * @param rate        requests per second for an open-loop run; 0 for closed-loop at maximum speed.
 * @param duration    the measured part of the run.
 * @param warmup      traffic sent before measuring (not in the histograms, in the audit).
 * @param connections connections to the server (HTTP ones keep-alive and pipelined).
 * @param inFlight    closed-loop: requests kept in flight.
 * @param orders      burst scenarios: how many orders.
 * @param workload    the traffic's shape.
 * @param out         where the histogram log, plot, summary and HTML report go.
 * @param channels    the multichannel scenario's channel set-up.
 * @param access      the API key and TLS trust for the target.
 */
public record RunSettings(String target, double rate, Duration duration, Duration warmup, int connections,
    int inFlight, int orders, WorkloadConfig workload, Path out, ChannelOptions channels, TargetAccess access)
{
    /** Settings with the default channel set-up for the workload's SKUs, for a target without keys or TLS. */
    public RunSettings(final String target, final double rate, final Duration duration, final Duration warmup,
        final int connections, final int inFlight, final int orders, final WorkloadConfig workload, final Path out)
    {
        this(target, rate, duration, warmup, connections, inFlight, orders, workload, out,
            ChannelOptions.defaults(workload.skus()));
    }

    /** Settings for a target without keys or TLS. */
    public RunSettings(final String target, final double rate, final Duration duration, final Duration warmup,
        final int connections, final int inFlight, final int orders, final WorkloadConfig workload, final Path out,
        final ChannelOptions channels)
    {
        this(target, rate, duration, warmup, connections, inFlight, orders, workload, out, channels,
            TargetAccess.open());
    }
}
