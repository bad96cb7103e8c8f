package dev.stockhold.loadtest.server;

import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.EnginePipelineBuilder;
import dev.stockhold.engine.pipeline.ReplyingResponder;
import dev.stockhold.engine.pipeline.WaitPreset;
import dev.stockhold.gateway.binary.BinaryChangeFeed;
import dev.stockhold.gateway.binary.BinaryServer;
import dev.stockhold.gateway.binary.BinaryServerConfig;

/**
 * A real engine in this process behind the real binary protocol server, for tests and for measuring
 * without the full server: ledger, ring (a tick every 100 ms, as the server has), responder with the
 * change feed, and optionally a {@link CommandRecorder} in the journaler's place.
 */
public final class LocalServer implements AutoCloseable
{
    private static final long TICK_INTERVAL_MILLIS = 100;

    private final EnginePipeline pipeline;
    private final BinaryServer binary;
    private final CommandRecorder recorder;

    /**
     * Starts on {@code host:port} (0: an ephemeral port).
     *
     * @param record true to keep every mutating command in a {@link CommandRecorder}.
     */
    public LocalServer(final String host, final int port, final boolean record) throws InterruptedException
    {
        this(host, port, record, false);
    }

    /**
     * @param replayTarget true to start as {@code bin/stockhold server --replay-target} does: recorded engine
     *                     times and ticks are kept, and no ticker of its own runs.
     */
    public LocalServer(final String host, final int port, final boolean record, final boolean replayTarget)
        throws InterruptedException
    {
        final BinaryChangeFeed feed = new BinaryChangeFeed();
        recorder = record ? new CommandRecorder() : null;
        final EnginePipelineBuilder builder = EnginePipeline.builder()
            .ledger(new Ledger(LedgerConfig.defaults()))
            .responder(new ReplyingResponder(feed))
            .ringSize(1 << 16)
            .waitPreset(WaitPreset.BALANCED)
            .keepProducerTimestamps(replayTarget)
            .tickIntervalMillis(replayTarget ? 0 : TICK_INTERVAL_MILLIS);
        if (recorder != null)
        {
            builder.journaler(recorder);
        }
        pipeline = builder.build().start();
        binary = new BinaryServer(pipeline, feed,
            BinaryServerConfig.defaults(host, port).withReplayTarget(replayTarget)).start();
    }

    /** @return {@code sbe://host:port} of the running server. */
    public String sbeUrl()
    {
        return "sbe://127.0.0.1:" + binary.port();
    }

    /** @return the recorder, or null when not recording. */
    public CommandRecorder recorder()
    {
        return recorder;
    }

    @Override
    public void close()
    {
        binary.close();
        pipeline.close();
    }
}
