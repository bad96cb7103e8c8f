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
 * Records a mixed run on one server, replays it to a fresh one and expects every answer and every cell to
 * match the recording; a recording with one command left out must not.
 */
class ReplayRoundTripTest
{
    private static final long SEED = 1234;
    private static List<Command> recording;

    @BeforeAll
    static void record(@TempDir final Path out) throws Exception
    {
        System.out.println("seed " + SEED);
        try (LocalServer recorded = new LocalServer("127.0.0.1", 0, true))
        {
            // No expiring orders: the replayed server expires on its own clock, so a fast replay would differ.
            final int status = LoadTestCli.execute("run", "--target", recorded.sbeUrl(), "--scenario", "steady",
                "--rate", "400", "--duration", "2s", "--warmup", "0s", "--skus", "50", "--warehouses", "2",
                "--stock", "40", "--mix", "0.5,0.25,0,0.15", "--seed", Long.toString(SEED), "--out", out.toString());
            assertEquals(0, status);
            recording = recorded.recorder().commands();
        }
    }

    @Test
    void replayToAFreshServerMatchesEveryAnswerAndCell(@TempDir final Path out) throws Exception
    {
        final Report report = replay(recording, false);
        report.write(out);
        System.out.print(report.summary());

        assertTrue(report.passed(), report.summary());
        assertTrue(report.summary().contains("0 mismatches of"), report.summary());
        assertTrue(recording.stream().anyMatch(c -> c.type == CommandType.RETURN), "the recording has returns");
        assertTrue(recording.stream().anyMatch(c -> c.type == CommandType.TICK), "the recording has ticks");
    }

    @Test
    void replayToAServerThatDivergedReportsMismatches() throws Exception
    {
        final Report report = replay(recording, true);
        System.out.print(report.summary());

        assertFalse(report.passed(), "a server whose state differs from the recording must not match");
        assertTrue(report.summary().contains("MISMATCH"), report.summary());
    }

    /**
     * Replays to a fresh server; with {@code diverge}, first counts one extra unit into the recording's first
     * seeded cell behind the replay's back.
     */
    private static Report replay(final List<Command> commands, final boolean diverge) throws Exception
    {
        try (LocalServer fresh = new LocalServer("127.0.0.1", 0, false);
             SbeTarget target = new SbeTarget("127.0.0.1", URI.create(fresh.sbeUrl()).getPort(), 1))
        {
            if (diverge)
            {
                final Command seed = commands.get(indexOf(commands, CommandType.SET_STOCK));
                final Command extra = new Command().setStock();
                extra.items.add(seed.items.sku(0), seed.items.warehouse(0), 1, Command.ABSENT, 0, Command.ABSENT);
                assertTrue(target.send(extra).get().isOk());
            }
            return new Replay(target, 0, LedgerConfig.defaults(), new PrintStream(System.out, true))
                .run(new ListCommandSource(commands));
        }
    }

    private static int indexOf(final List<Command> commands, final CommandType type)
    {
        for (int i = 0; i < commands.size(); i++)
        {
            if (commands.get(i).type == type)
            {
                return i;
            }
        }
        throw new AssertionError("no " + type + " in the recording");
    }
}
