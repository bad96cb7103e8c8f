package dev.stockhold.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * The console's encoder: {@code <format>json</format>} writes {@link JsonLineEncoder}'s objects, anything
 * else lines in {@code <pattern>}. One appender whose encoder follows the switch: Logback warns (on stdout,
 * where the tools' output goes) about an appender that is declared but not used, and cannot nest an
 * {@code <if>} in an appender.
 */
public final class LogEncoder extends EncoderBase<ILoggingEvent>
{
    private String format = LogSettings.DEFAULT_FORMAT;
    private String pattern;
    private Encoder<ILoggingEvent> delegate;

    /** @param format {@code plain} or {@code json}, as {@link LogSettings#format} returns it. */
    public void setFormat(final String format)
    {
        this.format = format;
    }

    /** @param pattern the plain format's PatternLayout pattern. */
    public void setPattern(final String pattern)
    {
        this.pattern = pattern;
    }

    @Override
    public void start()
    {
        if ("json".equals(format))
        {
            delegate = new JsonLineEncoder();
        }
        else
        {
            final PatternLayoutEncoder plain = new PatternLayoutEncoder();
            plain.setPattern(pattern);
            delegate = plain;
        }
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    @Override
    public void stop()
    {
        super.stop();
        if (delegate != null)
        {
            delegate.stop();
        }
    }

    @Override
    public byte[] headerBytes()
    {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(final ILoggingEvent event)
    {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes()
    {
        return delegate.footerBytes();
    }
}
