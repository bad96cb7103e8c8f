package dev.stockhold.gateway.logging;

import dev.stockhold.gateway.server.StockholdServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real server, started and stopped with SIGTERM in a JVM of its own, logs every line in the documented
 * format: plain by default, one JSON object per line with {@code --log-format json}. Its own lines are
 * {@code event=name key=value}, from SLF4J and System.Logger (the binary server's) alike.
 */
class ServerLogTest
{
    /** Events of one start and stop, from the HTTP and binary servers, recovery, the server and the snapshot writer. */
    private static final Set<String> EVENTS = Set.of("http_listening", "binary_listening", "recovered",
        "journal_opened", "engine_threads", "server_ready", "serving", "server_stopping", "snapshot_written",
        "server_stopped");

    @TempDir
    Path dir;

    @Test
    void plainLines() throws Exception
    {
        final List<String> lines = runServer();
        final Set<String> events = new TreeSet<>();
        for (final String line : lines)
        {
            final LogLines.Plain plain = LogLines.plain(line);
            if (plain.message().startsWith("event="))
            {
                LogLines.assertKeyValue(plain.message());
                events.add(event(plain.message()));
            }
            if (plain.message().startsWith("event=binary_listening"))
            {
                assertEquals("BinaryServer", plain.logger(), "System.Logger's line, in the same format: " + line);
            }
        }
        assertTrue(events.containsAll(EVENTS), "missing " + missing(events) + " in\n" + String.join("\n", lines));
    }

    @Test
    void jsonLines() throws Exception
    {
        final List<String> lines = runServer("--log-format", "json");
        final Set<String> events = new TreeSet<>();
        final Set<String> threads = new TreeSet<>();
        for (final String line : lines)
        {
            final Map<String, Object> json = LogLines.json(line);
            final String message = (String)json.get("message");
            if (((String)json.get("logger")).startsWith("dev.stockhold."))
            {
                LogLines.assertKeyValue(message);
                events.add(event(message));
                threads.add((String)json.get("thread"));
            }
            if (message.startsWith("event=binary_listening"))
            {
                assertEquals("dev.stockhold.gateway.binary.BinaryServer", json.get("logger"), line);
                assertEquals("INFO", json.get("level"), line);
            }
        }
        assertTrue(events.containsAll(EVENTS), "missing " + missing(events) + " in\n" + String.join("\n", lines));
        assertTrue(threads.containsAll(List.of("main", "stockhold-snapshot-writer")), threads.toString());
    }

    /** @return the server's stderr from start to exit: started, then SIGTERM once it is ready. */
    private List<String> runServer(final String... options) throws IOException, InterruptedException
    {
        final Path out = dir.resolve("out.txt");
        final Path err = dir.resolve("err.txt");
        final List<String> args = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString(),
            "--http-port", "0", "--binary-port", "0"));
        args.addAll(List.of(options));
        final ProcessBuilder builder =
            new ProcessBuilder(LogLines.java(StockholdServer.class, args.toArray(String[]::new)))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("STOCKHOLD_LOG_FORMAT");
        builder.environment().remove("STOCKHOLD_LOG_LEVEL");
        final Process server = builder.start();
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(err, StandardCharsets.UTF_8).contains("event=server_ready"))
            {
                assertTrue(server.isAlive(), "the server exited before it was ready:\n" + Files.readString(err));
                assertTrue(System.nanoTime() < deadline, "not ready in 60 s:\n" + Files.readString(err));
                Thread.sleep(50);
            }
            server.destroy();
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stopped on SIGTERM");
            assertEquals(0, server.exitValue(), Files.readString(err));
        }
        finally
        {
            server.destroyForcibly();
        }
        LogLines.assertEmpty(out);
        return LogLines.lines(err);
    }

    private static String event(final String message)
    {
        final int space = message.indexOf(' ');
        return message.substring("event=".length(), space < 0 ? message.length() : space);
    }

    private static Set<String> missing(final Set<String> events)
    {
        final Set<String> missing = new TreeSet<>(EVENTS);
        missing.removeAll(events);
        return missing;
    }
}
