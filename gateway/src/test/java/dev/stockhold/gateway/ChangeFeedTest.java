package dev.stockhold.gateway;

import dev.stockhold.gateway.feed.ChangeLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.stockhold.gateway.StockApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The change feed: live events, resumption without gaps and byte-identical replays, and ERR_GONE. */
class ChangeFeedTest
{
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        server = SharedServer.get();
    }

    private static List<String> events(final RawHttp raw, final int count) throws Exception
    {
        final List<String> events = new ArrayList<>();
        while (events.size() < count)
        {
            final String event = raw.readUntil("\n\n");
            if (!event.startsWith(":"))
            {
                events.add(event);
            }
        }
        return events;
    }

    private static RawHttp open(final String query) throws Exception
    {
        final RawHttp raw = new RawHttp(server.server.httpAddress().getPort());
        raw.write("GET /v1/changes" + query + " HTTP/1.1\r\nHost: x\r\n\r\n");
        final String head = raw.readHead();
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        assertTrue(head.contains("Content-Type: text/event-stream"), head);
        return raw;
    }

    @Test
    void liveEventsThenResumedEventsAreIdentical() throws Exception
    {
        final long before = Long.parseLong(server.put("/v1/stock/FEED/W1", "{\"onHand\":1}")
            .headers().firstValue("Stockhold-Seq").orElseThrow());
        final List<String> live;
        final List<Long> sequences = new ArrayList<>();
        try (RawHttp stream = open(""))
        {
            Thread.sleep(300);
            for (int i = 0; i < 5; i++)
            {
                sequences.add(Long.parseLong(server.post("/v1/stock/FEED/W1/adjust", "{\"onHandDelta\":1}")
                    .headers().firstValue("Stockhold-Seq").orElseThrow()));
                server.get("/v1/stock/FEED/W1");
                server.post("/v1/stock/FEED/W1/adjust", "{\"onHandDelta\":-1000}");
            }
            live = events(stream, 5);
        }
        for (int i = 0; i < 5; i++)
        {
            final String event = live.get(i);
            assertTrue(event.startsWith("id: " + sequences.get(i) + "\ndata: "), event);
            final Map<String, Object> data = Json.object(event.substring(event.indexOf("data: ") + 6).trim());
            assertEquals(sequences.get(i), data.get("seq"));
            assertTrue(((String)data.get("at")).endsWith("Z"));
            final Map<?, ?> level = (Map<?, ?>)((List<?>)data.get("levels")).get(0);
            assertEquals("FEED", level.get("sku"));
            assertEquals(2L + i, level.get("onHand"));
        }
        try (RawHttp resumed = open("?after=" + before))
        {
            assertEquals(live, events(resumed, 5));
        }
        try (RawHttp resumed = open("?after=" + sequences.get(2)))
        {
            assertEquals(live.subList(3, 5), events(resumed, 2));
            final long next = Long.parseLong(server.post("/v1/stock/FEED/W1/adjust", "{\"onHandDelta\":1}")
                .headers().firstValue("Stockhold-Seq").orElseThrow());
            assertTrue(events(resumed, 1).get(0).startsWith("id: " + next + "\n"));
        }
    }

    @Test
    void aReconnectingEventSourceResumesFromItsLastEventId() throws Exception
    {
        final long before = Long.parseLong(server.put("/v1/stock/LAST/W1", "{\"onHand\":1}")
            .headers().firstValue("Stockhold-Seq").orElseThrow());
        final long next = Long.parseLong(server.post("/v1/stock/LAST/W1/adjust", "{\"onHandDelta\":1}")
            .headers().firstValue("Stockhold-Seq").orElseThrow());
        try (RawHttp resumed = new RawHttp(server.server.httpAddress().getPort()))
        {
            resumed.write("GET /v1/changes HTTP/1.1\r\nHost: x\r\nLast-Event-ID: " + before + "\r\n\r\n");
            assertTrue(resumed.readHead().startsWith("HTTP/1.1 200"));
            assertTrue(events(resumed, 1).get(0).startsWith("id: " + next + "\n"));
        }
        try (RawHttp bad = new RawHttp(server.server.httpAddress().getPort()))
        {
            bad.write("GET /v1/changes HTTP/1.1\r\nHost: x\r\nLast-Event-ID: soon\r\n\r\n");
            assertTrue(bad.readResponse().contains("ERR_INVALID_REQUEST"));
        }
    }

    @Test
    void afterAheadOfTheNewestWaits() throws Exception
    {
        final long now = Long.parseLong(server.put("/v1/stock/AHEAD/W1", "{\"onHand\":1}")
            .headers().firstValue("Stockhold-Seq").orElseThrow());
        try (RawHttp stream = open("?after=" + (now + 2)))
        {
            server.post("/v1/stock/AHEAD/W1/adjust", "{\"onHandDelta\":1}");
            server.post("/v1/stock/AHEAD/W1/adjust", "{\"onHandDelta\":1}");
            long third = 0;
            while (third <= now + 2)
            {
                third = Long.parseLong(server.post("/v1/stock/AHEAD/W1/adjust", "{\"onHandDelta\":1}")
                    .headers().firstValue("Stockhold-Seq").orElseThrow());
            }
            final String event = events(stream, 1).get(0);
            final long id = Long.parseLong(event.substring(4, event.indexOf('\n')));
            assertTrue(id > now + 2, event);
        }
        assertProblem(server.get("/v1/changes?after=x"), 400, "ERR_INVALID_REQUEST");
    }

    @Test
    void aLogThatLostTheNextEventIsGone(@TempDir final Path dir)
    {
        try (ChangeLog log = ChangeLog.open(dir, 180); ChangeLog.Writer writer = log.writer())
        {
            final byte[] twenty = "record 20".getBytes(StandardCharsets.US_ASCII);
            final byte[] twentyFive = "record 25".getBytes(StandardCharsets.US_ASCII);
            writer.append(20, 10, twenty, twenty.length);
            writer.append(25, 20, twentyFive, twentyFive.length);
            assertEquals(25, log.lastSequence());
            try (ChangeLog.Reader reader = log.reader())
            {
                assertEquals(ChangeLog.Reader.GONE, reader.seekAfter(5));
                assertEquals(ChangeLog.Reader.ON_ENTRY, reader.seekAfter(10));
                assertEquals(20, reader.sequence());
                assertEquals(ChangeLog.Reader.ON_ENTRY, reader.seekAfter(22));
                assertEquals(25, reader.sequence());
                assertEquals("record 25", new String(reader.record(), 0, reader.length(), StandardCharsets.US_ASCII));
                assertEquals(ChangeLog.Reader.AT_END, reader.seekAfter(25));
            }
        }
    }
}
