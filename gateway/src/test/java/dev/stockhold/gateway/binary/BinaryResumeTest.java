package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.client.Result;
import dev.stockhold.gateway.server.Server;
import dev.stockhold.gateway.server.ServerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A binary subscriber resumes from the durable change log of a real server, across a restart. */
class BinaryResumeTest
{
    @TempDir
    Path dataDir;

    @Test
    void resumesFromTheDurableLogAcrossARestart() throws Exception
    {
        final List<Long> sequences = new ArrayList<>();
        try (Server server = start(); TestClient writer = connect(server))
        {
            for (int i = 1; i <= 4; i++)
            {
                sequences.add(call(writer, set("R" + i, i)).sequence());
            }
        }
        try (Server server = start(); TestClient writer = connect(server); TestClient reader = connect(server))
        {
            final BlockingQueue<Result.ChangeEvent> events = new LinkedBlockingQueue<>();
            final Result subscribed = reader.subscribe(sequences.get(0), events::add).get(10, TimeUnit.SECONDS);
            assertTrue(subscribed.isOk(), subscribed::toString);
            final Command lock = new Command().lock("RESUME-1", null, 0, false, false);
            lock.lines.add("R4", "WH", 3);
            sequences.add(call(writer, lock).sequence());

            for (int i = 1; i < sequences.size(); i++)
            {
                final Result.ChangeEvent event = events.poll(10, TimeUnit.SECONDS);
                assertNotNull(event, "expected the event of sequence " + sequences.get(i));
                assertEquals(sequences.get(i), event.seq(), "replayed events, then live ones, in order");
                assertEquals(i == 4 ? "R4" : "R" + (i + 1), event.levels().get(0).sku());
                assertTrue(event.atMillis() > 0);
            }
            assertNull(events.poll(50, TimeUnit.MILLISECONDS), "no duplicate");
        }
    }

    @Test
    void replayedLevelsEqualTheLiveOnes() throws Exception
    {
        try (Server server = start(); TestClient writer = connect(server);
             TestClient live = connect(server); TestClient late = connect(server))
        {
            final BlockingQueue<Result.ChangeEvent> liveEvents = new LinkedBlockingQueue<>();
            assertTrue(live.subscribe(Command.ABSENT, liveEvents::add).get(10, TimeUnit.SECONDS).isOk());
            final long created = call(writer, set("L1", 10)).sequence();
            final Command lock = new Command().lock("LIVE-1", null, 600, false, false);
            lock.lines.add("L1", "WH", 4);
            call(writer, lock);
            call(writer, new Command().adjust("L1", "WH", 1, 0, 0, "found"));

            final BlockingQueue<Result.ChangeEvent> lateEvents = new LinkedBlockingQueue<>();
            assertTrue(late.subscribe(created - 1, lateEvents::add).get(10, TimeUnit.SECONDS).isOk());
            for (int i = 0; i < 3; i++)
            {
                final Result.ChangeEvent expected = liveEvents.poll(10, TimeUnit.SECONDS);
                final Result.ChangeEvent replayed = lateEvents.poll(10, TimeUnit.SECONDS);
                assertNotNull(expected);
                assertNotNull(replayed);
                assertEquals(expected, replayed);
            }
        }
    }

    private Server start() throws Exception
    {
        return Server.start(ServerSettings.defaults().withPorts(0, 0).withDataDir(dataDir));
    }

    private static TestClient connect(final Server server) throws Exception
    {
        return TestClient.connect("127.0.0.1", server.binaryAddress().getPort());
    }

    private static Result call(final TestClient client, final Command command) throws Exception
    {
        final Result result = client.submit(command).get(10, TimeUnit.SECONDS);
        assertTrue(result.isOk(), () -> "expected success: " + result);
        return result;
    }

    private static Command set(final String sku, final long onHand)
    {
        final Command set = new Command().setStock();
        set.items.add(sku, "WH", onHand, Command.ABSENT, Command.ABSENT, Command.ABSENT);
        return set;
    }
}
