package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.model.ModelResult;
import dev.stockhold.engine.model.RandomCommands;
import dev.stockhold.engine.model.ReferenceLedger;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.stockhold.engine.ledger.LedgerDriver.driver;
import static dev.stockhold.engine.ledger.LedgerDriver.line;
import static dev.stockhold.engine.ledger.LedgerDriver.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The digest identifies a state: equal states give equal digests, any change of a cell or a reservation
 * changes it, and a snapshot round trip keeps it and behaves identically afterwards.
 */
class DigestTest
{
    private static LedgerDriver scenario()
    {
        final LedgerDriver driver = driver();
        driver.set("A1", "CN-SZ", 10, 5, 1);
        driver.set("A1", "US-LA", 3, 10, 0);
        driver.lock(order("o1").ttl(60).channel("shop"), line("A1", 4)).ok();
        driver.lock(order("o2").presale(), line("A1", "US-LA", 6)).ok();
        driver.deduct("o1", line("A1", "CN-SZ", 1)).ok();
        return driver;
    }

    @Test
    void equalStatesHaveEqualDigests()
    {
        assertEquals(scenario().digest(), scenario().digest());
    }

    @Test
    void readsDoNotChangeTheDigest()
    {
        final LedgerDriver driver = scenario();
        final long before = driver.digest();
        driver.getCell("A1", "CN-SZ");
        driver.getSku("A1");
        driver.getReservation("o1");
        driver.stats();
        assertEquals(before, driver.digest());
    }

    @Test
    void aMarkChangesNothingAndPublishesNothing()
    {
        final LedgerDriver driver = scenario();
        final long before = driver.digest();
        driver.command().mark();
        driver.send().ok().noChanges().publishedChanges();
        assertEquals(before, driver.digest());
    }

    @Test
    void everyChangeOfACellChangesTheDigest()
    {
        final long base = scenario().digest();
        assertNotEquals(base, digestAfter(d -> d.adjust("A1", "CN-SZ", 1, 0, 0)), "onHand");
        assertNotEquals(base, digestAfter(d -> d.adjust("A1", "CN-SZ", 0, 1, 0)), "inTransit");
        assertNotEquals(base, digestAfter(d -> d.adjust("A1", "CN-SZ", 0, 0, 1)), "safety stock");
        assertNotEquals(base, digestAfter(d -> d.set("B7", "CN-SZ", 0)), "a new cell");
        assertNotEquals(digestAfter(d -> d.adjust("A1", "CN-SZ", 1, 0, 0)),
            digestAfter(d -> d.adjust("A1", "US-LA", 1, 0, 0)), "which cell changed");
    }

    @Test
    void everyChangeOfAReservationChangesTheDigest()
    {
        final long base = scenario().digest();
        assertNotEquals(base, digestAfter(d -> d.release("o1", line("A1", "CN-SZ", 1))), "release");
        assertNotEquals(base, digestAfter(d -> d.deduct("o1", line("A1", "CN-SZ", 1))), "deduct");
        assertNotEquals(base, digestAfter(d -> d.giveBack("o1", line("A1", "CN-SZ", 1))), "return");
        assertNotEquals(base, digestAfter(d -> d.receive("A1", "US-LA", 5)), "presale conversion");
        assertNotEquals(digestAfter(d -> d.lock("o3", line("A1", "CN-SZ", 1))),
            digestAfter(d -> d.lock("o4", line("A1", "CN-SZ", 1))), "the order id");
        assertNotEquals(digestAfter(d -> d.tickAfterSeconds(61)), digestAfter(d -> d.release("o1")),
            "released by expiry or by request");
    }

    private static long digestAfter(final java.util.function.Consumer<LedgerDriver> change)
    {
        final LedgerDriver driver = scenario();
        change.accept(driver);
        return driver.digest();
    }

    @Test
    void aSnapshotRoundTripKeepsTheDigestAndBehavesIdentically()
    {
        final long seed = Long.getLong("stockhold.seed", new SplittableRandom().nextLong());
        System.out.println("DigestTest seed=" + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final LedgerConfig config = LedgerConfig.defaults().withIdempotency(30_000, 20).withClosedRetention(60_000, 10);
        final ReferenceLedger steering = new ReferenceLedger(config);
        final RandomCommands commands = new RandomCommands(random, steering);
        final Ledger original = new Ledger(config);
        final Command command = new Command();
        long now = 1_700_000_000_000L;
        for (int i = 1; i <= 3_000; i++)
        {
            now = Math.max(0, now + commands.timeStepMillis());
            apply(command.clear(), commands, i, now, steering, original);
        }
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 14);
        final int length = original.writeSnapshot(buffer, 0);
        final Ledger restored = Ledger.fromSnapshot(config, buffer, 0, length);
        assertEquals(original.digest(), restored.digest(), "seed " + seed);
        assertEquals(original.lastAppliedSequence(), restored.lastAppliedSequence(), "seed " + seed);
        for (int i = 3_001; i <= 6_000; i++)
        {
            now = Math.max(0, now + commands.timeStepMillis());
            final ModelResult expected = apply(command.clear(), commands, i, now, steering, original);
            restored.apply(command);
            assertEquals(expected, ModelResult.of(command.type, command.result), "seed " + seed + " command " + i);
            assertEquals(original.digest(), restored.digest(), "seed " + seed + " command " + i);
        }
    }

    private static ModelResult apply(final Command command, final RandomCommands commands, final long sequence,
        final long now, final ReferenceLedger steering, final Ledger ledger)
    {
        commands.fill(command);
        command.sequence = sequence;
        command.timestampMillis = now;
        steering.apply(command);
        ledger.apply(command);
        return ModelResult.of(command.type, command.result);
    }
}
