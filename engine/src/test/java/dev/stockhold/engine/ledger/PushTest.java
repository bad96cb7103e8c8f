package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.PushView;
import dev.stockhold.engine.command.PushedListings;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A channel's push in the ledger: its settings and their validation, what it owes the channel (latest value
 * wins, decreases first, up to maxListings a delivery), and what each delivery's outcome does to that:
 * acknowledged, superseded in flight, parked as a dead letter until the channel is PUT again, an error. The
 * reference model has no push, so these drive the ledger alone.
 */
class PushTest
{
    private static final String URL = "http://127.0.0.1:9/stock";

    private Ledger ledger;
    private long sequence;
    private long now = 1_000_000;

    @BeforeEach
    void ledgerWithTwoListings()
    {
        ledger = new Ledger(LedgerConfig.defaults());
        setStock("A1", 20);
        setStock("B7", 10);
        ok(new Command().putChannel("ae", 0, 100, Command.ABSENT, false));
        ok(new Command().bindListing("ae", "L1", "A1"));
        ok(new Command().bindListing("ae", "L2", "B7"));
    }

    private CommandResult apply(final Command command)
    {
        command.sequence = ++sequence;
        command.timestampMillis = now;
        ledger.apply(command);
        return command.result;
    }

    private CommandResult ok(final Command command)
    {
        final CommandResult result = apply(command);
        assertEquals(ErrorCode.OK, result.code(), () -> command.type + " " + result.detail());
        return result;
    }

    private void setStock(final String sku, final long onHand)
    {
        final Command command = new Command().setStock();
        command.items.add(sku, "CN-SZ", onHand, Command.ABSENT, Command.ABSENT, Command.ABSENT);
        ok(command);
    }

    private void pushTo(final long maxListings)
    {
        ok(new Command().putChannel("ae", 0, 100, Command.ABSENT, false).push(URL, "s3cr3t", 10, 10, maxListings));
    }

    private PushView next()
    {
        return ok(new Command().nextDelivery("ae")).push();
    }

    private PushView progress()
    {
        return ok(new Command().getPush("ae")).push();
    }

    private static List<String> listings(final PushView view)
    {
        final List<String> text = new ArrayList<>();
        final PushedListings pushed = view.listings();
        for (int i = 0; i < pushed.count(); i++)
        {
            text.add(pushed.listingId(i) + "=" + pushed.published(i) + "@" + pushed.sequence(i));
        }
        return text;
    }

    private void outcome(final PushView delivered, final int status)
    {
        final Command command = new Command().pushOutcome("ae", "d-" + sequence, status,
            status >= 200 && status < 300 ? null : "HTTP " + status);
        command.pushed.copyFrom(delivered.listings());
        ok(command);
    }

    private long lock(final String order, final String sku, final long quantity)
    {
        final Command command = new Command().lock(order, "ae", 0, false, false);
        command.lines.add(sku, null, quantity);
        ok(command);
        return sequence;
    }

    @Test
    void badSettingsAreRefusedAndChangeNothing()
    {
        final long digest = ledger.digest();
        final Object[][] cases = {
            {"ftp://x/", "s", 10L, 10L, 200L, ErrorCode.INVALID_REQUEST},
            {"http:///path", "s", 10L, 10L, 200L, ErrorCode.INVALID_REQUEST},
            {URL, null, 10L, 10L, 200L, ErrorCode.INVALID_REQUEST},
            {URL, "a b\n", 10L, 10L, 200L, ErrorCode.INVALID_REQUEST},
            {URL, "s", 0L, 10L, 200L, ErrorCode.INVALID_QUANTITY},
            {URL, "s", 10L, 10_001L, 200L, ErrorCode.INVALID_QUANTITY},
            {URL, "s", 10L, 10L, 1_001L, ErrorCode.INVALID_QUANTITY},
            {URL, "s", 10L, 10L, 0L, ErrorCode.INVALID_QUANTITY},
        };
        for (final Object[] c : cases)
        {
            final CommandResult result = apply(new Command().putChannel("ae", 0, 100, Command.ABSENT, false)
                .push((String)c[0], (String)c[1], (Long)c[2], (Long)c[3], (Long)c[4]));
            assertEquals(c[5], result.code(), () -> java.util.Arrays.toString(c));
        }
        assertEquals(digest, ledger.digest());
    }

    @Test
    void startingToPushOwesEveryBoundListingAndShowsInTheChannel()
    {
        final long versionBefore = ok(new Command().getChannel("ae")).channels().version(0);
        pushTo(200);
        final long configured = sequence;
        final CommandResult channel = ok(new Command().getChannel("ae"));
        assertEquals(URL, channel.channels().pushUrl(0));
        assertEquals(200, channel.channels().pushMaxListings(0));
        assertEquals(versionBefore + 1, channel.channels().version(0), "a push is part of the definition");
        final PushView next = next();
        assertEquals("s3cr3t", next.secret());
        final List<String> owed = listings(next);
        owed.sort(null);
        assertEquals(List.of("L1=20@" + configured, "L2=10@" + configured), owed);
        assertEquals(2, progress().pendingListings());
    }

