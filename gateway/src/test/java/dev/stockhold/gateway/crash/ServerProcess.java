package dev.stockhold.gateway.crash;

import dev.stockhold.cluster.it.ChildJvm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server ({@code StockholdServer}) in a {@link ChildJvm} on a data directory, on ephemeral ports:
 * started, waited for until it says where it listens, talked to over HTTP, killed or left to exit. Its log is
 * kept in {@code target/server-logs/}.
 */
public final class ServerProcess implements AutoCloseable
{
    private static final Pattern READY = Pattern.compile("event=server_ready http=/127\\.0\\.0\\.1:(\\d+) binary=\\S*:(\\d+)");
    private static final long READY_TIMEOUT_MILLIS = 60_000;

    private final ChildJvm process;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    private int httpPort;
    private int binaryPort;

    private ServerProcess(final ChildJvm process)
    {
        this.process = process;
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
        final List<String> options = new ArrayList<>(List.of("-Xmx512m"));
        options.addAll(properties);
        final List<String> serverArguments = new ArrayList<>(List.of("--data-dir", dataDir.toString(),
            "--http-port", "0", "--binary-port", "0"));
        serverArguments.addAll(List.of(arguments));
        return new ServerProcess(ChildJvm.start(name, "server-logs", options,
            "dev.stockhold.gateway.server.StockholdServer", serverArguments));
    }

    /** Waits until the server listens; @return this. */
    public ServerProcess awaitReady() throws Exception
    {
        final Matcher ready = READY.matcher(process.await("event=server_ready", READY_TIMEOUT_MILLIS));
        if (!ready.find())
        {
            throw new AssertionError("unreadable ready line:\n" + tail());
        }
        httpPort = Integer.parseInt(ready.group(1));
        binaryPort = Integer.parseInt(ready.group(2));
        return this;
    }

    /** @return milliseconds from the start of the process to now. */
    public long millisSinceStart()
    {
        return process.millisSinceStart();
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
        process.kill();
    }

    /** @return the exit status, waiting at most {@code seconds}; -1 if it is still running. */
    public int awaitExit(final long seconds) throws InterruptedException
    {
        return process.awaitExit(seconds);
    }

    public boolean isAlive()
    {
        return process.isAlive();
    }

    /** @return the first log line containing {@code text}, or null. */
    public String logLine(final String text)
    {
        return process.line(text);
    }

    /** @return every log line containing {@code text}, in order. */
    public List<String> logLines(final String text)
    {
        return process.lines(text);
    }

    /** @return the last lines of the log, for failure messages. */
    public String tail()
    {
        return process.tail(30);
    }

    /** Sends SIGTERM (an orderly stop) and returns at once. */
    public void requestStop()
    {
        process.requestStop();
    }

    /** Stops it with SIGTERM (an orderly stop), or kills it if it does not stop in 30 s. */
    @Override
    public void close()
    {
        process.close();
    }
}
