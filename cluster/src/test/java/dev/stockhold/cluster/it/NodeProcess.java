package dev.stockhold.cluster.it;

import dev.stockhold.cluster.node.ClusterMembers;
import dev.stockhold.cluster.node.NodeSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One cluster node ({@code ClusterNode}'s main) in a {@link ChildJvm}: started on a data directory, watched
 * through its log, killed with SIGKILL or stopped with SIGTERM; its log is kept in {@code target/node-logs/}.
 */
final class NodeProcess implements AutoCloseable
{
    private static final Pattern DIGEST = Pattern.compile("event=digest sequence=(\\d+) digest=([0-9a-f]{16})");
    private static final String ROLE_CHANGED = "event=role_changed role=";

    private final int memberId;
    private final Path aeronDir;
    private final ChildJvm process;

    private NodeProcess(final int memberId, final Path aeronDir, final ChildJvm process)
    {
        this.memberId = memberId;
        this.aeronDir = aeronDir;
        this.process = process;
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
        final List<String> options = new ArrayList<>(List.of("--cluster-members", members.toString(),
            "--cluster-node", Integer.toString(memberId), "--data-dir", dataDir.toString()));
        options.addAll(List.of(arguments));
        // Three nodes and the test share two cores: a small heap and a collector with one thread.
        final ChildJvm process = ChildJvm.start(name, "node-logs", List.of("-Xmx384m", "-XX:+UseSerialGC"),
            "dev.stockhold.cluster.node.ClusterNode", options);
        return new NodeProcess(memberId, NodeSettings.defaultAeronDir(members.member(memberId)), process);
    }

    int memberId()
    {
        return memberId;
    }

    /** @return milliseconds since the process was started. */
    long millisSinceStart()
    {
        return process.millisSinceStart();
    }

    /** @return the first log line containing {@code text}, or null. */
    String line(final String text)
    {
        return process.line(text);
    }

    /** @return how many log lines contain {@code text}. */
    int count(final String text)
    {
        return process.lines(text).size();
    }

    /** Waits until a log line contains {@code text}; @return it. */
    String await(final String text, final long timeoutMillis) throws InterruptedException
    {
        return process.await(text, timeoutMillis);
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
        process.kill();
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    /** @return the last lines of the log, for failure messages. */
    String tail()
    {
        return process.tail(40);
    }

    /** Sends SIGTERM without waiting. */
    void requestStop()
    {
        process.requestStop();
    }

    /** @return the role of the node's last role change, or "" before any. */
    String lastRole()
    {
        final String line = process.lastLine(text -> text.contains(ROLE_CHANGED));
        if (line == null)
        {
            return "";
        }
        final String rest = line.substring(line.indexOf(ROLE_CHANGED) + ROLE_CHANGED.length());
        final int end = rest.indexOf(' ');
        return end < 0 ? rest : rest.substring(0, end);
    }

    /** Stops it with SIGTERM, or kills it if it does not stop within 30 s; @return its exit status. */
    int stop() throws InterruptedException
    {
        return process.stop();
    }

    /** Stops the process if it runs and removes the media driver directory a killed node leaves behind. */
    @Override
    public void close()
    {
        process.close();
        if (Files.isDirectory(aeronDir))
        {
            try (Stream<Path> paths = Files.walk(aeronDir))
            {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            catch (final IOException | UncheckedIOException ignored)
            {
                // Another run's driver may be deleting it too.
            }
        }
    }
}
