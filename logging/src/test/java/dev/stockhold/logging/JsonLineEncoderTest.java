package dev.stockhold.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each event is one line holding one JSON object with the documented fields. */
class JsonLineEncoderTest
{
    private final Logger logger = new LoggerContext().getLogger("dev.stockhold.gateway.server.Server");
    private final JsonLineEncoder encoder = new JsonLineEncoder();

    @Test
    void theFieldsOfAnEvent() throws IOException
    {
        final LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO,
            "event=server_ready http={} binary={}", null, new Object[] {"/127.0.0.1:8080", "/127.0.0.1:7070"});
        event.setInstant(Instant.parse("2026-01-31T09:15:02Z"));
        event.setThreadName("main");
        final String line = encode(event);
        assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, line);
        final Map<String, String> json = parse(line);
        assertEquals("2026-01-31T09:15:02.000Z", json.get("timestamp"), "milliseconds even when zero, Z for UTC");
        assertEquals("INFO", json.get("level"));
        assertEquals("main", json.get("thread"));
        assertEquals("dev.stockhold.gateway.server.Server", json.get("logger"));
        assertEquals("event=server_ready http=/127.0.0.1:8080 binary=/127.0.0.1:7070", json.get("message"));
        assertFalse(json.containsKey("exception"), line);
    }

    @Test
    void anExceptionIsOneStringFieldAndTheLineStaysOneLine() throws IOException
    {
        final Exception failure = new IllegalStateException("disk \"full\"\n\tsecond line");
        final LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.ERROR,
            "event=snapshot_failed note=\"tab\there, bell\u0007, separator\u2028\"", failure, null);
        event.setThreadName("stockhold-snapshot-writer");
        final String line = encode(event);
        assertEquals(line.length() - 1, line.indexOf('\n'), "one line: " + line);
        assertFalse(line.contains("\u2028"), "U+2028 is escaped: " + line);
        final Map<String, String> json = parse(line);
        assertEquals("ERROR", json.get("level"));
        assertEquals("event=snapshot_failed note=\"tab\there, bell\u0007, separator\u2028\"", json.get("message"));
        final String exception = json.get("exception");
        assertTrue(exception.startsWith("java.lang.IllegalStateException: disk \"full\"\n\tsecond line\n"), exception);
        assertTrue(exception.contains("\tat dev.stockhold.logging.JsonLineEncoderTest."), exception);
        assertFalse(exception.endsWith("\n"), "no trailing newline in the field");
    }

    private String encode(final LoggingEvent event)
    {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    /** @return the line's object, which must hold only string fields, and nothing after it. */
    static Map<String, String> parse(final String line) throws IOException
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(line))
        {
            assertEquals(JsonToken.START_OBJECT, parser.nextToken(), line);
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = parser.currentName();
                assertEquals(JsonToken.VALUE_STRING, parser.nextToken(), name + " in " + line);
                fields.put(name, parser.getText());
            }
            assertEquals(JsonToken.END_OBJECT, parser.currentToken(), line);
            assertEquals(null, parser.nextToken(), "nothing after the object: " + line);
        }
        return fields;
    }
}
