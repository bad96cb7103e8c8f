package dev.stockhold.gateway;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the HTTP change feeds in tests: streams, their events, and the sequences writes answer. */
public final class FeedStreams
{
    private FeedStreams()
    {
    }

    public static List<String> events(final RawHttp raw, final int count) throws Exception
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

    public static RawHttp open(final int port, final String path, final String headers) throws Exception
    {
        final RawHttp raw = new RawHttp(port);
        raw.write("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n");
        final String head = raw.readHead();
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        assertTrue(head.contains("Content-Type: text/event-stream"), head);
        return raw;
    }

    public static long seq(final HttpResponse<String> answer)
    {
        assertTrue(answer.statusCode() < 300, answer.body());
        return Long.parseLong(answer.headers().firstValue("Stockhold-Seq").orElseThrow());
    }

    /** @return the event's data, checking its id is its seq. */
    public static Map<String, Object> data(final String event)
    {
        final Map<String, Object> data = Json.object(event.substring(event.indexOf("data: ") + 6).trim());
        assertTrue(event.startsWith("id: " + data.get("seq") + "\ndata: "), event);
        return data;
    }

    /** @return the event's listings as "listingId=sku:published". */
    public static List<String> listings(final String event)
    {
        final List<String> listings = new ArrayList<>();
        for (final Object listing : (List<?>)data(event).get("listings"))
        {
            final Map<?, ?> fields = (Map<?, ?>)listing;
            assertEquals(List.of("listingId", "sku", "published"), List.copyOf(fields.keySet()));
            listings.add(fields.get("listingId") + "=" + fields.get("sku") + ":" + fields.get("published"));
        }
        return listings;
    }
}
