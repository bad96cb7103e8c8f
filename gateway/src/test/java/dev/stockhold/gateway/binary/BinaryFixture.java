package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.CommandStage;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.EnginePipelineBuilder;
import dev.stockhold.engine.pipeline.ReplyingResponder;
import dev.stockhold.engine.pipeline.WaitPreset;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** A real engine (ledger, ring, responder with the change feed) behind a real binary server on 127.0.0.1. */
final class BinaryFixture implements AutoCloseable
{
    /** Engine time: tests move it to make reservations expire. */
    final AtomicLong clockMillis = new AtomicLong(1_763_884_800_000L);
    final BinaryChangeFeed feed;
    final EnginePipeline pipeline;
    final BinaryServer server;

    BinaryFixture() throws InterruptedException
    {
        this(1 << 14, null, BinaryServerConfig.DEFAULT_MAX_FRAME_LENGTH, null);
    }

    BinaryFixture(final int ringSize, final CommandStage journaler, final int maxFrameLength,
        final ChangeHistory history) throws InterruptedException
    {
        this(ringSize, journaler, maxFrameLength, history, null);
    }

    /**
     * @param journaler an optional stage run in parallel with the ledger (tests use one to hold the ring).
     * @param recorder  an optional observer that sees each command before the feed (a test's history).
     */
    BinaryFixture(final int ringSize, final CommandStage journaler, final int maxFrameLength,
        final ChangeHistory history, final CommandStage recorder) throws InterruptedException
    {
        feed = new BinaryChangeFeed(history);
        final CommandStage observer = recorder == null ? feed : (command, endOfBatch) ->
        {
            recorder.onCommand(command, endOfBatch);
            feed.onCommand(command, endOfBatch);
        };
        final EnginePipelineBuilder builder = EnginePipeline.builder()
            .ledger(new Ledger(LedgerConfig.defaults()))
            .responder(new ReplyingResponder(observer))
            .ringSize(ringSize)
            .waitPreset(WaitPreset.BALANCED)
            .clock(clockMillis::get);
        if (journaler != null)
        {
            builder.journaler(journaler);
        }
        pipeline = builder.build().start();
        server = new BinaryServer(pipeline, feed,
            BinaryServerConfig.defaults("127.0.0.1", 0).withMaxFrameLength(maxFrameLength)).start();
    }

    /** Moves engine time forward and publishes a tick, as the pipeline's timer would. */
    void advanceAndTick(final long millis)
    {
        clockMillis.addAndGet(millis);
        if (!pipeline.tryPublish(new Command().tick()))
        {
            throw new IllegalStateException("ring full");
        }
    }

    TestClient client() throws IOException
    {
        return TestClient.connect("127.0.0.1", server.port());
    }

    @Override
    public void close()
    {
        server.close();
        pipeline.close();
    }
}
