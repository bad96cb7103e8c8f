package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.model.ModelShortLine;
import dev.stockhold.engine.model.ModelView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.stockhold.engine.ledger.LedgerDriver.driver;
import static dev.stockhold.engine.ledger.LedgerDriver.line;
import static dev.stockhold.engine.ledger.LedgerDriver.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The engine's choice of warehouse for a line without one: whole, else split, else presale (docs/design.md). */
class WarehouseChoiceTest
{
    private final LedgerDriver driver = driver();
    private final LedgerDriver prioritised = new LedgerDriver(
        LedgerConfig.defaults().withWarehousePriority(List.of("DE-BE", "US-LA")));

    private static List<String> warehouses(final Outcome lock)
    {
        return lock.view().lines().stream().map(ModelView.Line::warehouse).toList();
    }

    @Test
    void theFirstSeenWarehouseThatTakesTheWholeLineGetsIt()
    {
        driver.set("A1", "CN-SZ", 1);
        driver.set("A1", "US-LA", 5);
        driver.set("A1", "DE-BE", 5);
        assertEquals(List.of("US-LA"), warehouses(driver.lock("o1", line("A1", 3)).ok()));
        assertEquals(List.of("CN-SZ"), warehouses(driver.lock("o2", line("A1", 1)).ok()));
    }

    @Test
    void theConfiguredPriorityComesBeforeFirstSeen()
    {
        prioritised.set("A1", "CN-SZ", 5);
        prioritised.set("A1", "US-LA", 5);
        prioritised.set("A1", "DE-BE", 1);
        assertEquals(List.of("US-LA"), warehouses(prioritised.lock("o1", line("A1", 2)).ok()));
        assertEquals(List.of("DE-BE"), warehouses(prioritised.lock("o2", line("A1", 1)).ok()));
        assertEquals(List.of("DE-BE", "US-LA", "CN-SZ"),
            prioritised.getSku("A1").ok().levels().stream().map(l -> l.warehouse()).toList());
    }

    @Test
    void aWarehouseIsSeenWhenItsFirstCellIsCreatedForAnySku()
    {
        driver.set("B7", "US-LA", 0);
        driver.set("A1", "CN-SZ", 5);
        driver.set("A1", "US-LA", 5);
        assertEquals(List.of("US-LA"), warehouses(driver.lock("o1", line("A1", 1)).ok()));
    }

    @Test
    void aLockNamingAnUnknownWarehouseDoesNotMakeItSeen()
    {
        driver.set("A1", "CN-SZ", 5);
        driver.lock("o1", line("A1", "US-LA", 1)).fails(ErrorCode.SKU_NOT_FOUND);
        driver.set("A1", "DE-BE", 5);
        driver.set("A1", "US-LA", 5);
        driver.set("A1", "CN-SZ", 0);
        assertEquals(List.of("DE-BE"), warehouses(driver.lock("o2", line("A1", 1)).ok()));
    }

    @Test
    void aSplitSpreadsALineInPriorityOrderOneLinePerWarehouse()
    {
        driver.set("A1", "CN-SZ", 2);
        driver.set("A1", "US-LA", 0);
        driver.set("A1", "DE-BE", 3);
        driver.set("A1", "FR-PA", 9);
        final Outcome lock = driver.lock(order("o1").split(), line("A1", "CN-SZ", 1), line("A1", 10)).ok();
        assertEquals(List.of(
            new ModelView.Line("A1", "CN-SZ", 1, false, 0, 0, 0),
            new ModelView.Line("A1", "CN-SZ", 1, false, 0, 0, 0),
            new ModelView.Line("A1", "DE-BE", 3, false, 0, 0, 0),
            new ModelView.Line("A1", "FR-PA", 6, false, 0, 0, 0)), lock.view().lines());
        lock.changed("A1/CN-SZ", "A1/DE-BE", "A1/FR-PA");
    }

    @Test
    void aWholePlacementIsPreferredToASplit()
    {
        driver.set("A1", "CN-SZ", 2);
        driver.set("A1", "US-LA", 4);
        assertEquals(List.of("US-LA"), warehouses(driver.lock(order("o1").split(), line("A1", 3)).ok()));
    }

    @Test
    void aShortEngineChosenLineNamesTheClosestWarehouseAndReportsItsOrTheTotalAvailable()
    {
        driver.set("A1", "CN-SZ", 2);
        driver.set("A1", "US-LA", 3);
        driver.set("A1", "DE-FR", 3);
        assertEquals(List.of(new ModelShortLine("A1", "US-LA", 9, 3)),
            driver.lock("o1", line("A1", 9)).fails(ErrorCode.INSUFFICIENT_STOCK).shortLines());
        assertEquals(List.of(new ModelShortLine("A1", "US-LA", 9, 8)),
            driver.lock(order("o1").split(), line("A1", 9)).fails(ErrorCode.INSUFFICIENT_STOCK).shortLines());
    }

    @Test
    void earlierLinesOfTheSameOrderCountAgainstAWarehouse()
    {
        driver.set("A1", "CN-SZ", 3);
        driver.set("A1", "US-LA", 3);
        final Outcome lock = driver.lock("o1", line("A1", "CN-SZ", 2), line("A1", 2)).ok();
        assertEquals(List.of("CN-SZ", "US-LA"), warehouses(lock));
    }
}
