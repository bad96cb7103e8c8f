package dev.stockhold.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The logging setup every {@code main} starts with. Everything logs through SLF4J to Logback, configured by
 * {@code logback.xml} (one line per event on stderr, or one JSON object per line: {@link LogSettings}):
 * SLF4J directly (Chronicle and Netty do too), {@link System.Logger} through the
 * {@code slf4j-jdk-platform-logging} service found on the class path, and {@code java.util.logging}
 * through the bridge that {@link #start} installs in place of JUL's own console handler.
 */
public final class Logging
{
    private Logging()
    {
    }

    /** Configures Logback if nothing has yet, and routes java.util.logging to it. Safe to call again. */
    public static synchronized void start()
    {
        final Logger log = LoggerFactory.getLogger(Logging.class);
        if (!SLF4JBridgeHandler.isInstalled())
        {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
            for (final String ignored : LogSettings.ignored())
            {
                log.warn("event=log_setting_ignored {}", ignored);
            }
        }
    }

    /**
     * Sets one switch as a system property (it then wins over the environment variable) and configures
     * Logback again with it: for command-line options, parsed after the first loggers were created.
     *
     * @param property {@link LogSettings#FORMAT_PROPERTY} or {@link LogSettings#LEVEL_PROPERTY}.
     * @param value    a value {@link LogSettings} accepts for it.
     */
    static synchronized void set(final String property, final String value)
    {
        System.setProperty(property, value);
        final ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context)
        {
            context.reset();
            try
            {
                new ContextInitializer(context).autoConfig();
            }
            catch (final JoranException ex)
            {
                throw new IllegalStateException("logback.xml could not be read again", ex);
            }
        }
    }
}
