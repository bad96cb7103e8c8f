package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.client.ResultCode;
import dev.stockhold.engine.command.Levels;
import dev.stockhold.engine.pipeline.CommandStage;
import dev.stockhold.client.Result;
import dev.stockhold.gateway.feed.ChangeRecord;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The change feed over the binary protocol: live events, several subscribers, resume and ERR_GONE. */
class BinaryChangeFeedTest
{
    private static Result.ChangeEvent next(final BlockingQueue<Result.ChangeEvent> events) throws Exception
    {
        final Result.ChangeEvent event = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(event, "expected a change event");
        return event;
    }

    private static Result call(final TestClient client, final Command command) throws Exception
    {
        return client.submit(command).get(10, TimeUnit.SECONDS);
    }

    private static Command set(final String sku, final long onHand)
    {
        final Command set = new Command().setStock();
        set.items.add(sku, "WH", onHand, Command.ABSENT, Command.ABSENT, Command.ABSENT);
        return set;
    }

    @Test
    void subscribersSeeEveryChangeInEngineOrder() throws Exception
    {
        try (BinaryFixture fixture = new BinaryFixture();
             TestClient writer = fixture.client();
             TestClient first = fixture.client();
             TestClient second = fixture.client())
        {
            final BlockingQueue<Result.ChangeEvent> firstEvents = new LinkedBlockingQueue<>();
            final BlockingQueue<Result.ChangeEvent> secondEvents = new LinkedBlockingQueue<>();
            assertTrue(first.subscribe(Command.ABSENT, firstEvents::add).get(10, TimeUnit.SECONDS)
                instanceof Result.Subscribed);
            assertTrue(second.subscribe(Command.ABSENT, secondEvents::add).get(10, TimeUnit.SECONDS).isOk());
            assertEquals(2, fixture.feed.subscriberCount());

            final Result created = call(writer, set("A1", 10));
            final Command lock = new Command().lock("O-1", null, 0, false, false);
            lock.lines.add("A1", "WH", 3);
            final Result locked = call(writer, lock);
            call(writer, new Command().getStock("A1", "WH"));
            final Command tooMuch = new Command().lock("O-2", null, 0, false, false);
            tooMuch.lines.add("A1", "WH", 8);
            assertEquals(ResultCode.INSUFFICIENT_STOCK, call(writer, tooMuch).code());
            final Result adjusted = call(writer, new Command().adjust("A1", "WH", 1, 0, 0, "found"));

            for (final BlockingQueue<Result.ChangeEvent> events : List.of(firstEvents, secondEvents))
            {
                final Result.ChangeEvent onSet = next(events);
                assertEquals(created.sequence(), onSet.seq());
                assertEquals(10, onSet.levels().get(0).available());
                final Result.ChangeEvent onLock = next(events);
                assertEquals(locked.sequence(), onLock.seq());
                assertEquals(3, onLock.levels().get(0).reserved());
                assertEquals(7, onLock.levels().get(0).available());
                assertTrue(onLock.atMillis() > 0);
                final Result.ChangeEvent onAdjust = next(events);
                assertEquals(adjusted.sequence(), onAdjust.seq(), "reads and failures send no event");
                assertNull(events.poll(50, TimeUnit.MILLISECONDS));
            }
        }
    }

    @Test
    void resumeWithoutHistoryWorksOnlyWhenNothingWasMissed() throws Exception
    {
        try (BinaryFixture fixture = new BinaryFixture();
             TestClient writer = fixture.client();
             TestClient reader = fixture.client())
        {
            call(writer, set("A1", 1));
            final long last = call(writer, set("A1", 2)).sequence();
            final Result gone = reader.subscribe(last - 1, event -> { }).get(10, TimeUnit.SECONDS);
            assertEquals(ResultCode.GONE, gone.code());

            final BlockingQueue<Result.ChangeEvent> events = new LinkedBlockingQueue<>();
            assertTrue(reader.subscribe(last, events::add).get(10, TimeUnit.SECONDS).isOk());
            final long after = call(writer, set("A1", 3)).sequence();
            assertEquals(after, next(events).seq());
        }
    }

    @Test
    void resumeFromHistoryJoinsTheLiveEventsWithoutGapOrDuplicate() throws Exception
    {
        final RecordedHistory history = new RecordedHistory();
        try (BinaryFixture fixture = new BinaryFixture(1 << 12, null, 1 << 20, history, history);
             TestClient writer = fixture.client();
             TestClient reader = fixture.client())
        {
            final List<Long> written = new ArrayList<>();
            for (int i = 1; i <= 5; i++)
            {
                written.add(call(writer, set("S" + i, i)).sequence());
            }
            final BlockingQueue<Result.ChangeEvent> events = new LinkedBlockingQueue<>();
            assertTrue(reader.subscribe(written.get(1), events::add).get(10, TimeUnit.SECONDS).isOk());
            written.add(call(writer, set("S6", 6)).sequence());
            for (int i = 2; i < written.size(); i++)
            {
                final Result.ChangeEvent event = next(events);
                assertEquals(written.get(i), event.seq());
                assertEquals("S" + (i + 1), event.levels().get(0).sku());
            }
            assertNull(events.poll(50, TimeUnit.MILLISECONDS));
            assertEquals(ResultCode.GONE, reader.subscribe(0, e -> { }).get(10, TimeUnit.SECONDS).code(),
                "the history says it no longer holds sequence 1");
        }
    }

