package dev.stockhold.journal;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.Reply;
import dev.stockhold.engine.pipeline.ReplyingResponder;
import dev.stockhold.engine.pipeline.SnapshotSink;
import dev.stockhold.engine.pipeline.ThreadLayout;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test fixture: a real pipeline wired to a {@link JournalService} exactly as the server wires it, fed a
 * seeded command stream by one producer whose clock is the stream's, so runs are reproducible. Runs take
 * turns between the thread layouts, so every test using this fixture covers both.
 */
public final class EngineRun implements AutoCloseable
{
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final JournalService journal;
    private final EnginePipeline pipeline;
    private final AtomicLong clock = new AtomicLong();
    private final Set<String> orders = new LinkedHashSet<>();
    private volatile boolean snapshotsEnabled = true;

    /**
     * @param snapshotEvery snapshot every so many commands (0 for none).
     */
    public EngineRun(final JournalService journal, final long snapshotEvery)
    {
        this.journal = journal;
        final SnapshotSink sink = (buffer, length, covered, pause) ->
        {
            if (snapshotsEnabled)
            {
                journal.snapshotSink().onSnapshot(buffer, length, covered, pause);
            }
        };
        this.pipeline = EnginePipeline.builder()
            .ledger(journal.ledger())
            .firstSequence(journal.nextSequence())
            .journaler(journal.journaler())
            .responder(new ReplyingResponder(null))
            .snapshots(sink, snapshotEvery)
            .clock(clock::get)
            .ringSize(1 << 12)
            .layout(ThreadLayout.values()[RUNS.getAndIncrement() % ThreadLayout.values().length])
            .build()
            .start();
    }

    /** @return the pipeline. */
    public EnginePipeline pipeline()
    {
        return pipeline;
    }

    /** Publishes {@code count} commands of the stream, waiting while the ring is full; waits for all answers. */
    public void feed(final CommandStreams stream, final int count) throws InterruptedException
    {
        feed(stream, count, (command, endOfBatch) ->
        {
        });
    }

    /** As {@link #feed(CommandStreams, int)}, showing {@code observer} every answered command first. */
    public void feed(final CommandStreams stream, final int count, final Reply observer) throws InterruptedException
    {
        final CountDownLatch done = new CountDownLatch(count);
        final Reply reply = (command, endOfBatch) ->
        {
            observer.complete(command, endOfBatch);
            done.countDown();
        };
        final Command command = new Command();
        for (int i = 0; i < count; i++)
        {
            stream.next(command);
            if (command.type == CommandType.LOCK)
            {
                orders.add(command.orderId);
            }
            command.replyTo = reply;
            publish(command);
        }
        if (!done.await(60, TimeUnit.SECONDS))
        {
            throw new AssertionError("answers missing: " + done.getCount());
        }
    }

    /** Publishes one command as the single producer, stamping the stream's time. */
    public void publish(final Command command)
    {
        clock.set(Math.max(clock.get(), command.timestampMillis));
        while (!pipeline.tryPublish(command))
        {
            Thread.onSpinWait();
        }
    }

    /** @return the live engine's digest, read through the ring. */
    public long liveDigest() throws InterruptedException
    {
        final long[] digest = new long[1];
        final CountDownLatch done = new CountDownLatch(1);
        final Command read = new Command().getDigest();
        read.replyTo = (Reply)(command, endOfBatch) ->
        {
            digest[0] = command.result.digest();
            done.countDown();
        };
        publish(read);
        done.await(30, TimeUnit.SECONDS);
        return digest[0];
    }

    /** @return every locked order's answer from the live engine, read through the ring. */
    public Map<String, String> liveReservations() throws InterruptedException
    {
        final Map<String, String> answers = new ConcurrentHashMap<>();
        final CountDownLatch done = new CountDownLatch(orders.size());
        final Reply reply = (command, endOfBatch) ->
        {
            answers.put(command.orderId, Answers.reservation(command.result));
            done.countDown();
        };
        final Command read = new Command();
        for (final String order : orders)
        {
            read.getReservation(order).at(clock.get());
            read.replyTo = reply;
            publish(read);
        }
        done.await(30, TimeUnit.SECONDS);
        return new TreeMap<>(answers);
    }

    /** @return the orders locked so far. */
    public Set<String> orders()
    {
        return orders;
    }

    /** @return the engine time of the last command. */
    public long clockMillis()
    {
        return clock.get();
    }

    /** Closes without the final snapshot, so recovery must use the periodic ones and replay the tail. */
    public void closeWithoutFinalSnapshot()
    {
        snapshotsEnabled = false;
        close();
    }

    /** Closes the pipeline (final snapshot unless disabled) and the journal. */
    @Override
    public void close()
    {
        pipeline.close();
        journal.close();
    }
}
