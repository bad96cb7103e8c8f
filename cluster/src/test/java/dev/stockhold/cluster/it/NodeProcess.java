package dev.stockhold.cluster.it;

import dev.stockhold.cluster.node.ClusterMembers;
import dev.stockhold.cluster.node.NodeSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One cluster node ({@code ClusterNode}'s main) in a child JVM with the test JVM's module flags and the ledger's
 * full checks: started on a data directory, watched through its log, killed with SIGKILL or stopped with
 * SIGTERM. Its whole log is kept in memory and in {@code target/node-logs/} for a look after a failure.
 */
final class NodeProcess implements AutoCloseable
{
    private static final Path LOGS = Path.of("target", "node-logs");
    private static final Pattern DIGEST = Pattern.compile("event=digest sequence=(\\d+) digest=([0-9a-f]{16})");

    private final int memberId;
    private final Path aeronDir;
    private final Process process;
    private final long startNanos = System.nanoTime();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private NodeProcess(final int memberId, final Path aeronDir, final Process process, final String name)
        throws IOException
    {
        this.memberId = memberId;
        this.aeronDir = aeronDir;
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
                }
            }
            catch (final IOException ignored)
            {
                // The process was killed: its output ends.
            }
        }, "node-log-" + name);
        drain.setDaemon(true);
        drain.start();
    }

    /**
     * Starts member {@code memberId} of {@code members} on {@code dataDir}.
     *
     * @param name      names its log file.
     * @param arguments extra node options.
     */
    static NodeProcess start(final String name, final ClusterMembers members, final int memberId, final Path dataDir,
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
        // Three nodes and the test share two cores: a small heap and a collector with one thread.
        command.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
            "dev.stockhold.cluster.node.ClusterNode", "--cluster-members", members.toString(),
            "--cluster-node", Integer.toString(memberId), "--data-dir", dataDir.toString()));
        command.addAll(List.of(arguments));
        final Path aeronDir = NodeSettings.defaultAeronDir(members.member(memberId));
        return new NodeProcess(memberId, aeronDir, new ProcessBuilder(command).redirectErrorStream(true).start(), name);
    }

    int memberId()
    {
        return memberId;
    }

    /** @return milliseconds since the process was started. */
    long millisSinceStart()
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** @return the first log line containing {@code text}, or null. */
    String line(final String text)
    {
        return firstLine(line -> line.contains(text));
    }

    private String firstLine(final Predicate<String> test)
    {
        synchronized (log)
        {
            for (final String line : log)
            {
                if (test.test(line))
                {
                    return line;
                }
            }
        }
        return null;
    }

    /** @return how many log lines contain {@code text}. */
    int count(final String text)
    {
        synchronized (log)
        {
            return (int)log.stream().filter(line -> line.contains(text)).count();
        }
    }

    /** Waits until a log line contains {@code text}; @return it. */
    String await(final String text, final long timeoutMillis) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        String found;
        while ((found = line(text)) == null)
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("node " + memberId + " never logged '" + text + "':\n" + tail());
            }
            if (!process.isAlive() && line(text) == null)
            {
                throw new AssertionError("node " + memberId + " exited (" + process.exitValue() + ") before '"
                    + text + "':\n" + tail());
            }
            Thread.sleep(20);
        }
        return found;
    }

    /**
     * Waits until the node has applied the digest query answered at {@code sequence}; @return the digest it
     * computed there, as 16 hex digits.
     */
    String awaitDigestAt(final long sequence, final long timeoutMillis) throws InterruptedException
    {
        final String line = await("event=digest sequence=" + sequence + " ", timeoutMillis);
        final Matcher matcher = DIGEST.matcher(line);
        if (!matcher.find())
        {
            throw new AssertionError("unreadable digest line: " + line);
        }
        return matcher.group(2);
    }

    /** Kills the process like {@code kill -9}; returns once it is gone. */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    /** @return the last lines of the log, for failure messages. */
    String tail()
    {
        synchronized (log)
        {
            return String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size()));
        }
    }

    /** Sends SIGTERM without waiting. */
    void requestStop()
    {
        process.destroy();
    }

    /** @return the role of the node's last role change, or "" before any. */
    String lastRole()
    {
        synchronized (log)
        {
            for (int i = log.size() - 1; i >= 0; i--)
            {
                final String line = log.get(i);
                final int at = line.indexOf("event=role_changed role=");
                if (at >= 0)
                {
                    final String rest = line.substring(at + "event=role_changed role=".length());
                    final int end = rest.indexOf(' ');
                    return end < 0 ? rest : rest.substring(0, end);
                }
            }
        }
        return "";
    }

    /** Stops it with SIGTERM, or kills it if it does not stop within 30 s; @return its exit status. */
    int stop() throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            kill();
        }
        return process.exitValue();
    }

    /** Stops the process if it runs and removes the media driver directory a killed node leaves behind. */
    @Override
    public void close()
    {
        try
        {
            if (process.isAlive())
            {
                stop();
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (Files.isDirectory(aeronDir))
        {
            try (Stream<Path> paths = Files.walk(aeronDir))
            {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            catch (final IOException | java.io.UncheckedIOException ignored)
            {
                // Another run's driver may be deleting it too.
            }
        }
    }
}
