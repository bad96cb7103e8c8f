package dev.stockhold.loadtest;

import dev.stockhold.gateway.server.Server;
import dev.stockhold.gateway.server.ServerSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The real stockhold server (HTTP API) in this process, on an ephemeral port, in a temporary data directory. */
final class HttpServerFixture implements AutoCloseable
{
    private final Path dataDir;
    private final Server server;

    HttpServerFixture() throws Exception
    {
        dataDir = Files.createTempDirectory("stockhold-loadtest");
        server = Server.start(ServerSettings.defaults().withPorts(0, 0).withDataDir(dataDir));
    }

    String url()
    {
        return "http://127.0.0.1:" + server.httpAddress().getPort();
    }

    @Override
    public void close() throws IOException
    {
        server.close();
        try (Stream<Path> paths = Files.walk(dataDir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
