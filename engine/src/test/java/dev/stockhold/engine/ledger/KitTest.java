package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.model.ModelChannelViews;
import dev.stockhold.engine.model.ModelShortLine;
import dev.stockhold.engine.model.ModelView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.stockhold.engine.ledger.ChannelDriver.sku;
import static dev.stockhold.engine.ledger.LedgerDriver.driver;
import static dev.stockhold.engine.ledger.LedgerDriver.line;
import static dev.stockhold.engine.ledger.LedgerDriver.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Kits (docs/channels.md, "Kits"): definitions and their errors, availability per warehouse, and kit lock
 * lines that become component lines in one warehouse, with demand summed per cell.
 */
class KitTest
{
    private final LedgerDriver driver = driver();
    private final ChannelDriver channels = new ChannelDriver(driver);

    @BeforeEach
    void stock()
    {
        driver.set("A1", "CN-SZ", 10);
        driver.set("B7", "CN-SZ", 3);
        driver.set("A1", "US-LA", 4);
        driver.set("B7", "US-LA", 9);
        driver.set("A1", "DE-BE", 100);
    }

    @Test
    void aKitAnswersItsComponentsAndWholeKitsPerWarehouseInPriorityOrder()
    {
        final ModelChannelViews.Kit kit = new ModelChannelViews.Kit("K1", List.of(List.of("A1", 2L), List.of("B7", 1L)),
            List.of(List.of("CN-SZ", 3L), List.of("US-LA", 2L)), 1);
        assertEquals(kit, channels.kit("K1", "A1", 2, "B7", 1).ok().kit());
        assertEquals(kit, channels.getKit("K1").ok().kit());
        assertEquals(1, channels.kit("K1", "A1", 2, "B7", 1).ok().kit().version(), "the same components");
        assertEquals(2, channels.kit("K1", "B7", 1, "A1", 2).ok().kit().version());
        channels.getKit("A1").fails(ErrorCode.SKU_NOT_FOUND);
    }

    @Test
    void aKitIsNeverAStockedSkuAndItsComponentsAreStockedSkus()
    {
        channels.kit("K1", "A1", 1).ok();
        channels.kit("A1", "B7", 1).fails(ErrorCode.INVALID_REQUEST);
        channels.kit("K2", "K1", 1).fails(ErrorCode.INVALID_REQUEST);
        channels.kit("K2", "ZZ", 1).fails(ErrorCode.SKU_NOT_FOUND);
        channels.kit("K2", "A1", 1_001).fails(ErrorCode.INVALID_QUANTITY);
        channels.kit("K2", "A1", 1, "A1", 2).fails(ErrorCode.INVALID_REQUEST);
        channels.kit("K2").fails(ErrorCode.INVALID_REQUEST);
        driver.set("K1", "CN-SZ", 5).fails(ErrorCode.INVALID_REQUEST);
        driver.batch(LedgerDriver.item("A1", "CN-SZ", 1), LedgerDriver.item("K1", "US-LA", 1))
            .fails(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void aKitLineBecomesComponentLinesInTheFirstWarehouseWhereEveryComponentFits()
    {
        channels.kit("K1", "A1", 2, "B7", 1);
        assertEquals(List.of(new ModelView.Line("A1", "CN-SZ", 6, false, 0, 0, 0, "K1", null),
                new ModelView.Line("B7", "CN-SZ", 3, false, 0, 0, 0, "K1", null)),
            channels.lock(order("o1"), sku("K1", 3)).ok().view().lines());
        assertEquals(List.of("US-LA", "US-LA"), channels.lock(order("o2"), sku("K1", 2)).ok().view().lines().stream()
            .map(ModelView.Line::warehouse).toList());
    }

    @Test
    void aKitLineIsNeverSplitNorPresale()
    {
        channels.kit("K1", "A1", 2, "B7", 1);
        driver.set("B7", "CN-SZ", 3, 50, 0);
        assertEquals(List.of(new ModelShortLine("K1", "CN-SZ", 4, 3)),
            channels.lock(order("o1").split().presale(), sku("K1", 4)).fails(ErrorCode.INSUFFICIENT_STOCK).shortLines());
    }

    @Test
    void aNamedWarehouseMustHoldEveryComponent()
    {
        channels.kit("K1", "A1", 2, "B7", 1);
        assertEquals("US-LA", channels.lock(order("o1"), sku("K1", "US-LA", 2)).ok().line(1).warehouse());
        channels.lock(order("o2"), sku("K1", "DE-BE", 1)).fails(ErrorCode.SKU_NOT_FOUND);
    }

    @Test
    void linesOfOneLockOnTheSameCellMustFitTogether()
    {
        channels.kit("K1", "A1", 2, "B7", 1);
        channels.kit("K2", "A1", 1);
        assertEquals(List.of(new ModelShortLine("A1", "CN-SZ", 7, 6)),
            channels.lock(order("o1"), sku("K1", "CN-SZ", 2), sku("A1", "CN-SZ", 7))
                .fails(ErrorCode.INSUFFICIENT_STOCK).shortLines());
        assertEquals(List.of(new ModelShortLine("K2", "CN-SZ", 7, 6)),
            channels.lock(order("o1"), sku("K1", "CN-SZ", 2), sku("K2", "CN-SZ", 7))
                .fails(ErrorCode.INSUFFICIENT_STOCK).shortLines(), "two kits sharing a component");
        channels.lock(order("o1"), sku("K1", "CN-SZ", 2), sku("A1", "CN-SZ", 6)).ok();
        assertEquals(0, driver.cell("A1", "CN-SZ").available());
    }

    @Test
    void componentLinesAreReleasedBySkuAndWarehouseAndANewDefinitionAppliesToLaterLocks()
    {
        channels.kit("K1", "A1", 2, "B7", 1);
        channels.lock(order("o1"), sku("K1", 1)).ok();
        driver.release("o1", line("B7", "CN-SZ", 1)).ok();
        assertEquals(3, driver.cell("B7", "CN-SZ").available());
        channels.kit("K1", "A1", 1).ok();
        assertEquals(2, driver.reservation("o1").lines().size(), "an existing reservation keeps its lines");
        assertEquals(1, channels.lock(order("o2"), sku("K1", 1)).ok().view().lines().size());
    }
}
