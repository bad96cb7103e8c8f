package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.model.ModelLevel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.stockhold.engine.ledger.LedgerDriver.driver;
import static dev.stockhold.engine.ledger.LedgerDriver.item;
import static dev.stockhold.engine.ledger.LedgerDriver.line;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Set (PUT and batch), adjust and receive: counts from warehouses; version 0 is create-only (docs/design.md). */
class StockSyncTest
{
    private final LedgerDriver driver = driver();

    @Test
    void aPutCreatesTheCellAtVersionOne()
    {
        final Outcome put = driver.set("A1", "CN-SZ", 100, 20, 5).ok().changed("A1/CN-SZ");
        assertEquals(new ModelLevel("A1", "CN-SZ", 100, 0, 20, 0, 5, 1), put.level());
        assertEquals(95, put.level().available());
        assertEquals(20, put.level().presaleAvailable());
    }

    @Test
    void anEmptyPutCreatesACellOfZeros()
    {
        final Outcome put = driver.batch(item("A1", "CN-SZ", null, null, null)).ok().changed("A1/CN-SZ");
        assertEquals(new ModelLevel("A1", "CN-SZ", 0, 0, 0, 0, 0, 1), put.level());
    }

    @Test
    void fieldsLeftOutStayAsTheyWere()
    {
        driver.set("A1", "CN-SZ", 100, 20, 5);
        final Outcome put = driver.batch(item("A1", "CN-SZ", null, 7L, null)).ok();
        assertEquals(new ModelLevel("A1", "CN-SZ", 100, 0, 7, 0, 5, 2), put.level());
    }

    @Test
    void aPutThatChangesNothingLeavesTheVersion()
    {
        driver.set("A1", "CN-SZ", 100);
        final Outcome put = driver.set("A1", "CN-SZ", 100).ok().noChanges();
        assertEquals(1, put.level().version());
    }

    @Test
    void expectedVersionIsACompareAndSet()
    {
        driver.set("A1", "CN-SZ", 100);
        driver.batch(item("A1", "CN-SZ", 90).expecting(2)).fails(ErrorCode.VERSION_CONFLICT);
        driver.batch(item("A1", "CN-SZ", 90).expecting(1)).ok();
        driver.batch(item("A1", "CN-SZ", 80).expecting(1)).fails(ErrorCode.VERSION_CONFLICT);
        assertEquals(90, driver.cell("A1", "CN-SZ").onHand());
    }

    @Test
    void expectedVersionZeroMeansCreateOnly()
    {
        driver.batch(item("A1", "CN-SZ", 5).expecting(0)).ok();
        driver.batch(item("A1", "CN-SZ", 6).expecting(0)).fails(ErrorCode.VERSION_CONFLICT);
        driver.batch(item("B7", "CN-SZ", 5).expecting(3)).fails(ErrorCode.VERSION_CONFLICT);
        driver.batch(item("B7", "CN-SZ", 5).expecting(-1)).fails(ErrorCode.INVALID_REQUEST);
        driver.getCell("B7", "CN-SZ").fails(ErrorCode.SKU_NOT_FOUND);
    }

    @Test
    void aBatchAnswersEachItemInRequestOrder()
    {
        driver.set("B7", "US-LA", 1);
        final Outcome batch = driver.batch(item("B7", "US-LA", 4), item("A1", "CN-SZ", 3)).ok()
            .changed("B7/US-LA", "A1/CN-SZ");
        assertEquals(List.of("B7", "A1"), batch.levels().stream().map(ModelLevel::sku).toList());
        assertEquals(2, batch.levels().get(0).version());
        assertEquals(1, batch.levels().get(1).version());
    }

    @Test
    void aBatchIsAllOrNothing()
    {
        driver.set("A1", "CN-SZ", 1);
        driver.batch(item("A1", "CN-SZ", 9), item("B7", "CN-SZ", 9).expecting(4)).fails(ErrorCode.VERSION_CONFLICT);
        driver.batch(item("A1", "CN-SZ", 9), item("B/7", "CN-SZ", 9)).fails(ErrorCode.INVALID_REQUEST);
        driver.batch(item("A1", "CN-SZ", 9), item("B7", "CN-SZ", -1)).fails(ErrorCode.INVALID_QUANTITY);
        assertEquals(1, driver.cell("A1", "CN-SZ").onHand());
        driver.getCell("B7", "CN-SZ").fails(ErrorCode.SKU_NOT_FOUND);
    }

