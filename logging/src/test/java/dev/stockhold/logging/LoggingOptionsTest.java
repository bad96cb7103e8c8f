package dev.stockhold.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options set the switch and configure Logback again; a subcommand takes them too. */
class LoggingOptionsTest
{
    @Command(name = "tool", subcommands = Sub.class)
    static final class Tool implements Runnable
    {
        @Mixin
        LoggingOptions logging;

        @Override
        public void run()
        {
        }
    }

    @Command(name = "sub")
    static final class Sub implements Runnable
    {
        @Override
        public void run()
        {
        }
    }

    @AfterEach
    void restore()
    {
        System.clearProperty(LogSettings.FORMAT_PROPERTY);
        Logging.set(LogSettings.LEVEL_PROPERTY, LogSettings.DEFAULT_LEVEL);
        System.clearProperty(LogSettings.LEVEL_PROPERTY);
    }

    @Test
    void theLevelOnASubcommand()
    {
        assertEquals(0, new CommandLine(new Tool()).execute("sub", "--log-level", "Warn"));
        assertEquals("WARN", System.getProperty(LogSettings.LEVEL_PROPERTY));
        assertEquals(Level.WARN, root().getLevel(), "Logback was configured again");
        assertTrue(root().getAppender("console") != null, "with its console appender");
    }

    @Test
    void theFormatOnTheCommand()
    {
        assertEquals(0, new CommandLine(new Tool()).execute("--log-format", "JSON", "sub"));
        assertEquals("json", System.getProperty(LogSettings.FORMAT_PROPERTY));
    }

    @Test
    void aBadValueIsAUsageError()
    {
        final StringWriter err = new StringWriter();
        final CommandLine cli = new CommandLine(new Tool()).setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("--log-level", "loud"));
        assertTrue(err.toString().contains("'loud' is not a log level"), err.toString());
        assertEquals(null, System.getProperty(LogSettings.LEVEL_PROPERTY));
    }

    private static Logger root()
    {
        return ((LoggerContext)LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    }
}
