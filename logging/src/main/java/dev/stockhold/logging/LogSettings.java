package dev.stockhold.logging;

import ch.qos.logback.core.PropertyDefinerBase;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two logging switches, each a system property or else an environment variable: the format
 * ({@value #FORMAT_PROPERTY} or {@value #FORMAT_ENV}: {@code plain}, the default, or {@code json}) and the
 * level ({@value #LEVEL_PROPERTY} or {@value #LEVEL_ENV}: {@code error}, {@code warn}, {@code info}, the
 * default, {@code debug}, {@code trace} or {@code off}). {@code logback.xml} reads them through the two
 * definers below, so they hold whoever configures Logback first; a value that is neither is ignored
 * (and {@link Logging#start} says so in the log) rather than turned into Logback's fallback, DEBUG.
 */
public final class LogSettings
{
    /** System property naming the format. */
    public static final String FORMAT_PROPERTY = "stockhold.log.format";
    /** Environment variable naming the format, when the system property is not set. */
    public static final String FORMAT_ENV = "STOCKHOLD_LOG_FORMAT";
    /** System property naming the level. */
    public static final String LEVEL_PROPERTY = "stockhold.log.level";
    /** Environment variable naming the level, when the system property is not set. */
    public static final String LEVEL_ENV = "STOCKHOLD_LOG_LEVEL";

    static final String DEFAULT_FORMAT = "plain";
    static final String DEFAULT_LEVEL = "INFO";
    private static final List<String> FORMATS = List.of("plain", "json");
    private static final List<String> LEVELS = List.of("OFF", "ERROR", "WARN", "INFO", "DEBUG", "TRACE");

    private LogSettings()
    {
    }

    /** @return the format asked for, lower case: also the name of its appender in {@code logback.xml}. */
    public static String format()
    {
        final String format = parseFormat(raw(FORMAT_PROPERTY, FORMAT_ENV));
        return format == null ? DEFAULT_FORMAT : format;
    }

    /** @return the level asked for, upper case, as Logback spells it. */
    public static String level()
    {
        final String level = parseLevel(raw(LEVEL_PROPERTY, LEVEL_ENV));
        return level == null ? DEFAULT_LEVEL : level;
    }

    /** @return {@code plain} or {@code json} for {@code value} in any case, or null for anything else. */
    static String parseFormat(final String value)
    {
        if (value == null)
        {
            return null;
        }
        final String format = value.trim().toLowerCase(Locale.ROOT);
        return FORMATS.contains(format) ? format : null;
    }

    /** @return the Logback level named {@code value} in any case, or null if there is none. */
    static String parseLevel(final String value)
    {
        if (value == null)
        {
            return null;
        }
        final String level = value.trim().toUpperCase(Locale.ROOT);
        return LEVELS.contains(level) ? level : null;
    }

    /**
     * @return one {@code key=value} description per switch that is set to a value it cannot take, for the
     * log: {@code variable=STOCKHOLD_LOG_LEVEL value="loud" using=INFO}.
     */
    static List<String> ignored()
    {
        final List<String> ignored = new ArrayList<>(2);
        final String format = raw(FORMAT_PROPERTY, FORMAT_ENV);
        if (format != null && parseFormat(format) == null)
        {
            ignored.add(describe(FORMAT_PROPERTY, FORMAT_ENV, format, DEFAULT_FORMAT));
        }
        final String level = raw(LEVEL_PROPERTY, LEVEL_ENV);
        if (level != null && parseLevel(level) == null)
        {
            ignored.add(describe(LEVEL_PROPERTY, LEVEL_ENV, level, DEFAULT_LEVEL));
        }
        return ignored;
    }

    private static String describe(final String property, final String env, final String value, final String used)
    {
        final String variable = blankToNull(System.getProperty(property)) != null ? property : env;
        return "variable=" + variable + " value=\"" + value + "\" using=" + used;
    }

    /** @return the system property, else the environment variable, else null (blank counts as unset). */
    private static String raw(final String property, final String env)
    {
        final String value = blankToNull(System.getProperty(property));
        return value != null ? value : blankToNull(System.getenv(env));
    }

    private static String blankToNull(final String value)
    {
        return value == null || value.isBlank() ? null : value;
    }

    /** {@code <define name="logFormat" class="dev.stockhold.logging.LogSettings$FormatDefiner"/>}. */
    public static final class FormatDefiner extends PropertyDefinerBase
    {
        @Override
        public String getPropertyValue()
        {
            return format();
        }
    }

    /** {@code <define name="logLevel" class="dev.stockhold.logging.LogSettings$LevelDefiner"/>}. */
    public static final class LevelDefiner extends PropertyDefinerBase
    {
        @Override
        public String getPropertyValue()
        {
            return level();
        }
    }
}
