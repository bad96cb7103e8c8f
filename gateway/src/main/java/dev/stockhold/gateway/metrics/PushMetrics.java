package dev.stockhold.gateway.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.function.Supplier;

/**
 * The pusher's metrics: deliveries by channel and result, and per channel its pending listings, its lag (age of
 * the oldest unacknowledged change) and its acknowledged sequence, read at every scrape.
 */
public final class PushMetrics
{
    /** One pushing channel's figures, as a scrape reads them (any thread). */
    public interface ChannelStatus
    {
        String channel();

        long pendingListings();

        long lagMillis();

        long acknowledgedSeq();
    }

    private final Counter deliveries;
    private volatile Supplier<Iterable<? extends ChannelStatus>> channels = java.util.List::of;

    PushMetrics(final PrometheusRegistry registry)
    {
        deliveries = Counter.builder()
            .name("stockhold_push_deliveries_total")
            .help("Push deliveries attempted, by channel and result (ok, dead_letter, rate_limited, server_error, "
                + "timeout, refused, failed)")
            .labelNames("channel", "result")
            .register(registry);
        gauge(registry, "stockhold_push_pending_listings", "Listings a pushing channel has not acknowledged, "
            + "dead letters not counted", 0);
        gauge(registry, "stockhold_push_lag_milliseconds", "Age of a pushing channel's oldest unacknowledged change",
            1);
        gauge(registry, "stockhold_push_acknowledged_seq", "Largest seq of a delivery the channel acknowledged", 2);
    }

    private void gauge(final PrometheusRegistry registry, final String name, final String help, final int which)
    {
        GaugeWithCallback.builder().name(name).help(help).labelNames("channel")
            .callback(callback ->
            {
                for (final ChannelStatus status : channels.get())
                {
                    callback.call(switch (which)
                    {
                        case 0 -> status.pendingListings();
                        case 1 -> status.lagMillis();
                        default -> status.acknowledgedSeq();
                    }, status.channel());
                }
            })
            .register(registry);
    }

    /** Counts one delivery attempt; the push thread. */
    public void delivered(final String channel, final String result)
    {
        deliveries.labelValues(channel, result).inc();
    }

    /** Binds the pushing channels the gauges read. */
    public void bindChannels(final Supplier<Iterable<? extends ChannelStatus>> channels)
    {
        this.channels = channels;
    }
}
