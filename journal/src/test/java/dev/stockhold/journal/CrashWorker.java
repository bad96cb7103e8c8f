package dev.stockhold.journal;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.Reply;
import dev.stockhold.engine.pipeline.ReplyingResponder;
import dev.stockhold.engine.pipeline.ThreadLayout;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The process {@link CrashRecoveryTest} kills: recovers the journal in a data directory, then runs the
 * pipeline at full speed with a seeded stream and prints every acknowledged mutating command as
 * {@code ACK <sequence> <type> <orderId> <code>} once the responder has released it, until it is killed.
 * Arguments: data directory, durability, seed, order-id prefix, thread layout.
 */
public final class CrashWorker
{
    private CrashWorker()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final JournalConfig config = JournalConfig.defaults(Path.of(args[0]))
            .withDurability(Durability.valueOf(args[1])).withSnapshots(3_000, Duration.ofMillis(150));
        final BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII),
            1 << 16);
        final JournalService journal = JournalService.open(config, LedgerConfig.defaults());
        final Reply ack = (command, endOfBatch) ->
        {
            try
            {
                if (command.type.isMutating())
                {
                    out.write("ACK " + command.sequence + ' ' + command.type + ' ' + command.orderId + ' '
                        + command.result.code() + '\n');
                }
                if (endOfBatch)
                {
                    out.flush();
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        };
        final EnginePipeline pipeline = EnginePipeline.builder().ledger(journal.ledger())
            .firstSequence(journal.nextSequence()).journaler(journal.journaler())
            .responder(new ReplyingResponder(null)).snapshots(journal.snapshotSink(), config.snapshotEveryCommands())
            .tickIntervalMillis(20).ringSize(1 << 12).layout(ThreadLayout.valueOf(args[4])).build().start();
        journal.attach(pipeline);
        System.err.println("worker started at sequence " + journal.nextSequence());
        final CommandStreams stream = new CommandStreams(Long.parseLong(args[2]), args[3]);
        final Command command = new Command();
        while (true)
        {
            stream.next(command);
            if (command.type == CommandType.TICK)
            {
                continue;
            }
            command.replyTo = ack;
            while (!pipeline.tryPublish(command))
            {
                Thread.yield();
            }
        }
    }
}
