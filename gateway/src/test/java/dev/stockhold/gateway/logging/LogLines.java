package dev.stockhold.gateway.logging;

import dev.stockhold.gateway.Json;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented log shapes (docs/operations.md, "Logs"), and a child JVM on this test's class path. */
final class LogLines
{
    /** ISO-8601 in UTC, with milliseconds. */
    static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    /** {@code 2026-01-31T09:15:02.048Z INFO  [main] Server event=server_ready …}: level, thread, logger, message. */
    static final Pattern PLAIN =
        Pattern.compile(TIMESTAMP + " (TRACE|DEBUG|INFO|WARN|ERROR) {0,2}\\[([^\\]]+)\\] (\\S+) (.*)");
    /** A message in the project's style: {@code event=name} then {@code key=value}, a value with spaces quoted. */
    static final Pattern KEY_VALUE =
        Pattern.compile("event=[a-z][a-z0-9_]*( [a-zA-Z][a-zA-Z0-9]*=(\"[^\"]*\"|[^\\s\"]+))*");
    private static final Set<String> JSON_FIELDS =
        Set.of("timestamp", "level", "thread", "logger", "message", "exception");
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    private LogLines()
    {
    }

    /** One plain line, split into level, thread, logger (short) and message. */
    record Plain(String level, String thread, String logger, String message)
    {
    }

    /** @return the line split up; fails unless it has the plain format's shape. */
    static Plain plain(final String line)
    {
        final Matcher matcher = PLAIN.matcher(line);
        assertTrue(matcher.matches(), "not a plain log line: " + line);
        return new Plain(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4));
    }

    /** @return the line's object; fails unless it is one JSON object of string fields with the documented names. */
    static Map<String, Object> json(final String line)
    {
        final Map<String, Object> object;
        try
        {
            object = Json.object(line);
        }
        catch (final RuntimeException ex)
        {
            throw new AssertionError("not a JSON object: " + line, ex);
        }
        assertTrue(object.keySet().containsAll(List.of("timestamp", "level", "thread", "logger", "message")), line);
        assertTrue(JSON_FIELDS.containsAll(object.keySet()), "only the documented fields: " + line);
        object.values().forEach(value -> assertTrue(value instanceof String, "string fields only: " + line));
        assertTrue(((String)object.get("timestamp")).matches(TIMESTAMP), line);
        assertTrue(LEVELS.contains((String)object.get("level")), line);
        return object;
    }

    /** Fails unless {@code message} is in the event=name key=value style. */
    static void assertKeyValue(final String message)
    {
        assertTrue(KEY_VALUE.matcher(message).matches(), "not event=name key=value: " + message);
    }

    /** @return a command running {@code mainClass} in a JVM with this one's module flags and class path. */
    static List<String> java(final Class<?> mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access")
                || argument.startsWith("-Dchronicle") || argument.startsWith("--sun-misc"))
            {
                command.add(argument);
            }
        }
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** @return the file's lines. */
    static List<String> lines(final Path file) throws IOException
    {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    /** Fails unless the file is empty: logs go to stderr, stdout is the tools' output. */
    static void assertEmpty(final Path stdout) throws IOException
    {
        assertEquals("", Files.readString(stdout, StandardCharsets.UTF_8), "nothing logged on stdout");
    }
}