    /**
     * A subscription takes an exact place in the engine order (a MARK, not a digest read): subscribed from now
     * in the middle of concurrent writes, it receives exactly the writes after its acknowledged sequence;
     * resumed from an earlier point, exactly the writes after that point. Each once, in order.
     */
    @Test
    void aSubscriptionMadeDuringConcurrentWritesHasNoGapAndNoDuplicate() throws Exception
    {
        final RecordedHistory history = new RecordedHistory();
        try (BinaryFixture fixture = new BinaryFixture(1 << 12, null, 1 << 20, history, history);
             TestClient first = fixture.client();
             TestClient second = fixture.client();
             TestClient fromNow = fixture.client();
             TestClient resumed = fixture.client())
        {
            final List<Long> written = Collections.synchronizedList(new ArrayList<>());
            final Thread[] writers = new Thread[2];
            final TestClient[] clients = {first, second};
            final CountDownLatch halfway = new CountDownLatch(2);
            final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            for (int w = 0; w < writers.length; w++)
            {
                final TestClient client = clients[w];
                final String sku = "CW" + w;
                writers[w] = new Thread(() ->
                {
                    try
                    {
                        for (int i = 1; i <= 300; i++)
                        {
                            written.add(call(client, set(sku, i)).sequence());
                            if (i == 150)
                            {
                                halfway.countDown();
                            }
                        }
                    }
                    catch (final Exception | AssertionError ex)
                    {
                        failures.add(ex);
                    }
                });
                writers[w].start();
            }
            assertTrue(halfway.await(30, TimeUnit.SECONDS));
            final long resumeAfter = written.get(written.size() / 3);
            final BlockingQueue<Result.ChangeEvent> live = new LinkedBlockingQueue<>();
            final BlockingQueue<Result.ChangeEvent> replayed = new LinkedBlockingQueue<>();
            final Result subscribed = fromNow.subscribe(Command.ABSENT, live::add).get(10, TimeUnit.SECONDS);
            assertTrue(resumed.subscribe(resumeAfter, replayed::add).get(10, TimeUnit.SECONDS).isOk());
            for (final Thread writer : writers)
            {
                writer.join(60_000);
            }
            assertEquals(List.of(), failures);
            final long place = subscribed.sequence();
            final List<Long> sorted = new ArrayList<>(written);
            Collections.sort(sorted);
            final List<Long> afterPlace = sorted.stream().filter(seq -> seq > place).toList();
            final List<Long> afterResume = sorted.stream().filter(seq -> seq > resumeAfter).toList();
            assertTrue(!afterPlace.isEmpty() && afterPlace.size() < sorted.size(), "subscribed during the writes");
            assertEquals(afterPlace, drain(live, afterPlace.size()), "from now: every write after its place, once");
            assertEquals(afterResume, drain(replayed, afterResume.size()), "resumed: every write after afterSeq, once");
        }
    }

    private static List<Long> drain(final BlockingQueue<Result.ChangeEvent> events, final int count) throws Exception
    {
        final List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            seqs.add(next(events).seq());
        }
        assertNull(events.poll(100, TimeUnit.MILLISECONDS), "nothing more, nothing twice");
        return seqs;
    }

    /** A history kept in memory: records each change as the responder sees it; forgets sequence 1. */
    private static final class RecordedHistory implements ChangeHistory, CommandStage
    {
        private final List<Long> sequences = new ArrayList<>();
        private final List<byte[]> records = new ArrayList<>();
        private final ChangeRecord record = new ChangeRecord();
        private final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer();

        @Override
        public void onCommand(final Command command, final boolean endOfBatch)
        {
            if (ChangeRecord.changedAnything(command))
            {
                final int length = record.of(command).encode(bytes);
                sequences.add(command.sequence);
                records.add(Arrays.copyOf(bytes.byteArray(), length));
            }
        }

        @Override
        public boolean holdsAfter(final long afterSeq)
        {
            return afterSeq >= 1;
        }

        @Override
        public void replay(final long afterSeq, final Sink sink)
        {
            final ChangeRecord replayed = new ChangeRecord();
            for (int i = 0; i < sequences.size(); i++)
            {
                if (sequences.get(i) > afterSeq)
                {
                    sink.onChange(replayed.decode(sequences.get(i), records.get(i), records.get(i).length));
                }
            }
        }
    }
}
