package dev.stockhold.gateway.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server ({@code StockholdServer}) in a child JVM on a data directory, on ephemeral ports, with
 * the test JVM's module flags and the ledger's full checks: started, waited for until it says where it
 * listens, talked to over HTTP, killed or left to exit. Its whole log is kept in memory and, for a look
 * after a failure, in {@code target/server-logs/}.
 */
public final class ServerProcess implements AutoCloseable
{
    private static final Pattern READY = Pattern.compile("event=server_ready http=/127\\.0\\.0\\.1:(\\d+) binary=\\S*:(\\d+)");
    private static final Path LOGS = Path.of("target", "server-logs");

    private final Process process;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<int[]> ports = new CompletableFuture<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    private final long startNanos = System.nanoTime();
    private int httpPort;
    private int binaryPort;

    private ServerProcess(final Process process, final String name) throws IOException
    {
        this.process = process;
        Files.createDirectories(LOGS);
        final PrintWriter file = new PrintWriter(Files.newBufferedWriter(LOGS.resolve(name + ".log")), true);
        final BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8));
        final Thread drain = new Thread(() ->
        {
            try (file)
            {
                String line;
                while ((line = out.readLine()) != null)
                {
                    log.add(line);
                    file.println(line);
                    final Matcher matcher = READY.matcher(line);
                    if (matcher.find())
                    {
                        ports.complete(new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))});
                    }
                }
            }
            catch (final IOException ignored)
            {
                // The process was killed: its output ends.
            }
            ports.completeExceptionally(new IllegalStateException("server exited before it was ready: " + tail()));
        }, "server-log-" + name);
        drain.setDaemon(true);
        drain.start();
    }

    /**
     * Starts the server on {@code dataDir}.
     *
     * @param name       names its log file.
     * @param properties extra {@code -D} settings for the child JVM (e.g. failpoints), may be empty.
     * @param arguments  extra server options.
     */
    public static ServerProcess start(final String name, final Path dataDir, final List<String> properties,
        final String... arguments) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access")
                || argument.startsWith("-Dchronicle") || argument.startsWith("--sun-misc")
                || argument.startsWith("-Dstockhold.checks"))
            {
                command.add(argument);
            }
        }
        command.add("-Xmx512m");
        command.addAll(properties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
            "dev.stockhold.gateway.server.StockholdServer", "--data-dir", dataDir.toString(),
            "--http-port", "0", "--binary-port", "0"));
        command.addAll(List.of(arguments));
        return new ServerProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), name);
    }

    /** Waits until the server listens; @return this. */
    public ServerProcess awaitReady() throws Exception
    {
        final int[] bound = ports.get(60, TimeUnit.SECONDS);
        httpPort = bound[0];
        binaryPort = bound[1];
        return this;
    }

    /** @return milliseconds from the start of the process to now. */
    public long millisSinceStart()
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    public int binaryPort()
    {
        return binaryPort;
    }

    public int httpPort()
    {
        return httpPort;
    }

    public HttpResponse<String> send(final String method, final String path, final String body, final Duration timeout)
        throws IOException, InterruptedException
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(timeout)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(final String method, final String path, final String body)
        throws IOException, InterruptedException
    {
        return send(method, path, body, Duration.ofSeconds(10));
    }

    /** Kills the process like {@code kill -9}; @return once it is gone. */
    public void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** @return the exit status, waiting at most {@code seconds}; -1 if it is still running. */
    public int awaitExit(final long seconds) throws InterruptedException
    {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    public boolean isAlive()
    {
        return process.isAlive();
    }

    /** @return the first log line containing {@code text}, or null. */
    public String logLine(final String text)
    {
        synchronized (log)
        {
            for (final String line : log)
            {
                if (line.contains(text))
                {
                    return line;
                }
            }
        }
        return null;
    }

    /** @return every log line containing {@code text}, in order. */
    public List<String> logLines(final String text)
    {
        synchronized (log)
        {
            return log.stream().filter(line -> line.contains(text)).toList();
        }
    }

    /** @return the last lines of the log, for failure messages. */
    public String tail()
    {
        synchronized (log)
        {
            return String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size()));
        }
    }

    /** Stops it with SIGTERM (an orderly stop), or kills it if it does not stop in 30 s. */
    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroy();
            try
            {
                if (!process.waitFor(30, TimeUnit.SECONDS))
                {
                    kill();
                }
            }
            catch (final InterruptedException ex)
            {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
