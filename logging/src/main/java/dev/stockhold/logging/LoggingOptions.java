package dev.stockhold.logging;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --log-format} and {@code --log-level} for every command line ({@code @Mixin}); subcommands take
 * them too. Each applies as soon as it is parsed, over the environment variable.
 */
public final class LoggingOptions
{
    @Option(names = "--log-format", paramLabel = "FORMAT", scope = ScopeType.INHERIT,
        converter = FormatConverter.class,
        description = "Log lines as plain (default: timestamp, level, thread, logger, key=value message) or json "
            + "(one object per line). Also STOCKHOLD_LOG_FORMAT.")
    void format(final String format)
    {
        if (format != null)
        {
            Logging.set(LogSettings.FORMAT_PROPERTY, format);
        }
    }

    @Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT,
        converter = LevelConverter.class,
        description = "Least severe level logged: error, warn, info (default), debug, trace or off. "
            + "Also STOCKHOLD_LOG_LEVEL.")
    void level(final String level)
    {
        if (level != null)
        {
            Logging.set(LogSettings.LEVEL_PROPERTY, level);
        }
    }

    /** plain or json, in any case. */
    static final class FormatConverter implements ITypeConverter<String>
    {
        @Override
        public String convert(final String value)
        {
            final String format = LogSettings.parseFormat(value);
            if (format == null)
            {
                throw new TypeConversionException("'" + value + "' is not a log format: plain or json");
            }
            return format;
        }
    }

    /** A Logback level's name, in any case. */
    static final class LevelConverter implements ITypeConverter<String>
    {
        @Override
        public String convert(final String value)
        {
            final String level = LogSettings.parseLevel(value);
            if (level == null)
            {
                throw new TypeConversionException("'" + value + "' is not a log level: error, warn, info, debug,"
                    + " trace or off");
            }
            return level;
        }
    }
}
