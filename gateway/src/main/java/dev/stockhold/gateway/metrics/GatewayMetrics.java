package dev.stockhold.gateway.metrics;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.pipeline.CommandStage;
import dev.stockhold.engine.pipeline.EngineFailure;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.LongSupplier;

/**
 * The server's Prometheus metrics: commands by type and result, request latency, ring occupancy,
 * journal lag, ledger sizes, connections and change-feed subscribers. Counting happens on the
 * responder thread through {@link #observer()}, with every label combination resolved up front so
 * counting allocates nothing; {@link #scrape()} may run on any thread.
 */
public final class GatewayMetrics
{
    private static final double NANOS_PER_SECOND = 1e9;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
    private final CounterDataPoint[][] commands;
    private final Histogram latency;
    private final PushMetrics push;
    private volatile LongSupplier ringOccupancy = () -> 0;
    private volatile LongSupplier journalLag = () -> 0;
    private volatile LongSupplier connections = () -> 0;
    private volatile LongSupplier subscribers = () -> 0;
    private volatile LongSupplier engineFailed = () -> 0;
    private volatile long openReservations;
    private volatile long closedReservations;
    private volatile long cells;
    private volatile long idempotencyKeys;

    /** Registers every metric in a registry of its own, with the JVM's (memory, GC, threads). */
    public GatewayMetrics()
    {
        JvmMetrics.builder().register(registry);
        final Counter counter = Counter.builder()
            .name("stockhold_commands_total")
            .help("Commands answered by the engine, by type and result code")
            .labelNames("type", "result")
            .register(registry);
        commands = new CounterDataPoint[CommandType.values().length][ErrorCode.values().length];
        for (final CommandType type : CommandType.values())
        {
            for (final ErrorCode code : ErrorCode.values())
            {
                commands[type.ordinal()][code.ordinal()] = counter.labelValues(type.name(), code.code());
            }
        }
        latency = Histogram.builder()
            .name("stockhold_http_request_duration_seconds")
            .help("HTTP requests through the engine, from decoded to answered")
            .classicOnly()
            .classicUpperBounds(0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                0.25, 1)
            .withoutExemplars()
            .register(registry);
        gauge("stockhold_ring_occupancy", "Ring slots holding commands not yet answered", () -> ringOccupancy);
        gauge("stockhold_journal_lag", "Commands published but not yet journaled", () -> journalLag);
        gauge("stockhold_http_connections", "Open HTTP connections", () -> connections);
        gauge("stockhold_change_feed_subscribers", "Open change-feed streams", () -> subscribers);
        gauge("stockhold_engine_failed", "1 once the engine stopped after an internal failure (the process exits)",
            () -> engineFailed);
        stat("stockhold_open_reservations", "Open reservations (refreshed every few seconds)", 0);
        stat("stockhold_closed_reservations", "Closed reservations still remembered", 1);
        stat("stockhold_stock_cells", "Stock cells", 2);
        stat("stockhold_idempotency_keys", "Idempotency keys remembered", 3);
        push = new PushMetrics(registry);
    }

    /** @return the pusher's metrics (deliveries, pending listings, lag). */
    public PushMetrics push()
    {
        return push;
    }

    private void gauge(final String name, final String help,
        final java.util.function.Supplier<LongSupplier> source)
    {
        GaugeWithCallback.builder().name(name).help(help)
            .callback(callback -> callback.call(source.get().getAsLong()))
            .register(registry);
    }

    private void stat(final String name, final String help, final int which)
    {
        GaugeWithCallback.builder().name(name).help(help)
            .callback(callback -> callback.call(switch (which)
            {
                case 0 -> openReservations;
                case 1 -> closedReservations;
                case 2 -> cells;
                default -> idempotencyKeys;
            }))
            .register(registry);
    }

    /** Registers a gauge read from {@code value} at every scrape (any thread). */
    public void gauge(final String name, final String help, final LongSupplier value)
    {
        gauge(name, help, () -> value);
    }

    /** Binds the engine-side gauges once the engine exists. */
    public void bindEngine(final LongSupplier ringOccupancy, final LongSupplier journalLag)
    {
        this.ringOccupancy = ringOccupancy;
        this.journalLag = journalLag;
    }

    /** Binds the fail-stop gauge. */
    public void bindFailure(final EngineFailure failure)
    {
        this.engineFailed = () -> failure.isFailed() ? 1 : 0;
    }

    /** Binds the connection gauges once the servers exist. */
    public void bindConnections(final LongSupplier connections, final LongSupplier subscribers)
    {
        this.connections = connections;
        this.subscribers = subscribers;
    }

    /** @return the responder-thread observer that counts every command by type and result. */
    public CommandStage observer()
    {
        return (command, endOfBatch) -> count(command);
    }

    private void count(final Command command)
    {
        commands[command.type.ordinal()][command.result.code().ordinal()].inc();
        if ((command.type == CommandType.GET_STATS || command.type == CommandType.GET_DIGEST) && command.result.isOk())
        {
            onDigest(command.result);
        }
    }

    /** Records the ledger's sizes from a GET_STATS or GET_DIGEST answer. */
    public void onDigest(final CommandResult result)
    {
        openReservations = result.openReservations();
        closedReservations = result.closedReservations();
        cells = result.cellCount();
        idempotencyKeys = result.idempotencyKeys();
    }

    /** Records one HTTP request's latency; any thread. */
    public void recordLatencyNanos(final long nanos)
    {
        latency.observe(nanos / NANOS_PER_SECOND);
    }

    /** @return every metric in the Prometheus text format 0.0.4. */
    public byte[] scrape()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try
        {
            writer.write(out, registry.scrape());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }
}
