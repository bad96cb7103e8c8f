package dev.stockhold.loadtest;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.loadtest.replay.ListCommandSource;
import dev.stockhold.loadtest.replay.Replay;
import dev.stockhold.loadtest.report.Report;
import dev.stockhold.loadtest.server.LocalServer;
import dev.stockhold.loadtest.targets.SbeTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recording with orders left to expire, replayed as fast as possible to a server started as a replay
 * target: with the recorded engine times and ticks it rebuilds exactly the recorded state, so every
 * answer, every cell and the state digest match. An ordinary server refuses recorded times.
 */
class ReplayTargetTest
{
    private static final long SEED = 4321;
    private static List<Command> recording;

    @BeforeAll
    static void record(@TempDir final Path out) throws Exception
    {
        System.out.println("seed " + SEED);
        try (LocalServer recorded = new LocalServer("127.0.0.1", 0, true))
        {
            final int status = LoadTestCli.execute("run", "--target", recorded.sbeUrl(), "--scenario", "steady",
                "--rate", "400", "--duration", "3s", "--warmup", "0s", "--skus", "50", "--warehouses", "2",
                "--stock", "40", "--mix", "0.4,0.2,0.25,0.1", "--expire-ttl", "1", "--seed", Long.toString(SEED),
                "--out", out.toString());
            assertEquals(0, status);
            recording = recorded.recorder().commands();
        }
    }

    @Test
    void aReplayTargetRebuildsTheRecordedStateDigestIncluded(@TempDir final Path out) throws Exception
    {
        final long firstExpiringLock = recording.stream()
            .filter(c -> c.type == CommandType.LOCK && c.ttlSeconds == 1)
            .mapToLong(c -> c.timestampMillis).min().orElseThrow();
        assertTrue(recording.stream().anyMatch(c -> c.type == CommandType.TICK
            && c.timestampMillis >= firstExpiringLock + 1_000), "the recording has a tick past an order's expiry");

        final Report report = replay(true);
        report.write(out);
        System.out.print(report.summary());

        assertTrue(report.passed(), report.summary());
        assertTrue(report.summary().contains("0 mismatches of"), report.summary());
        assertTrue(report.summary().contains("[PASS] state digest as recorded"), report.summary());
    }

    @Test
    void anOrdinaryServerRefusesRecordedTimes() throws Exception
    {
        final Report report = replay(false);
        System.out.print(report.summary());

        assertFalse(report.passed(), "recorded ticks must be refused by a server that is not a replay target");
        assertTrue(report.summary().contains("ERR_FORBIDDEN"), report.summary());
    }

    private static Report replay(final boolean replayTarget) throws Exception
    {
        try (LocalServer fresh = new LocalServer("127.0.0.1", 0, false, replayTarget);
             SbeTarget target = new SbeTarget("127.0.0.1", URI.create(fresh.sbeUrl()).getPort(), 1))
        {
            return new Replay(target, 0, LedgerConfig.defaults(), new PrintStream(System.out, true), true)
                .run(new ListCommandSource(recording));
        }
    }
}
