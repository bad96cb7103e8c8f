package dev.stockhold.gateway.crash;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.gateway.feed.ChangeLog;
import dev.stockhold.journal.cli.JournalCli;
import dev.stockhold.journal.queue.JournalQueue;
import dev.stockhold.journal.queue.JournalReader;
import net.openhft.chronicle.core.time.SystemTimeProvider;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** What the crash tests check on a data directory and a restarted server, from outside. */
final class CrashChecks
{
    /**
     * How soon a restarted server must answer its first write. What these tests guard against is a server
     * that never answers; two seconds leave room for a cold JIT and a snapshot being built on 2 busy cores.
     */
    static final Duration WRITE_DEADLINE = Duration.ofSeconds(2);
    private static final Pattern FINAL_DIGEST = Pattern.compile("final digest: ([0-9a-f]{16})");
    private static final Pattern RECOVERED_DIGEST = Pattern.compile("digest[ =]([0-9a-f]{16})");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();

    private CrashChecks()
    {
    }

    /** @return the sequences of the journal's entries of these types, in order (offline; the server is down). */
    static List<Long> journalSequences(final Path dataDir, final Set<CommandType> types)
    {
        final List<Long> sequences = new ArrayList<>();
        try (JournalQueue queue = JournalQueue.open(dataDir.resolve("journal"), SystemTimeProvider.INSTANCE, true);
             JournalReader reader = new JournalReader(queue))
        {
            final Command entry = new Command();
            JournalReader.Status status;
            while ((status = reader.next(entry)) != JournalReader.Status.END)
            {
                if (status == JournalReader.Status.ENTRY && types.contains(entry.type))
                {
                    sequences.add(entry.sequence);
                }
            }
        }
        return sequences;
    }

    /** @return the sequence of the change log's newest event, or -1 (offline). */
    static long changeLogLastSequence(final Path dataDir)
    {
        try (ChangeLog log = ChangeLog.open(dataDir.resolve(ChangeLog.DIRECTORY), 3650))
        {
            return log.lastSequence();
        }
    }

    /** @return the final digest {@code journal verify} computes offline, after checking it exits 0. */
    static String offlineDigest(final Path dataDir)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int status = JournalCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "verify",
            "--data-dir", dataDir.toString());
        assertEquals(0, status, "journal verify: " + out + err);
        final Matcher matcher = FINAL_DIGEST.matcher(out.toString());
        assertTrue(matcher.find(), out.toString());
        return matcher.group(1);
    }

    /** @return the digest the server logged when it finished recovery. */
    static String recoveredDigest(final ServerProcess server)
    {
        final String line = server.logLine("recovered");
        assertTrue(line != null, "no recovery line in " + server.tail());
        final Matcher matcher = RECOVERED_DIGEST.matcher(line);
        assertTrue(matcher.find(), line);
        return matcher.group(1);
    }

    /**
     * Reads the change feed after {@code after} until it has passed {@code through}; checks the ids rise.
     *
     * @return the ids read, in order.
     */
    static List<Long> feedIds(final ServerProcess server, final long after, final long through) throws Exception
    {
        // The stream has no read time-out of its own: a feed that stalls fails the test instead of hanging it.
        return CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return readFeed(server, after, through);
            }
            catch (final IOException | InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        }).get(60, TimeUnit.SECONDS);
    }

    private static List<Long> readFeed(final ServerProcess server, final long after, final long through)
        throws IOException, InterruptedException
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
            + "/v1/changes?after=" + after)).timeout(Duration.ofSeconds(30)).GET().build();
        final HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode(), "the feed resumes after " + after);
        final List<Long> ids = new ArrayList<>();
        long last = after;
        try (Stream<String> lines = response.body())
        {
            final Iterator<String> it = lines.iterator();
            while (last < through)
            {
                if (!it.hasNext())
                {
                    fail("the feed ended at " + last + " before " + through);
                }
                final String line = it.next();
                if (line.startsWith("id: "))
                {
                    final long id = Long.parseLong(line.substring(4).trim());
                    assertTrue(id > last, "feed ids rise: " + id + " after " + last);
                    ids.add(id);
                    last = id;
                }
            }
        }
        return ids;
    }
}
