package dev.stockhold.loadtest.targets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockhold.engine.command.Command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A server reached over the HTTP API: {@code connections} keep-alive connections with HTTP/1.1
 * pipelining (Netty), requests spread over them round-robin; one connection keeps the order of requests.
 * The change feed and {@code /metrics} use the JDK's client.
 */
public final class HttpTarget implements Target
{
    private final String base;
    private final int connections;
    private final HttpClient client;
    private final HttpRequests requests;
    private final HttpPipeline pipeline;
    private final List<InputStream> feeds = new ArrayList<>();

    /**
     * @param base e.g. {@code http://127.0.0.1:8080}.
     * @throws IOException when the server cannot be reached.
     */
    public HttpTarget(final String base, final int connections) throws IOException
    {
        this(base, connections, TargetAccess.open());
    }

    /**
     * @param base   e.g. {@code https://127.0.0.1:8443}: TLS when the scheme is https.
     * @param access the API key and the TLS trust.
     * @throws IOException when the server cannot be reached.
     */
    public HttpTarget(final String base, final int connections, final TargetAccess access) throws IOException
    {
        this.base = base;
        this.connections = connections;
        final URI uri = URI.create(base);
        final boolean tls = "https".equals(uri.getScheme());
        final HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5));
        this.client = (tls ? builder.sslContext(access.jdkTls()) : builder).build();
        this.requests = new HttpRequests(base, access.apiKey());
        this.pipeline = new HttpPipeline(uri.getHost(), uri.getPort() < 0 ? tls ? 443 : 80 : uri.getPort(),
            connections, tls ? access.nettyTls() : null, requests.authorization());
    }

    @Override
    public CompletableFuture<Answer> send(final Command request)
    {
        return pipeline.send(requests.build(request));
    }

    @Override
    public AutoCloseable subscribe(final ChangeListener listener) throws Exception
    {
        final HttpResponse<InputStream> response = client.sendAsync(requests.changes(),
            HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
        if (response.statusCode() != 200)
        {
            response.body().close();
            throw new IOException("change feed refused: HTTP " + response.statusCode());
        }
        final InputStream body = response.body();
        synchronized (feeds)
        {
            feeds.add(body);
        }
        final Thread reader = new Thread(() -> readEvents(body, listener), "loadtest-sse");
        reader.setDaemon(true);
        reader.start();
        return body::close;
    }

    /** Reads server-sent events until the stream closes: {@code data:} lines, dispatched at a blank line. */
    private static void readEvents(final InputStream body, final ChangeListener listener)
    {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)))
        {
            final StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null)
            {
                if (line.startsWith("data:"))
                {
                    data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
                }
                else if (line.isEmpty() && data.length() > 0)
                {
                    final long arrivalNanos = System.nanoTime();
                    final JsonNode event = HttpAnswers.readTree(data.toString());
                    data.setLength(0);
                    final List<Answer.Level> levels = new ArrayList<>();
                    event.path("levels").forEach(level -> levels.add(HttpAnswers.level(level)));
                    listener.onChange(event.path("seq").asLong(), arrivalNanos, levels);
                }
            }
        }
        catch (final IOException ex)
        {
            // The stream ends when the harness closes it or the server goes away: either way the feed is over.
            return;
        }
    }

    @Override
    public OptionalLong digest()
    {
        return OptionalLong.empty();
    }

    @Override
    public OptionalLong serverMemoryBytes()
    {
        try
        {
            final HttpResponse<String> response = client.send(requests.jdkGet("/metrics"),
                HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? PrometheusText.memoryBytes(response.body()) : OptionalLong.empty();
        }
        catch (final IOException ex)
        {
            return OptionalLong.empty();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    @Override
    public String describe()
    {
        return base + " (" + connections + " connections)";
    }

    @Override
    public void close()
    {
        pipeline.close();
        synchronized (feeds)
        {
            for (final InputStream feed : feeds)
            {
                try
                {
                    feed.close();
                }
                catch (final IOException ex)
                {
                    // Closing a feed the server already ended: nothing left to release.
                    continue;
                }
            }
            feeds.clear();
        }
    }
}
