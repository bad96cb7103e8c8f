package dev.stockhold.gateway;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.pipeline.Reply;
import dev.stockhold.gateway.server.Server;
import dev.stockhold.gateway.server.ServerSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real server on an ephemeral port in a temporary data directory, with a real HTTP client. */
public final class TestServer implements AutoCloseable
{
    public final Server server;
    public final Path dataDir;
    public final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    private String bearer;

    public TestServer() throws Exception
    {
        this(ServerSettings.defaults());
    }

    public TestServer(final ServerSettings base) throws Exception
    {
        dataDir = Files.createTempDirectory("stockhold-gw-test");
        server = Server.start(base.withPorts(0, 0).withDataDir(dataDir));
    }

    /** Sends every later request with this bearer key (null for none). */
    public TestServer as(final String key)
    {
        bearer = key;
        return this;
    }

    public URI uri(final String path)
    {
        return URI.create("http://127.0.0.1:" + server.httpAddress().getPort() + path);
    }

    public HttpResponse<String> get(final String path) throws IOException, InterruptedException
    {
        return send("GET", path, null, null);
    }

    public HttpResponse<String> put(final String path, final String body) throws IOException, InterruptedException
    {
        return send("PUT", path, body, null);
    }

    public HttpResponse<String> post(final String path, final String body) throws IOException, InterruptedException
    {
        return send("POST", path, body, null);
    }

    public HttpResponse<String> send(final String method, final String path, final String body,
        final String idempotencyKey) throws IOException, InterruptedException
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null)
        {
            builder.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null)
        {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        if (bearer != null)
        {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads the ledger's digest through the ring, as operators do. */
    public long digest() throws Exception
    {
        final CompletableFuture<Long> answer = new CompletableFuture<>();
        final Command command = new Command().getDigest();
        command.replyTo = (Reply)(done, endOfBatch) ->
        {
            final CommandResult result = done.result;
            answer.complete(result.digest());
        };
        if (!server.pipeline().tryPublish(command))
        {
            throw new IllegalStateException("ring full");
        }
        return answer.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException
    {
        server.close();
        deleteTree(dataDir);
    }

    /** Deletes {@code dir} and everything under it; nothing when it does not exist. */
    public static void deleteTree(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
