package dev.stockhold.engine.ledger;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static dev.stockhold.engine.ledger.ChannelDriver.listing;
import static dev.stockhold.engine.ledger.ChannelDriver.sku;
import static dev.stockhold.engine.ledger.LedgerDriver.driver;
import static dev.stockhold.engine.ledger.LedgerDriver.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Channels, listings, kits and allocations are part of the state: the digest covers them, snapshots carry
 * them (format 5 with the pushes; an older format is refused and recovery falls back to replay), and a restored ledger
 * goes on exactly as the original.
 */
class ChannelSnapshotTest
{
    private static LedgerDriver scenario()
    {
        final LedgerDriver driver = driver();
        final ChannelDriver channels = new ChannelDriver(driver);
        driver.set("A1", "CN-SZ", 20);
        driver.set("B7", "CN-SZ", 10);
        driver.set("A1", "US-LA", 5);
        channels.put("ae", List.of("CN-SZ"), 1, 80, 50L, false).ok();
        channels.put("us").ok();
        channels.kit("K1", "A1", 2, "B7", 1).ok();
        channels.bind("ae", "L1", "A1").ok();
        channels.bind("ae", "bundle", "K1").ok();
        channels.bind("us", "L1", "A1").ok();
        channels.allocate("ae", "A1", "CN-SZ", 6).ok();
        channels.lock(order("o1").channel("ae").ttl(60), listing("L1", 4), listing("bundle", 1)).ok();
        return driver;
    }

    @Test
    void everyChangeOfTheChannelStateChangesTheDigest()
    {
        final long base = scenario().digest();
        assertEquals(base, scenario().digest());
        assertNotEquals(base, after(c -> c.put("ae", List.of("CN-SZ"), 1, 81, 50L, false)), "rules");
        assertNotEquals(base, after(c -> c.put("eu")), "a channel");
        assertNotEquals(base, after(c -> c.kit("K1", "A1", 1, "B7", 1)), "a kit");
        assertNotEquals(base, after(c -> c.bind("us", "L2", "B7")), "a listing");
        assertNotEquals(base, after(c -> c.bind("us", "L1", "B7")), "a binding");
        assertNotEquals(base, after(c -> c.allocate("us", "B7", "CN-SZ", 1)), "an allocation");
        assertNotEquals(after(c -> c.allocate("us", "B7", "CN-SZ", 1)), after(c -> c.allocate("ae", "B7", "CN-SZ", 1)),
            "whose allocation");
    }

    @Test
    void aSnapshotRoundTripKeepsEverythingAndGoesOnIdentically()
    {
        final LedgerDriver driver = scenario();
        final ChannelDriver channels = new ChannelDriver(driver);
        final long digest = driver.digest();
        driver.restartFromSnapshot();
        assertEquals(digest, driver.digest());
        // The reservation still knows what came from the allocation, and the listings their values:
        // every answer below is also compared with the reference model.
        driver.tickAfterSeconds(61).ok();
        assertEquals(6, channels.allocation("ae", "A1", "CN-SZ").ok().allocation().units());
        channels.lock(order("o2").channel("ae"), sku("K1", "CN-SZ", 2)).ok();
        channels.unbind("ae", "bundle").ok();
        driver.restartFromSnapshot();
        channels.bind("ae", "bundle", "K1").ok();
        assertEquals(1, channels.listing("ae", "bundle").ok().listing().version());
    }

    @Test
    void aSnapshotOfTheFormerFormatIsRefused()
    {
        final Ledger ledger = scenario().ledger();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 12);
        final int length = ledger.writeSnapshot(buffer, 0);
        buffer.putInt(4, LedgerSnapshot.FORMAT_VERSION - 1);
        assertThrows(IllegalArgumentException.class,
            () -> Ledger.fromSnapshot(LedgerConfig.defaults(), buffer, 0, length));
    }

    private static long after(final Consumer<ChannelDriver> change)
    {
        final LedgerDriver driver = scenario();
        change.accept(new ChannelDriver(driver));
        return driver.digest();
    }
}
