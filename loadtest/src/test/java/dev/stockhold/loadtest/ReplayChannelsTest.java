package dev.stockhold.loadtest;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.loadtest.replay.CommandSource;
import dev.stockhold.loadtest.replay.ListCommandSource;
import dev.stockhold.loadtest.replay.Replay;
import dev.stockhold.loadtest.report.Report;
import dev.stockhold.loadtest.server.LocalServer;
import dev.stockhold.loadtest.targets.Answer;
import dev.stockhold.loadtest.targets.HttpTarget;
import dev.stockhold.loadtest.targets.SbeTarget;
import dev.stockhold.loadtest.targets.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays channel commands (channel rules and push settings, kits, listings bound and unbound, allocations, locks
 * by listing and by kit) over HTTP and over the binary protocol: a fresh server matches every answer and listing;
 * a server where another channel holds units of a cell publishes less, which only the answers' listings and kits
 * show, and must not match on either protocol.
 */
class ReplayChannelsTest
{
    private static List<Command> recording;

    /** The channel commands, recorded by a server that runs them over the binary protocol. */
    @BeforeAll
    static void record() throws Exception
    {
        try (LocalServer recorded = new LocalServer("127.0.0.1", 0, true);
             SbeTarget target = new SbeTarget("127.0.0.1", URI.create(recorded.sbeUrl()).getPort(), 1))
        {
            for (final Command command : script())
            {
                final Answer answer = target.send(command).get();
                assertTrue(answer.isOk(), command.type + ": " + answer);
            }
            recording = recorded.recorder().commands();
        }
        assertTrue(recording.stream().anyMatch(c -> c.type == CommandType.UNBIND_LISTING), "the recording unbinds");
    }

    private static List<Command> script()
    {
        final List<Command> script = new ArrayList<>();
        final Command stock = new Command().setStock();
        stock.items.add("CH-A", "W1", 100, Command.ABSENT, 0, Command.ABSENT);
        stock.items.add("CH-B", "W1", 40, Command.ABSENT, 0, Command.ABSENT);
        script.add(stock);
        script.add(new Command().putChannel("shop", 5, 50, 30, false));
        // A channel with push and no listings: its settings are replayed and compared, nothing is ever delivered.
        script.add(new Command().putChannel("pushed", 0, 100, Command.ABSENT, false)
            .push("http://127.0.0.1:9/hook", "whsec_replay", 7, 3, 50));
        final Command kit = new Command().putKit("CH-KIT");
        kit.lines.add("CH-A", null, 2);
        kit.lines.add("CH-B", null, 1);
        script.add(kit);
        script.add(new Command().bindListing("shop", "L-A", "CH-A"));
        script.add(new Command().bindListing("shop", "L-B", "CH-B"));
        script.add(new Command().bindListing("shop", "L-KIT", "CH-KIT"));
        script.add(new Command().setAllocation("shop", "CH-B", "W1", 10));
        final Command byListing = new Command().lock("order-1", "shop", 0, false, false);
        byListing.lines.addListing("L-A", null, 3);
        byListing.lines.addListing("L-KIT", null, 1);
        script.add(byListing);
        script.add(new Command().adjust("CH-B", "W1", -5, 0, 0, null));
        script.add(new Command().unbindListing("shop", "L-KIT"));
        script.add(new Command().getListing("shop", "L-A"));
        script.add(new Command().getKit("CH-KIT"));
        script.add(new Command().getAllocation("shop", "CH-B", "W1"));
        script.add(new Command().getChannel("shop"));
        script.add(new Command().getChannel(null));
        script.add(new Command().getReservation("order-1"));
        return script;
    }

    @Test
    void aFreshServerMatchesEveryChannelAnswerAndListing() throws Exception
    {
        freshServerMatches(replayOverHttp(false));
    }

    @Test
    void anotherChannelsAllocationShowsInTheListingsAndKits() throws Exception
    {
        divergenceIsCaught(replayOverHttp(true));
    }

    @Test
    void overTheBinaryProtocolAFreshServerMatchesEveryChannelAnswerAndListing() throws Exception
    {
        freshServerMatches(replayOverBinary(false));
    }

    @Test
    void overTheBinaryProtocolAnotherChannelsAllocationShowsInTheListingsAndKits() throws Exception
    {
        divergenceIsCaught(replayOverBinary(true));
    }

    private static void freshServerMatches(final Report report)
    {
        System.out.print(report.summary());

        assertTrue(report.passed(), report.summary());
        assertTrue(report.summary().contains("0 mismatches of"), report.summary());
        assertTrue(report.summary().contains("3 listings equal"), report.summary());
        assertTrue(report.summary().contains("(published quantities)"), report.summary());
    }

    private static void divergenceIsCaught(final Report report)
    {
        final String summary = report.summary();
        System.out.print(summary);

        assertFalse(report.passed(), "a server publishing other quantities must not match the recording");
        // The bind's code and levels are as recorded: only the listing it answers differs.
        assertTrue(summary.contains("BIND_LISTING (recorded seq") && summary.contains("listing Listing[channel=shop,"
            + " listingId=L-A"), summary);
        assertTrue(summary.contains("PUT_KIT (recorded seq") && summary.contains("kit Kit[sku=CH-KIT"), summary);
        assertTrue(summary.contains("LISTING shop/L-A: listing"), summary);
    }

    /** Replays the recording over HTTP to a fresh server (see {@link #replay}). */
    private static Report replayOverHttp(final boolean diverge) throws Exception
    {
        try (HttpServerFixture fresh = new HttpServerFixture();
             HttpTarget target = new HttpTarget(fresh.url(), 1))
        {
            return replay(target, diverge);
        }
    }

    /** Replays the recording over the binary protocol, on one connection, to a fresh server (see {@link #replay}). */
    private static Report replayOverBinary(final boolean diverge) throws Exception
    {
        try (LocalServer fresh = new LocalServer("127.0.0.1", 0, false);
             SbeTarget target = new SbeTarget("127.0.0.1", URI.create(fresh.sbeUrl()).getPort(), 1))
        {
            return replay(target, diverge);
        }
    }

    /**
     * Replays the recording to {@code target}; with {@code diverge}, once the cells are stocked, a channel the
     * recording does not know holds most of a cell for itself, behind the replay's back (on the replay's own
     * connection, so in its order).
     */
    private static Report replay(final Target target, final boolean diverge) throws Exception
    {
        final ListCommandSource recorded = new ListCommandSource(recording);
        final CommandSource source = new CommandSource()
        {
            private boolean diverged = !diverge;

            @Override
            public boolean next(final Command into) throws Exception
            {
                final boolean more = recorded.next(into);
                if (more && !diverged && into.type == CommandType.PUT_CHANNEL)
                {
                    diverged = true;
                    target.send(new Command().putChannel("other", 0, 100, Command.ABSENT, false));
                    target.send(new Command().setAllocation("other", "CH-A", "W1", 60));
                }
                return more;
            }

            @Override
            public void close()
            {
                recorded.close();
            }
        };
        return new Replay(target, 0, LedgerConfig.defaults(), new PrintStream(System.out, true)).run(source);
    }
}
