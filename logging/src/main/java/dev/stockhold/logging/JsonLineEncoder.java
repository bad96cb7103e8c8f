package dev.stockhold.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One JSON object per line: {@code timestamp} (ISO-8601 in UTC, milliseconds), {@code level},
 * {@code thread}, {@code logger} (the full name), {@code message} (the formatted message) and, when the
 * event carries one, {@code exception} (the stack trace as one string). Logback's own JsonEncoder writes
 * the time as epoch milliseconds and the exception as nested objects; log collectors read these fields
 * as they are.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent>
{
    /** As the plain format's: always three fraction digits, {@code Z} for UTC. */
    static final DateTimeFormatter TIMESTAMP =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public byte[] headerBytes()
    {
        return null;
    }

    @Override
    public byte[] encode(final ILoggingEvent event)
    {
        final StringBuilder json = new StringBuilder(256);
        json.append("{\"timestamp\":\"").append(TIMESTAMP.format(event.getInstant())).append('"');
        field(json, "level", String.valueOf(event.getLevel()));
        field(json, "thread", event.getThreadName());
        field(json, "logger", event.getLoggerName());
        field(json, "message", event.getFormattedMessage());
        final IThrowableProxy throwable = event.getThrowableProxy();
        if (throwable != null)
        {
            field(json, "exception", ThrowableProxyUtil.asString(throwable).stripTrailing());
        }
        json.append("}\n");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes()
    {
        return null;
    }

    private static void field(final StringBuilder json, final String name, final String value)
    {
        json.append(",\"").append(name).append("\":");
        if (value == null)
        {
            json.append("null");
            return;
        }
        json.append('"');
        appendEscaped(json, value);
        json.append('"');
    }

    /** JSON string escaping: quotes, backslashes and control characters; the line separators too. */
    static void appendEscaped(final StringBuilder json, final String value)
    {
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default ->
                {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029')
                    {
                        json.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                            .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    }
                    else
                    {
                        json.append(c);
                    }
                }
            }
        }
    }
}
