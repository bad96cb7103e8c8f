package dev.stockhold.gateway.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stockhold.engine.command.Levels;
import dev.stockhold.gateway.binary.ChangeHistory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The binary feed's history, read from the durable {@link ChangeLog} the HTTP feed writes: a binary
 * subscriber resumes from any point the log still holds, across restarts, exactly as an SSE client does.
 * The log keeps each event as its SSE frame ({@code id: …\ndata: {json}\n\n}); this parses the JSON back
 * into levels. Runs on the responder thread, between two commands, after the HTTP feed has logged every
 * earlier event; not a hot path.
 */
public final class ChangeLogHistory implements ChangeHistory
{
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

    private final ChangeLog log;
    private final Levels levels = new Levels();

    public ChangeLogHistory(final ChangeLog log)
    {
        this.log = log;
    }

    @Override
    public long oldestSeq()
    {
        try (ChangeLog.Reader reader = log.reader())
        {
            // Nothing changed between the first entry's predecessor and that entry, so resuming from the
            // predecessor misses nothing.
            return reader.first() ? reader.previousSequence() + 1 : Long.MAX_VALUE;
        }
    }

    @Override
    public void replay(final long afterSeq, final long upToSeq, final Sink sink)
    {
        try (ChangeLog.Reader reader = log.reader())
        {
            boolean onEntry = reader.seekAfter(afterSeq) == ChangeLog.Reader.ON_ENTRY;
            while (onEntry && reader.sequence() <= upToSeq)
            {
                final long atMillis = parse(reader.event(), reader.length());
                sink.onChange(reader.sequence(), atMillis, levels);
                onEntry = reader.next();
            }
        }
    }

    /** Parses the event's {@code {"seq":…,"at":"…","levels":[…]}} into {@link #levels}; @return its time. */
    private long parse(final byte[] event, final int length)
    {
        levels.clear();
        final int start = indexOf(event, length, DATA) + DATA.length;
        long atMillis = 0;
        try (JsonParser parser = JSON.createParser(event, start, length - start))
        {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String field = parser.currentName();
                parser.nextToken();
                if ("at".equals(field))
                {
                    atMillis = Instant.parse(parser.getText()).toEpochMilli();
                }
                else if ("levels".equals(field))
                {
                    while (parser.nextToken() == JsonToken.START_OBJECT)
                    {
                        parseLevel(parser);
                    }
                }
                else
                {
                    parser.skipChildren();
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("unreadable change log entry", ex);
        }
        return atMillis;
    }

    private void parseLevel(final JsonParser parser) throws IOException
    {
        String sku = null;
        String warehouse = null;
        long onHand = 0;
        long reserved = 0;
        long inTransit = 0;
        long presaleReserved = 0;
        long safetyStock = 0;
        long version = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String field = parser.currentName();
            parser.nextToken();
            switch (field)
            {
                case "sku" -> sku = parser.getText();
                case "warehouse" -> warehouse = parser.getText();
                case "onHand" -> onHand = parser.getLongValue();
                case "reserved" -> reserved = parser.getLongValue();
                case "inTransit" -> inTransit = parser.getLongValue();
                case "presaleReserved" -> presaleReserved = parser.getLongValue();
                case "safetyStock" -> safetyStock = parser.getLongValue();
                case "version" -> version = parser.getLongValue();
                default -> parser.skipChildren();
            }
        }
        levels.add(sku, warehouse, onHand, reserved, inTransit, presaleReserved, safetyStock, version);
    }

    private static void expect(final JsonToken actual, final JsonToken expected) throws IOException
    {
        if (actual != expected)
        {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }

    private static int indexOf(final byte[] haystack, final int length, final byte[] needle)
    {
        outer:
        for (int i = 0; i + needle.length <= length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (haystack[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        throw new UncheckedIOException(new IOException("change log entry without data"));
    }
}
