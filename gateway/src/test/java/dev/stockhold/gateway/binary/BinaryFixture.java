package dev.stockhold.gateway.binary;

import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.CommandStage;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.ReplyingResponder;
import dev.stockhold.engine.pipeline.WaitPreset;
import dev.stockhold.gateway.binary.client.StockholdClient;

import java.io.IOException;

/** A real engine (ledger, ring, responder with the change feed) behind a real binary server on 127.0.0.1. */
final class BinaryFixture implements AutoCloseable
{
    final BinaryChangeFeed feed;
    final EnginePipeline pipeline;
    final BinaryServer server;

    BinaryFixture() throws InterruptedException
    {
        this(1 << 14, null, BinaryServerConfig.DEFAULT_MAX_FRAME_LENGTH, null);
    }

    /**
     * @param journaler an optional stage run in parallel with the ledger (tests use one to hold the ring).
     */
    BinaryFixture(final int ringSize, final CommandStage journaler, final int maxFrameLength,
        final ChangeHistory history) throws InterruptedException
    {
        feed = new BinaryChangeFeed(history);
        final EnginePipeline.Builder builder = EnginePipeline.builder()
            .ledger(new Ledger(LedgerConfig.defaults()))
            .responder(new ReplyingResponder(feed))
            .ringSize(ringSize)
            .waitPreset(WaitPreset.BALANCED);
        if (journaler != null)
        {
            builder.journaler(journaler);
        }
        pipeline = builder.build().start();
        server = new BinaryServer(pipeline, feed,
            BinaryServerConfig.defaults("127.0.0.1", 0).withMaxFrameLength(maxFrameLength)).start();
    }

    StockholdClient client() throws IOException
    {
        return StockholdClient.connect("127.0.0.1", server.port());
    }

    @Override
    public void close()
    {
        server.close();
        pipeline.close();
    }
}
