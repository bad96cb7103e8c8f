package dev.stockhold.engine.ledger;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.stockhold.engine.ledger.LedgerDriver.driver;
import static dev.stockhold.engine.ledger.LedgerDriver.line;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The published quantity of docs/channels.md: {@code min(maxUnits, E + ⌊max(0, K − E − bufferUnits) ×
 * percent / 100⌋ + presale)} over the channel's warehouses, for SKUs and kits, recomputed for exactly the
 * listings a command can change and reported in the command's feed record, sorted.
 */
class PublishedQuantityTest
{
    private final LedgerDriver driver = driver();
    private final ChannelDriver channels = new ChannelDriver(driver);

    @Test
    void aSkuListingPublishesItsChannelsShareAfterTheBufferWithinTheCap()
    {
        driver.set("A1", "CN-SZ", 100, 0, 5);
        driver.set("A1", "US-LA", 20);
        driver.set("A1", "DE-BE", 7);
        channels.put("ae", List.of("CN-SZ", "US-LA"), 5, 50, null, false);
        channels.bind("ae", "L1", "A1").ok();
        assertEquals((95 + 20 - 5) * 50 / 100, channels.published("ae", "L1"), "DE-BE does not feed ae");
        channels.put("ae", List.of("CN-SZ", "US-LA"), 5, 50, 40L, false).ok().publishedChanges("ae/L1=40");
        channels.put("ae", List.of("CN-SZ", "US-LA"), 200, 100, null, false).ok().publishedChanges("ae/L1=0");
        assertEquals(0, channels.published("ae", "L1"), "a buffer above the pool publishes 0, never less");
    }

    @Test
    void presaleIsAddedBeforeTheCapForSkuListingsOfAPresaleChannel()
    {
        driver.set("A1", "CN-SZ", 10, 30, 0);
        channels.put("ae", null, 0, 50, null, true);
        channels.bind("ae", "L1", "A1");
        assertEquals(5 + 30, channels.published("ae", "L1"));
        channels.put("ae", null, 0, 50, 12L, true).ok().publishedChanges("ae/L1=12");
    }

    @Test
    void aKitListingPublishesWholeKitsPerWarehouse()
    {
        driver.set("A1", "CN-SZ", 10);
        driver.set("B7", "CN-SZ", 3);
        driver.set("A1", "US-LA", 5);
        driver.set("B7", "US-LA", 9);
        driver.set("A1", "DE-BE", 100);
        channels.kit("K1", "A1", 2, "B7", 1).ok();
        channels.put("ae");
        channels.bind("ae", "L1", "K1");
        assertEquals(3 + 2, channels.published("ae", "L1"), "min(10/2, 3) + min(5/2, 9); DE-BE has no B7");
        driver.lock("o1", line("B7", "CN-SZ", 1)).ok().publishedChanges("ae/L1=4");
        channels.kit("K1", "A1", 1).ok().publishedChanges("ae/L1=115");
    }

    @Test
    void aLockRecomputesOnlyTheListingsItsCellsFeed()
    {
        driver.set("A1", "CN-SZ", 10);
        driver.set("A1", "US-LA", 10);
        driver.set("B7", "CN-SZ", 10);
        channels.put("ae", List.of("CN-SZ"), 0, 100, null, false);
        channels.put("us", List.of("US-LA"), 0, 100, null, false);
        channels.bind("ae", "L1", "A1");
        channels.bind("us", "L2", "A1");
        channels.bind("ae", "L3", "B7");
        driver.lock("o1", line("A1", "CN-SZ", 4)).ok().publishedChanges("ae/L1=6");
        driver.lock("o2", line("A1", "US-LA", 1), line("B7", "CN-SZ", 2)).ok()
            .publishedChanges("ae/L3=8", "us/L2=9");
        driver.set("A1", "CN-SZ", 10).ok().noChanges().publishedChanges();
        driver.getCell("A1", "CN-SZ").ok().publishedChanges();
    }

    @Test
    void theFeedRecordIsSortedByChannelThenListing()
    {
        driver.set("A1", "CN-SZ", 10);
        channels.put("zz");
        channels.put("aa");
        channels.bind("zz", "L1", "A1");
        channels.bind("aa", "L9", "A1");
        channels.bind("aa", "L2", "A1");
        driver.adjust("A1", "CN-SZ", -1, 0, 0).ok().publishedChanges("aa/L2=9", "aa/L9=9", "zz/L1=9");
    }

    @Test
    void aListingBoundToAKitMovesWithEachComponent()
    {
        driver.set("A1", "CN-SZ", 10);
        driver.set("B7", "CN-SZ", 10);
        channels.kit("K1", "A1", 1, "B7", 1);
        channels.kit("K2", "B7", 5);
        channels.put("ae");
        channels.bind("ae", "K1-listing", "K1");
        channels.bind("ae", "K2-listing", "K2");
        channels.bind("ae", "B7-listing", "B7");
        driver.adjust("A1", "CN-SZ", -4, 0, 0).ok().publishedChanges("ae/K1-listing=6");
        driver.adjust("B7", "CN-SZ", -5, 0, 0).ok().publishedChanges("ae/B7-listing=5", "ae/K1-listing=5",
            "ae/K2-listing=1");
    }
}
