package dev.stockhold.loadtest;

import dev.stockhold.gateway.security.ApiKey;
import dev.stockhold.gateway.security.ApiKeys;
import dev.stockhold.gateway.security.Scope;
import dev.stockhold.gateway.security.TlsFiles;
import dev.stockhold.gateway.server.Server;
import dev.stockhold.gateway.server.ServerSettings;
import dev.stockhold.loadtest.report.Report;
import dev.stockhold.loadtest.run.LoadRun;
import dev.stockhold.loadtest.run.RunSettings;
import dev.stockhold.loadtest.scenario.Scenarios;
import dev.stockhold.loadtest.targets.SbeTarget;
import dev.stockhold.loadtest.targets.TargetAccess;
import dev.stockhold.loadtest.workload.ChannelOptions;
import dev.stockhold.loadtest.workload.WorkloadConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness against a server with API keys and TLS on both protocols: https:// and sbes:// with --api-key. */
class SecuredTargetTest
{
    private static final String SECRET = "loadtest-secret-0123456789";

    @TempDir
    static Path dataDir;
    private static Server server;
    private static Path ca;

    @BeforeAll
    static void start() throws Exception
    {
        final Path cert = resource("tls/cert.pem");
        ca = cert;
        server = Server.start(ServerSettings.defaults().withPorts(0, 0).withDataDir(dataDir)
            .withKeys(new ApiKeys(List.of(new ApiKey(1, SECRET, EnumSet.of(Scope.READ, Scope.RESERVE, Scope.STOCK)),
                new ApiKey(2, "reader-only-0123456789", EnumSet.of(Scope.READ)))))
            .withTls(new TlsFiles(cert, resource("tls/key.pem"))));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void aLoadRunOverHttpsWithTheKeyPassesItsAudit(@TempDir final Path out) throws Exception
    {
        final Report report = run("https://127.0.0.1:" + server.httpAddress().getPort(), SECRET, out);
        assertTrue(report.passed(), report.summary());
    }

    @Test
    void aLoadRunOverTlsBinaryWithTheKeyPassesItsAudit(@TempDir final Path out) throws Exception
    {
        final Report report = run("sbes://127.0.0.1:" + server.binaryAddress().getPort(), SECRET, out);
        assertTrue(report.passed(), report.summary());
    }

    @Test
    void aKeyWithoutTheScopesFailsTheRunAndAnUnknownKeyCannotConnect(@TempDir final Path out) throws Exception
    {
        // Over HTTP every write is refused 403: the run cannot seed its stock, so it stops and says why.
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> run("https://127.0.0.1:" + server.httpAddress().getPort(), "reader-only-0123456789", out));
        assertTrue(refused.getMessage().contains("FORBIDDEN"), refused.getMessage());
        final IOException unknown = assertThrows(IOException.class, () -> new SbeTarget("127.0.0.1",
            server.binaryAddress().getPort(), 1, true, new TargetAccess("no-such-key-0123456789", ca)));
        assertTrue(unknown.getMessage().contains("refused the API key"), unknown.getMessage());
    }

    private static Report run(final String target, final String secret, final Path out) throws Exception
    {
        final WorkloadConfig workload = new WorkloadConfig(50, 2, 1.1, 1_000, 3, 2, 0.5, 0.2, 0.0, 0.05, 1, 900,
            0.3, WorkloadConfig.defaultChannels(), 7, "S" + System.nanoTime());
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            final RunSettings settings = new RunSettings(target, 200, Duration.ofSeconds(1), Duration.ofMillis(300),
                2, 8, 0, workload, out, ChannelOptions.defaults(workload.skus()), new TargetAccess(secret, ca));
            return new LoadRun(Scenarios.byName("steady"), settings, print).run();
        }
        finally
        {
            System.out.print(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    private static Path resource(final String name) throws URISyntaxException
    {
        return Path.of(SecuredTargetTest.class.getClassLoader().getResource(name).toURI());
    }
}