    @Test
    void theSameCellTwiceInABatchIsAnInvalidRequest()
    {
        driver.batch(item("A1", "CN-SZ", 1), item("A1", "CN-SZ", 2)).fails(ErrorCode.INVALID_REQUEST);
        driver.batch().fails(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void levelsAreZeroToATrillion()
    {
        driver.set("A1", "CN-SZ", 1_000_000_000_000L).ok();
        driver.set("A1", "CN-SZ", 1_000_000_000_001L).fails(ErrorCode.INVALID_QUANTITY);
        driver.batch(item("A1", "CN-SZ", null, -1L, null)).fails(ErrorCode.INVALID_QUANTITY);
    }

    @Test
    void aCountBelowWhatIsReservedShowsAShortage()
    {
        driver.set("A1", "CN-SZ", 10);
        driver.lock("o1", line("A1", "CN-SZ", 8)).ok();
        final ModelLevel level = driver.set("A1", "CN-SZ", 5).ok().level();
        assertEquals(3, level.shortage());
        assertEquals(0, level.available());
        driver.lock("o2", line("A1", "CN-SZ", 1)).fails(ErrorCode.INSUFFICIENT_STOCK);
    }

    @Test
    void anAdjustAddsItsDeltas()
    {
        driver.set("A1", "CN-SZ", 10, 5, 1);
        final Outcome adjust = driver.adjust("A1", "CN-SZ", -3, 2, 1).ok().changed("A1/CN-SZ");
        assertEquals(new ModelLevel("A1", "CN-SZ", 7, 0, 7, 0, 2, 2), adjust.level());
        driver.adjust("A1", "CN-SZ", 0, 0, 0).ok().noChanges();
    }

    @Test
    void anAdjustBelowZeroIsAnInvalidQuantity()
    {
        driver.set("A1", "CN-SZ", 10);
        driver.adjust("A1", "CN-SZ", -11, 0, 0).fails(ErrorCode.INVALID_QUANTITY);
        driver.adjust("A1", "CN-SZ", 0, -1, 0).fails(ErrorCode.INVALID_QUANTITY);
        driver.adjust("A1", "US-LA", 1, 0, 0).fails(ErrorCode.SKU_NOT_FOUND);
        driver.adjust("A1", "CN/SZ", 1, 0, 0).fails(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void aReceiveMovesInTransitStockOnHand()
    {
        driver.set("A1", "CN-SZ", 10, 20, 0);
        final Outcome receive = driver.receive("A1", "CN-SZ", 15).ok().changed("A1/CN-SZ");
        assertEquals(new ModelLevel("A1", "CN-SZ", 25, 0, 5, 0, 0, 2), receive.level());
        driver.receive("A1", "CN-SZ", 6).fails(ErrorCode.INVALID_QUANTITY);
        driver.receive("A1", "CN-SZ", 0).fails(ErrorCode.INVALID_QUANTITY);
        driver.receive("A1", "US-LA", 1).fails(ErrorCode.SKU_NOT_FOUND);
    }

    @Test
    void readsAnswerCellsAndSkusAndChangeNothing()
    {
        driver.set("A1", "US-LA", 3);
        driver.set("A1", "CN-SZ", 4);
        final List<ModelLevel> sku = driver.getSku("A1").ok().noChanges().levels();
        assertEquals(List.of("US-LA", "CN-SZ"), sku.stream().map(ModelLevel::warehouse).toList(),
            "warehouses in priority order: first seen first");
        driver.getSku("Z9").fails(ErrorCode.SKU_NOT_FOUND);
        driver.getCell("Z9", "CN-SZ").fails(ErrorCode.SKU_NOT_FOUND);
        assertEquals(1, driver.cell("A1", "CN-SZ").version());
    }
}
