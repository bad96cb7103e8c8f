package dev.stockhold.dist;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release tarball as an operator meets it: unpacked into an empty directory away from the source tree, and
 * run with nothing on the {@code PATH} but {@code java} (and the shell the launcher is written in), no Maven, no
 * {@code JAVA_HOME}. Where this JDK has {@code jlink}, that {@code java} is a Java runtime image without the
 * JDK's development modules (no compiler), as a JRE is. The server starts on ephemeral ports, answers
 * {@code /health}, stops on SIGTERM with exit status 0, and the journal tool verifies what it wrote.
 */
class TarballTest
{
    private static final String VERSION = System.getProperty("stockhold.version");
    private static final Path TARBALL = Path.of(System.getProperty("stockhold.tarball", "missing.tar.gz"));
    /** Built once per build directory: linking a runtime image takes a while. */
    private static final Path JRE = TARBALL.resolveSibling("jre");
    private static final Pattern READY = Pattern.compile("event=server_ready http=/127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    static Path dir;
    private static Path home;
    private static Path path;

    @BeforeAll
    static void unpack() throws Exception
    {
        assertTrue(Files.isRegularFile(TARBALL), TARBALL + " is built by the package phase");
        final Process tar = new ProcessBuilder("tar", "-xzf", TARBALL.toString(), "-C", dir.toString())
            .redirectErrorStream(true).start();
        assertEquals(0, tar.waitFor(), new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        home = dir.resolve("stockhold-" + VERSION);
        path = Files.createDirectories(dir.resolve("path"));
        Files.createSymbolicLink(path.resolve("java"), java());
        Files.createSymbolicLink(path.resolve("bash"), bash());
        Files.createDirectories(dir.resolve("work"));
    }

    /** @return a runtime image without development modules, or this JVM's java where there is no jlink. */
    private static Path java() throws Exception
    {
        final Path jdk = Path.of(System.getProperty("java.home"));
        final Path jlink = jdk.resolve("bin").resolve("jlink");
        if (!Files.isExecutable(jlink))
        {
            return jdk.resolve("bin").resolve("java");
        }
        if (!Files.isExecutable(JRE.resolve("bin").resolve("java")))
        {
            final Process link = new ProcessBuilder(jlink.toString(), "--add-modules", String.join(",", jreModules()),
                "--output", JRE.toString(), "--strip-debug", "--no-header-files", "--no-man-pages")
                .redirectErrorStream(true).start();
            final String output = new String(link.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, link.waitFor(), output);
        }
        return JRE.resolve("bin").resolve("java");
    }

    /** @return what a JRE holds of this JDK's modules: the Java SE ones and the JDK's run-time ones, no tools. */
    private static List<String> jreModules()
    {
        final Set<String> runtime = Set.of("jdk.accessibility", "jdk.charsets", "jdk.crypto.cryptoki", "jdk.crypto.ec",
            "jdk.dynalink", "jdk.httpserver", "jdk.jfr", "jdk.localedata", "jdk.management", "jdk.management.agent",
            "jdk.management.jfr", "jdk.naming.dns", "jdk.naming.rmi", "jdk.net", "jdk.nio.mapmode", "jdk.sctp",
            "jdk.security.auth", "jdk.security.jgss", "jdk.unsupported", "jdk.xml.dom", "jdk.zipfs");
        return ModuleFinder.ofSystem().findAll().stream().map(module -> module.descriptor().name())
            .filter(name -> name.startsWith("java.") || runtime.contains(name)).sorted().toList();
    }

    private static Path bash()
    {
        for (final String candidate : List.of("/bin/bash", "/usr/bin/bash", "/usr/local/bin/bash"))
        {
            if (Files.isExecutable(Path.of(candidate)))
            {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("no bash");
    }

    /** @return the launcher, run from an empty working directory with only java and bash on the PATH. */
    private static ProcessBuilder launcher(final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(home.resolve("bin").resolve("stockhold").toString());
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).directory(dir.resolve("work").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", path.toString());
        builder.environment().put("HOME", dir.toString());
        // A small heap: the launcher's default is a quarter of the memory.
        builder.environment().put("STOCKHOLD_JAVA_OPTS", "-Xmx256m");
        return builder;
    }

    private record Run(int status, String out, String err)
    {
    }

    private static Run run(final String... args) throws Exception
    {
        final Process process = launcher(args).start();
        final CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        final String out = read(process.getInputStream());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", args));
        return new Run(process.exitValue(), out, err.join());
    }

    private static String read(final InputStream in)
    {
        try
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Test
    void theTarballHoldsTheLauncherTheJarsTheSampleConfigurationAndTheDocs() throws Exception
    {
        assertTrue(Files.isExecutable(home.resolve("bin/stockhold")));
        assertTrue(Files.isRegularFile(home.resolve("lib/stockhold-gateway-" + VERSION + ".jar")));
        assertTrue(Files.isRegularFile(home.resolve("lib/stockhold-loadtest-" + VERSION + ".jar")));
        assertTrue(Files.isRegularFile(home.resolve("lib/stockhold-client-" + VERSION + ".jar")));
        assertTrue(Files.isRegularFile(home.resolve("config/stockhold.properties")));
        assertTrue(Files.isRegularFile(home.resolve("docs/operations.md")));
        assertTrue(Files.isRegularFile(home.resolve("README.md")));
        try (Stream<Path> jars = Files.list(home.resolve("lib")))
        {
            // Runtime jars only: no test frameworks, no shaded copies.
            assertEquals(List.of(), jars.map(jar -> jar.getFileName().toString())
                .filter(name -> name.startsWith("junit") || name.startsWith("jqwik") || name.contains("server.jar"))
                .toList());
        }
    }

    @Test
    void theLauncherPrintsItsVersionAndUsageWithoutClassNames() throws Exception
    {
        for (final String[] args : List.of(new String[] {"--version"}, new String[] {"server", "--version"},
            new String[] {"journal", "verify", "--version"}, new String[] {"loadtest", "run", "--version"}))
        {
            final Run version = run(args);
            assertEquals(0, version.status(), String.join(" ", args) + ": " + version.err());
            assertEquals("stockhold " + VERSION + "\n", version.out(), String.join(" ", args));
        }
        final Run help = run("--help");
        assertEquals(0, help.status(), help.err());
        assertTrue(help.out().startsWith("Usage: bin/stockhold <command>"), help.out());
        assertFalse(help.out().contains("dev.stockhold"), help.out());
        final Run loadtestRunHelp = run("loadtest", "run", "--help");
        assertEquals(0, loadtestRunHelp.status(), loadtestRunHelp.err());
        assertTrue(loadtestRunHelp.out().startsWith("Usage: stockhold loadtest run"), loadtestRunHelp.out());
        final Run unknown = run("serve");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().startsWith("Usage: bin/stockhold <command>"), unknown.err());
    }

    @Test
    void aBadSettingIsOneLineAndExitStatusTwo() throws Exception
    {
        final Run bad = run("server", "--http-port", "x");
        assertEquals(2, bad.status(), bad.err());
        assertEquals("stockhold: --http-port: not a number: \"x\"\n", bad.err());
        final Run missing = run("server", "--config", "nowhere.properties");
        assertEquals(2, missing.status(), missing.err());
        assertEquals("stockhold: --config nowhere.properties: no such file\n", missing.err());
    }

    @Test
    void theServerRunsFromTheTarballAndStopsOnSigterm() throws Exception
    {
        final Path data = dir.resolve("work").resolve("data");
        final Process server = launcher("server", "--http-port", "0", "--binary-port", "0", "--data-dir", data.toString(),
            "--config", home.resolve("config/stockhold.properties").toString()).redirectErrorStream(true).start();
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<Integer> port = new CompletableFuture<>();
        final Thread drain = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = lines.readLine()) != null)
                {
                    log.add(line);
                    final Matcher ready = READY.matcher(line);
                    if (ready.find())
                    {
                        port.complete(Integer.parseInt(ready.group(1)));
                    }
                }
            }
            catch (final IOException ignored)
            {
                // The process ended.
            }
            port.completeExceptionally(new IllegalStateException("the server exited before it was ready: " + log));
        }, "tarball-server-log");
        drain.setDaemon(true);
        drain.start();
        try
        {
            final int httpPort = port.get(90, TimeUnit.SECONDS);
            final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            final HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/health")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            final HttpResponse<String> stock = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/v1/stock/SKU-1/WH-1")).timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"onHand\":10}")).header("Content-Type", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, stock.statusCode(), stock.body());
        }
        finally
        {
            // SIGTERM (the launcher exec'd the JVM, so this is the server's own process); Process.destroy() would
            // also close the pipe the rest of the log comes through.
            assertTrue(server.toHandle().destroy());
        }
        assertTrue(server.waitFor(60, TimeUnit.SECONDS), "stopped");
        drain.join(5_000);
        assertEquals(0, server.exitValue(), String.join("\n", log));
        assertTrue(log.stream().anyMatch(line -> line.contains("event=server_stopped")), String.join("\n", log));
        assertTrue(log.stream().noneMatch(line -> line.startsWith("WARNING")), String.join("\n", log));

        final Run verify = run("journal", "verify", "--data-dir", data.toString());
        assertEquals(0, verify.status(), verify.out() + verify.err());
    }
}
