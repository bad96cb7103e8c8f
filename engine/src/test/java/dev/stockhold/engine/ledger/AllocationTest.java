package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.model.ModelChannelViews;
import dev.stockhold.engine.model.ModelShortLine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.stockhold.engine.ledger.ChannelDriver.sku;
import static dev.stockhold.engine.ledger.LedgerDriver.driver;
import static dev.stockhold.engine.ledger.LedgerDriver.line;
import static dev.stockhold.engine.ledger.LedgerDriver.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Allocations (docs/channels.md, "Allocations"): escrow taken from available stock, used first by the
 * channel's own locks, given back on release and expiry, consumed first by deducts, cut by counts.
 */
class AllocationTest
{
    private final LedgerDriver driver = driver();
    private final ChannelDriver channels = new ChannelDriver(driver);

    @BeforeEach
    void twoChannels()
    {
        channels.put("ae");
        channels.put("us");
    }

    @Test
    void anAllocationTakesFromAvailableAndVersionsMoveOnlyWithItsUnits()
    {
        driver.set("A1", "CN-SZ", 100);
        assertEquals(new ModelChannelViews.Allocation("ae", "A1", "CN-SZ", 30, 1),
            channels.allocate("ae", "A1", "CN-SZ", 30).ok().changed("A1/CN-SZ").allocation());
        assertEquals(30, driver.cell("A1", "CN-SZ").allocated());
        assertEquals(70, driver.cell("A1", "CN-SZ").available());
        channels.allocate("ae", "A1", "CN-SZ", 30).ok().noChanges();
        assertEquals(2, channels.allocate("ae", "A1", "CN-SZ", 40).ok().allocation().version());
        assertEquals(new ModelChannelViews.Allocation("ae", "A1", "CN-SZ", 40, 2),
            channels.allocation("ae", "A1", "CN-SZ").ok().allocation());
    }

    @Test
    void aRaiseThatDoesNotFitIsRefusedWithTheCellsAvailable()
    {
        driver.set("A1", "CN-SZ", 100);
        channels.allocate("ae", "A1", "CN-SZ", 40).ok();
        assertEquals(List.of(new ModelShortLine("A1", "CN-SZ", 61, 60)),
            channels.allocate("us", "A1", "CN-SZ", 61).fails(ErrorCode.INSUFFICIENT_STOCK).shortLines());
        assertEquals(List.of(new ModelShortLine("A1", "CN-SZ", 61, 60)),
            channels.allocate("ae", "A1", "CN-SZ", 101).fails(ErrorCode.INSUFFICIENT_STOCK).shortLines(),
            "requested is the increase asked for");
    }

    @Test
    void zeroRemovesTheAllocationAndNoneReadsAsZero()
    {
        driver.set("A1", "CN-SZ", 100);
        assertEquals(new ModelChannelViews.Allocation("us", "A1", "CN-SZ", 0, 0),
            channels.allocation("us", "A1", "CN-SZ").ok().allocation());
        channels.allocate("ae", "A1", "CN-SZ", 30).ok();
        assertEquals(new ModelChannelViews.Allocation("ae", "A1", "CN-SZ", 0, 0),
            channels.allocate("ae", "A1", "CN-SZ", 0).ok().allocation());
        assertEquals(100, driver.cell("A1", "CN-SZ").available());
        channels.allocate("ae", "A1", "US-LA", 1).fails(ErrorCode.SKU_NOT_FOUND);
        channels.allocate("eu", "A1", "CN-SZ", 1).fails(ErrorCode.CHANNEL_NOT_FOUND);
        channels.allocate("ae", "A1", "CN-SZ", -1).fails(ErrorCode.INVALID_QUANTITY);
    }