    @Test
    void latestValueWinsAndAnAcknowledgementOfAnOlderValueKeepsTheNewerOne()
    {
        pushTo(200);
        outcome(next(), 200);
        assertEquals(0, progress().pendingListings());
        final long first = lock("o1", "A1", 3);
        final long second = lock("o2", "A1", 4);
        final PushView inFlight = next();
        assertEquals(List.of("L1=13@" + second), listings(inFlight), "one entry, the latest value: " + first);
        final long third = lock("o3", "A1", 1);
        outcome(inFlight, 204);
        assertEquals(List.of("L1=12@" + third), listings(next()), "the change made in flight is still owed");
        assertEquals(second, progress().acknowledgedSeq());
    }

    @Test
    void decreasesGoFirstAcrossDeliveries()
    {
        setStock("C3", 5);
        ok(new Command().bindListing("ae", "L3", "C3"));
        pushTo(1);
        for (int i = 0; i < 3; i++)
        {
            outcome(next(), 200);
        }
        assertEquals(0, progress().pendingListings());
        setStock("A1", 30);
        setStock("C3", 6);
        final long decrease = lock("o1", "B7", 2);
        final PushView first = next();
        assertEquals(List.of("L2=8@" + decrease), listings(first), "the decrease, though it changed last");
        outcome(first, 200);
        assertEquals("L1=30", listings(next()).get(0).split("@")[0]);
    }

    @Test
    void aRefusedDeliveryParksOnlyItsListingsUntilTheChannelIsPutAgain()
    {
        pushTo(1);
        outcome(next(), 200);
        final PushView refused = next();
        assertEquals("L1", refused.listings().listingId(0), "L2 went first: the newest binding leads a full sync");
        outcome(refused, 422);
        lock("o0", "B7", 1);
        PushView progress = progress();
        assertEquals(1, progress.pendingListings(), "L2 keeps flowing");
        assertEquals(1, progress.deadLetterCount());
        assertEquals(1, progress.deadLetterCount());
        assertEquals("L1", progress.deadListing(0));
        assertEquals(422, progress.deadStatus(0));
        assertEquals("HTTP 422", progress.lastError());
        final long changed = lock("o1", "A1", 5);
        assertEquals("L2", next().listings().listingId(0), "a dead letter stays parked when it changes");
        outcome(next(), 200);
        assertEquals(0, progress().pendingListings());
        assertNull(progress().lastError(), "a success clears the error");
        pushTo(1);
        progress = progress();
        assertEquals(0, progress.deadLetterCount());
        assertEquals(List.of("L1=15@" + changed), listings(next()), "released with its current value");
    }

    @Test
    void retriedOutcomesOnlyRecordTheError()
    {
        pushTo(200);
        final PushView delivery = next();
        outcome(delivery, 503);
        outcome(delivery, 429);
        outcome(delivery, 0);
        final PushView progress = progress();
        assertEquals(2, progress.pendingListings());
        assertEquals(0, progress.deadLetterCount());
        assertEquals("HTTP 0", progress.lastError());
    }

    @Test
    void anUnboundListingIsOwedItsZeroWithItsLastSku()
    {
        pushTo(200);
        outcome(next(), 200);
        ok(new Command().unbindListing("ae", "L1"));
        final long unbound = sequence;
        final PushView next = next();
        assertEquals(List.of("L1=0@" + unbound), listings(next));
        assertEquals("A1", next.listings().sku(0));
        outcome(next, 200);
        assertEquals(0, progress().pendingListings());
    }

    @Test
    void lagIsTheAgeOfTheOldestUnacknowledgedChange()
    {
        pushTo(200);
        outcome(next(), 200);
        lock("o1", "A1", 1);
        now += 700;
        lock("o2", "B7", 1);
        now += 300;
        assertEquals(1_000, progress().lagMillis());
        outcome(next(), 200);
        assertEquals(0, progress().lagMillis());
    }

    @Test
    void stoppingThePushForgetsWhatWasOwed()
    {
        pushTo(200);
        ok(new Command().putChannel("ae", 0, 100, Command.ABSENT, false));
        final PushView progress = progress();
        assertNull(progress.url());
        assertEquals(0, progress.pendingListings());
        assertEquals(0, next().listings().count());
    }

    @Test
    void aSnapshotCarriesThePushAndGoesOnIdentically()
    {
        pushTo(1);
        outcome(next(), 422);
        outcome(next(), 200);
        lock("o1", "B7", 3);
        ok(new Command().unbindListing("ae", "L2"));
        lock("o2", "A1", 2);
        final long digest = ledger.digest();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = ledger.writeSnapshot(buffer, 0);
        final Ledger original = ledger;
        ledger = Ledger.fromSnapshot(LedgerConfig.defaults(), buffer, 0, length);
        assertEquals(digest, ledger.digest());
        final PushView restored = next();
        ledger = original;
        final PushView live = next();
        assertEquals(listings(live), listings(restored));
        assertEquals(URL, restored.url());
        ledger = Ledger.fromSnapshot(LedgerConfig.defaults(), buffer, 0, length);
        assertEquals(1, progress().deadLetterCount());
        assertEquals(1, progress().pendingListings());
        outcome(next(), 200);
        assertEquals(0, progress().pendingListings());
        assertNotEquals(digest, ledger.digest(), "an acknowledgement changes the state");
        assertTrue(progress().acknowledgedSeq() > 0);
    }
}
