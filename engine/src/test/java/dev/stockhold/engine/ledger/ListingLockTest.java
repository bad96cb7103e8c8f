package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.model.ModelShortLine;
import dev.stockhold.engine.model.ModelView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.stockhold.engine.ledger.ChannelDriver.listing;
import static dev.stockhold.engine.ledger.ChannelDriver.sku;
import static dev.stockhold.engine.ledger.LedgerDriver.driver;
import static dev.stockhold.engine.ledger.LedgerDriver.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Locks by listing (docs/channels.md, "Locks by listing"). */
class ListingLockTest
{
    private final LedgerDriver driver = driver();
    private final ChannelDriver channels = new ChannelDriver(driver);

    @BeforeEach
    void listings()
    {
        driver.set("A1", "CN-SZ", 5);
        driver.set("A1", "US-LA", 5);
        driver.set("B7", "US-LA", 5);
        channels.put("ae", List.of("US-LA"), 0, 100, null, false);
        channels.bind("ae", "1005001234", "A1");
    }

    @Test
    void aListingLineLocksItsSkuInTheChannelsWarehouses()
    {
        assertEquals(List.of(new ModelView.Line("A1", "US-LA", 3, false, 0, 0, 0, null, "1005001234")),
            channels.lock(order("o1").channel("ae"), listing("1005001234", 3)).ok().view().lines());
    }

    @Test
    void aListingLineNeedsAConfiguredChannelAndABoundListing()
    {
        channels.lock(order("o1").channel("shop"), listing("1005001234", 1)).fails(ErrorCode.CHANNEL_NOT_FOUND);
        channels.lock(order("o1"), listing("1005001234", 1)).fails(ErrorCode.CHANNEL_NOT_FOUND);
        channels.lock(order("o1").channel("ae"), listing("999", 1)).fails(ErrorCode.LISTING_NOT_FOUND);
        channels.unbind("ae", "1005001234");
        channels.lock(order("o1").channel("ae"), listing("1005001234", 1)).fails(ErrorCode.LISTING_NOT_FOUND);
    }

    @Test
    void aShortListingLineNamesItsSkuAndAWarehouseWithoutItsCellIsNotFound()
    {
        assertEquals(List.of(new ModelShortLine("A1", "US-LA", 6, 5)),
            channels.lock(order("o1").channel("ae"), listing("1005001234", 6)).fails(ErrorCode.INSUFFICIENT_STOCK)
                .shortLines());
        assertEquals(List.of(new ModelShortLine("A1", "US-LA", 6, 5)),
            channels.lock(order("o1").channel("ae"), listing("1005001234", "US-LA", 6))
                .fails(ErrorCode.INSUFFICIENT_STOCK).shortLines());
        channels.bind("ae", "b7", "B7");
        channels.lock(order("o1").channel("ae"), listing("b7", "CN-SZ", 1)).fails(ErrorCode.SKU_NOT_FOUND);
        channels.lock(order("o1").channel("ae"), listing("b7", "EU-X", 1)).fails(ErrorCode.SKU_NOT_FOUND);
    }

    @Test
    void aLineNamesASkuOrAListingNeverBothNorNeither()
    {
        channels.lock(order("o1").channel("ae"), new ChannelDriver.AnyLine("A1", "1005001234", null, 1))
            .fails(ErrorCode.INVALID_REQUEST);
        channels.lock(order("o1").channel("ae"), new ChannelDriver.AnyLine(null, null, null, 1))
            .fails(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void aListingBoundToAKitLocksItsComponentsAndTheRepeatIsAReplay()
    {
        channels.kit("K1", "A1", 1, "B7", 2);
        channels.bind("ae", "bundle", "K1");
        final List<ModelView.Line> lines = channels.lock(order("o1").channel("ae"), listing("bundle", 2),
            sku("B7", 1)).ok().view().lines();
        assertEquals(List.of(new ModelView.Line("A1", "US-LA", 2, false, 0, 0, 0, "K1", "bundle"),
            new ModelView.Line("B7", "US-LA", 4, false, 0, 0, 0, "K1", "bundle"),
            new ModelView.Line("B7", "US-LA", 1, false, 0, 0, 0)), lines);
        channels.lock(order("o1").channel("ae"), sku("B7", 1), listing("bundle", 2)).ok().replayed();
        channels.lock(order("o1").channel("ae"), listing("bundle", 1)).fails(ErrorCode.ORDER_CONFLICT);
    }
}