    @Test
    void aChannelsLockTakesItsAllocationFirstAndReleaseAndDeductFollowThatPart()
    {
        driver.set("A1", "CN-SZ", 10);
        channels.allocate("ae", "A1", "CN-SZ", 6).ok();
        channels.lock(order("o1").channel("us"), sku("A1", "CN-SZ", 5)).fails(ErrorCode.INSUFFICIENT_STOCK);
        channels.lock(order("o1").channel("ae"), sku("A1", "CN-SZ", 8)).ok();
        assertLevels(10, 8, 0);
        assertEquals(0, channels.allocation("ae", "A1", "CN-SZ").ok().allocation().units());
        driver.release("o1", line("A1", "CN-SZ", 3)).ok();
        assertLevels(10, 5, 3);
        driver.deduct("o1", line("A1", "CN-SZ", 2)).ok();
        assertLevels(8, 3, 3);
        driver.release("o1").ok();
        assertLevels(8, 0, 4);
        driver.giveBack("o1", line("A1", "CN-SZ", 2)).ok();
        assertLevels(10, 0, 4);
        assertEquals(6, driver.cell("A1", "CN-SZ").available(), "a return goes to the shared pool");
    }

    @Test
    void expiryGivesBackToTheAllocation()
    {
        driver.set("A1", "CN-SZ", 10);
        channels.allocate("ae", "A1", "CN-SZ", 6).ok();
        channels.lock(order("o1").channel("ae").ttl(10), sku("A1", "CN-SZ", 4)).ok();
        assertLevels(10, 4, 2);
        driver.tickAfterSeconds(11).ok();
        assertLevels(10, 0, 6);
    }

    @Test
    void aCountCutsTheLatestSetAllocationsFirstAndOnlyThenLeavesAShortage()
    {
        driver.set("A1", "CN-SZ", 20);
        channels.allocate("ae", "A1", "CN-SZ", 5).ok();
        channels.allocate("us", "A1", "CN-SZ", 7).ok();
        driver.lock("o1", line("A1", "CN-SZ", 6)).ok();
        driver.set("A1", "CN-SZ", 15).ok();
        assertEquals(4, channels.allocation("us", "A1", "CN-SZ").ok().allocation().units());
        assertEquals(5, channels.allocation("ae", "A1", "CN-SZ").ok().allocation().units());
        driver.adjust("A1", "CN-SZ", -10, 0, 0).ok();
        assertEquals(0, driver.cell("A1", "CN-SZ").allocated());
        assertEquals(1, driver.cell("A1", "CN-SZ").shortage());
        driver.release("o1", line("A1", "CN-SZ", 6)).ok();
        assertEquals(0, driver.cell("A1", "CN-SZ").allocated(), "nothing of this lock came from an allocation");
    }

    @Test
    void aChannelAtZeroPercentPublishesOnlyItsAllocations()
    {
        driver.set("A1", "CN-SZ", 100);
        channels.put("escrow-only", null, 0, 0, null, false);
        channels.bind("escrow-only", "L1", "A1");
        assertEquals(0, channels.published("escrow-only", "L1"));
        channels.allocate("escrow-only", "A1", "CN-SZ", 10).ok().publishedChanges("escrow-only/L1=10");
        driver.lock("o1", line("A1", "CN-SZ", 90)).ok().publishedChanges();
        channels.lock(order("o2").channel("escrow-only"), sku("A1", 10)).ok().publishedChanges("escrow-only/L1=0");
    }

    @Test
    void placementWithoutAWarehouseCountsOnlyTheLocksOwnChannelsAllocations()
    {
        driver.set("A1", "CN-SZ", 5);
        driver.set("A1", "US-LA", 10);
        channels.allocate("ae", "A1", "CN-SZ", 5).ok();
        assertEquals("US-LA", channels.lock(order("o1").channel("us"), sku("A1", 5)).ok().line(0).warehouse());
        assertEquals("CN-SZ", channels.lock(order("o2").channel("ae"), sku("A1", 5)).ok().line(0).warehouse());
    }

    private void assertLevels(final long onHand, final long reserved, final long allocated)
    {
        assertEquals(List.of(onHand, reserved, allocated), List.of(driver.cell("A1", "CN-SZ").onHand(),
            driver.cell("A1", "CN-SZ").reserved(), driver.cell("A1", "CN-SZ").allocated()));
        assertEquals(allocated, channels.allocation("ae", "A1", "CN-SZ").ok().allocation().units());
    }
}
