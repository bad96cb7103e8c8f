package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.model.ModelChannelViews;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.stockhold.engine.ledger.ChannelDriver.sku;
import static dev.stockhold.engine.ledger.LedgerDriver.driver;
import static dev.stockhold.engine.ledger.LedgerDriver.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Channels and listings (docs/channels.md, "Channels", "Listings"): rules, versions, bindings and errors. */
class ChannelTest
{
    private final LedgerDriver driver = driver();
    private final ChannelDriver channels = new ChannelDriver(driver);

    @Test
    void aChannelPutAnswersItsRulesWithDefaultsAndVersionsMoveOnlyWithTheRules()
    {
        assertEquals(List.of(new ModelChannelViews.Channel("ae-store1", null, 0, 100, null, false, 1)),
            channels.put("ae-store1").ok().channels());
        final ModelChannelViews.Channel replaced = new ModelChannelViews.Channel("ae-store1",
            List.of("CN-SZ", "US-LA"), 5, 50, 10L, true, 2);
        assertEquals(List.of(replaced),
            channels.put("ae-store1", List.of("CN-SZ", "US-LA"), 5, 50, 10L, true).ok().channels());
        assertEquals(List.of(replaced),
            channels.put("ae-store1", List.of("CN-SZ", "US-LA"), 5, 50, 10L, true).ok().channels(), "same rules");
        assertEquals(List.of(replaced), channels.get("ae-store1").ok().channels());
        assertEquals(3, channels.put("ae-store1").ok().channels().get(0).version(), "omitted fields take defaults");
        channels.get("no-such").fails(ErrorCode.CHANNEL_NOT_FOUND);
    }

    @Test
    void channelsAreListedInCodeOrder()
    {
        channels.put("shopify");
        channels.put("amazon");
        channels.put("temu");
        assertEquals(List.of("amazon", "shopify", "temu"),
            channels.list().ok().channels().stream().map(ModelChannelViews.Channel::channel).toList());
    }

    @Test
    void aBadRuleIsRefusedAndChangesNothing()
    {
        channels.put("ae", null, 0, 101, null, false).fails(ErrorCode.INVALID_QUANTITY);
        channels.put("ae", null, -1, 100, null, false).fails(ErrorCode.INVALID_QUANTITY);
        channels.put("ae", null, 0, 100, 1_000_000_000_001L, false).fails(ErrorCode.INVALID_QUANTITY);
        channels.put("ae", List.of(), 0, 100, null, false).fails(ErrorCode.INVALID_REQUEST);
        channels.put("ae", List.of("CN-SZ", "CN-SZ"), 0, 100, null, false).fails(ErrorCode.INVALID_REQUEST);
        channels.put("a/e").fails(ErrorCode.INVALID_REQUEST);
        channels.get("ae").fails(ErrorCode.CHANNEL_NOT_FOUND);
    }

    @Test
    void bindingNeedsAConfiguredChannelAndAStockedSkuOrAKit()
    {
        driver.set("A1", "CN-SZ", 10);
        channels.bind("ae", "1005001234", "A1").fails(ErrorCode.CHANNEL_NOT_FOUND);
        channels.put("ae");
        channels.bind("ae", "1005001234", "ZZ").fails(ErrorCode.SKU_NOT_FOUND);
        channels.bind("ae", "bad id", "A1").fails(ErrorCode.INVALID_REQUEST);
        final ModelChannelViews.Listing bound = channels.bind("ae", "1005001234", "A1").ok()
            .publishedChanges("ae/1005001234=10").listing();
        assertEquals(new ModelChannelViews.Listing("ae", "1005001234", "A1", 10, 1), bound);
        assertEquals(bound, channels.listing("ae", "1005001234").ok().listing());
    }

    @Test
    void rebindingMovesTheVersionAndUnbindingPublishesZero()
    {
        driver.set("A1", "CN-SZ", 10);
        driver.set("B7", "CN-SZ", 4);
        channels.put("ae");
        channels.bind("ae", "L1", "A1").ok();
        assertEquals(new ModelChannelViews.Listing("ae", "L1", "B7", 4, 2),
            channels.bind("ae", "L1", "B7").ok().publishedChanges("ae/L1=4").listing());
        channels.bind("ae", "L1", "B7").ok().publishedChanges();
        assertEquals(2, channels.listing("ae", "L1").ok().listing().version(), "the same binding changes nothing");
        assertEquals(new ModelChannelViews.Listing("ae", "L1", "B7", 0, 2),
            channels.unbind("ae", "L1").ok().publishedChanges("ae/L1=0").listing(), "the last view, published 0");
        channels.listing("ae", "L1").fails(ErrorCode.LISTING_NOT_FOUND);
        channels.unbind("ae", "L1").fails(ErrorCode.LISTING_NOT_FOUND);
        channels.unbind("other", "L1").fails(ErrorCode.CHANNEL_NOT_FOUND);
    }

    @Test
    void bindingIsAFeedEventEvenAtZero()
    {
        driver.set("A1", "CN-SZ", 0);
        channels.put("ae");
        channels.bind("ae", "L1", "A1").ok().publishedChanges("ae/L1=0");
    }

    @Test
    void aLockOfAnUnconfiguredChannelBehavesAsBeforeAndAConfiguredOnePlacesInItsWarehouses()
    {
        driver.set("A1", "CN-SZ", 5);
        driver.set("A1", "US-LA", 5);
        channels.put("ae", List.of("US-LA"), 0, 100, null, false);
        assertEquals("CN-SZ", channels.lock(order("o1").channel("shop"), sku("A1", 3)).ok().line(0).warehouse());
        assertEquals("US-LA", channels.lock(order("o2").channel("ae"), sku("A1", 3)).ok().line(0).warehouse());
        // A named warehouse outside the channel's is still allowed.
        assertEquals("CN-SZ", channels.lock(order("o3").channel("ae"), sku("A1", "CN-SZ", 2)).ok().line(0).warehouse());
        channels.lock(order("o4").channel("ae"), sku("A1", 3)).fails(ErrorCode.INSUFFICIENT_STOCK);
    }
}
