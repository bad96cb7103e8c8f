package dev.stockhold.gateway.logging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SLF4J, java.util.logging and System.Logger come out in one format, after the bootstrap every main runs
 * ({@link LoggingProbe}, in a JVM of its own): one line each, or one JSON object each with the switch;
 * the level switch reaches java.util.logging too.
 */
class LoggingBridgesTest
{
    @TempDir
    Path dir;

    @Test
    void everyApiLogsTheSamePlainLine() throws Exception
    {
        final List<String> lines = probe(Map.of());
        final List<LogLines.Plain> events = new ArrayList<>();
        final List<String> stackTrace = new ArrayList<>();
        for (final String line : lines)
        {
            if (LogLines.PLAIN.matcher(line).matches())
            {
                assertTrue(stackTrace.isEmpty(), "the stack trace follows its event: " + lines);
                events.add(LogLines.plain(line));
            }
            else
            {
                stackTrace.add(line);
            }
        }
        assertEquals(List.of("INFO", "INFO", "WARN"), events.stream().map(LogLines.Plain::level).toList(),
            "the FINE line is dropped at INFO: " + lines);
        assertEquals(List.of("slf4j", "jul", "system"), events.stream().map(LogLines.Plain::logger).toList(),
            "the logger's short name");
        events.forEach(event -> assertEquals("main", event.thread()));
        events.forEach(event -> LogLines.assertKeyValue(event.message()));
        assertEquals("java.lang.IllegalStateException: probe failure", stackTrace.get(0), lines.toString());
        assertTrue(stackTrace.get(1).startsWith("\tat dev.stockhold.gateway.logging.LoggingProbe.main("),
            lines.toString());
        stackTrace.subList(1, stackTrace.size()).forEach(line -> assertTrue(line.startsWith("\t"), line));
    }

    @Test
    void everyApiLogsTheSameJsonObject() throws Exception
    {
        final List<String> lines = probe(Map.of("STOCKHOLD_LOG_FORMAT", "json"));
        assertEquals(3, lines.size(), "one line per event, stack trace included: " + lines);
        final List<Map<String, Object>> events = lines.stream().map(LogLines::json).toList();
        assertEquals(List.of("probe.slf4j", "probe.jul", "probe.system"), loggersOf(events), "the full name");
        events.forEach(event -> LogLines.assertKeyValue((String)event.get("message")));
        events.forEach(event -> assertEquals("main", event.get("thread")));
        final String exception = (String)events.get(2).get("exception");
        assertTrue(exception.startsWith("java.lang.IllegalStateException: probe failure\n\tat "
            + "dev.stockhold.gateway.logging.LoggingProbe.main("), exception);
        assertEquals("WARN", events.get(2).get("level"));
    }

    @Test
    void theLevelSwitchReachesJavaUtilLogging() throws Exception
    {
        final List<String> lines = probe(Map.of("STOCKHOLD_LOG_LEVEL", "debug"));
        final String fine = lines.stream().filter(line -> line.contains("level=fine")).findFirst()
            .orElseThrow(() -> new AssertionError("no FINE line at DEBUG: " + lines));
        assertEquals("DEBUG", LogLines.plain(fine).level());
        assertEquals("jul", LogLines.plain(fine).logger());
    }

    /** @return the probe's stderr lines; checks that it exits 0 and prints only its output on stdout. */
    private List<String> probe(final Map<String, String> environment) throws IOException, InterruptedException
    {
        final Path out = dir.resolve("out.txt");
        final Path err = dir.resolve("err.txt");
        final ProcessBuilder builder = new ProcessBuilder(LogLines.java(LoggingProbe.class))
            .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("STOCKHOLD_LOG_FORMAT");
        builder.environment().remove("STOCKHOLD_LOG_LEVEL");
        builder.environment().putAll(environment);
        final Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe finished");
        assertEquals(0, process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
        assertEquals("output\n", Files.readString(out, StandardCharsets.UTF_8), "stdout holds only the output");
        return LogLines.lines(err);
    }

    private static List<String> loggersOf(final List<Map<String, Object>> events)
    {
        return events.stream().map(event -> (String)event.get("logger")).toList();
    }
}
