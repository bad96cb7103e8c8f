package dev.stockhold.gateway.crash;

import dev.stockhold.engine.command.CommandType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crash between a command's journal entry and its change event leaves a change log that lags the journal.
 * Recovery must append the missing events and then hand the change log to the responder without leaving it
 * unusable: a server that once recovered such a gap through the start-up thread's appender could never
 * answer a write again (the responder's appends failed Chronicle's single-thread check), on every restart.
 * This makes the gap deterministically (the server halts inside its change-log append), restarts three
 * times, and each time checks that writes are answered within a second and that the feed has every event.
 */
class ChangeLogLagTest
{
    private static final Set<CommandType> CHANGES = Set.of(CommandType.LOCK, CommandType.SET_STOCK);

    @Test
    void restartsAfterAChangeLogThatLagsTheJournalAnswerAndLoseNoEvent(@TempDir final Path dataDir) throws Exception
    {
        final List<Long> acknowledged = new ArrayList<>();
        // 1. The 40th change event kills the server inside the change log's append: that command is journaled
        //    (the journal is written first), its event is not.
        try (ServerProcess server = ServerProcess.start("lag-0", dataDir,
            List.of("-Dstockhold.failpoints=changelog.append:halt@40")).awaitReady())
        {
            assertEquals(200, server.send("PUT", "/v1/stock/LAG/W1", "{\"onHand\":1000000}").statusCode());
            for (int order = 0; server.isAlive() && order < 100; order++)
            {
                try
                {
                    final HttpResponse<String> answer = server.send("POST", "/v1/reservations", lock("lag-" + order),
                        Duration.ofSeconds(5));
                    assertEquals(201, answer.statusCode(), answer.body());
                    acknowledged.add(sequence(answer));
                }
                catch (final java.io.IOException ex)
                {
                    break;
                }
            }
            assertEquals(137, server.awaitExit(10), "the failpoint halted the server: " + server.tail());
        }
        final List<Long> journaled = CrashChecks.journalSequences(dataDir, CHANGES);
        final long logged = CrashChecks.changeLogLastSequence(dataDir);
        assertTrue(journaled.get(journaled.size() - 1) > logged, "the change log lags the journal: logged through "
            + logged + ", journaled " + journaled);

        // 2. Restart three times: each recovers, answers writes at once, and serves every event from the start.
        for (int restart = 1; restart <= 3; restart++)
        {
            try (ServerProcess server = ServerProcess.start("lag-" + restart, dataDir, List.of()).awaitReady())
            {
                if (restart == 1)
                {
                    assertNotNull(server.logLine("event=change_log_caught_up"), server.tail());
                }
                final long startNanos = System.nanoTime();
                final HttpResponse<String> answer = server.send("POST", "/v1/reservations",
                    lock("after-restart-" + restart), Duration.ofSeconds(1));
                assertEquals(201, answer.statusCode(), "a write is answered after restart " + restart);
                assertTrue(System.nanoTime() - startNanos < 1_000_000_000L, "within a second");
                final long newest = sequence(answer);
                acknowledged.add(newest);
                final Set<Long> feed = new HashSet<>(CrashChecks.feedIds(server, 0, newest));
                for (final long sequence : CrashChecks.journalSequences(dataDir, CHANGES))
                {
                    assertTrue(feed.contains(sequence), "restart " + restart + ": the feed has journaled change "
                        + sequence);
                }
                assertTrue(feed.containsAll(acknowledged), "every acknowledged change is in the feed");
            }
        }
    }

    private static String lock(final String orderId)
    {
        return "{\"orderId\":\"" + orderId + "\",\"lines\":[{\"sku\":\"LAG\",\"warehouse\":\"W1\",\"quantity\":1}]}";
    }

    private static long sequence(final HttpResponse<String> answer)
    {
        return Long.parseLong(answer.headers().firstValue("Stockhold-Seq").orElseThrow());
    }
}
