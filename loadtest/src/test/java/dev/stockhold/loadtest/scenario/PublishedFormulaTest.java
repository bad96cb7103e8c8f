package dev.stockhold.loadtest.scenario;

import dev.stockhold.loadtest.workload.ChannelCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The harness's own published-quantity formula, on figures worked out by hand from the rules. */
class PublishedFormulaTest
{
    private static final List<String> WAREHOUSES = List.of("W1", "W2", "W3");
    private static final Map<String, PublishedFormula.Cell> CELLS = Map.of(
        "A/W1", new PublishedFormula.Cell(10, 4),
        "A/W2", new PublishedFormula.Cell(7, 0),
        "A/W3", new PublishedFormula.Cell(100, 0),
        "B/W1", new PublishedFormula.Cell(3, 0),
        "B/W2", new PublishedFormula.Cell(9, 0));

    @Test
    void anSkuOverTheChannelsWarehousesWithBufferPercentAllocationCapAndPresale()
    {
        final ChannelCatalog.Channel channel = new ChannelCatalog.Channel("c", List.of("W1", "W2"), 2, 50, null, true);
        // K = (10+5) + (7+0) = 22, E = 5, shared = 22-5-2 = 15, 15*50/100 = 7, + E 5 + presale 4 = 16.
        assertEquals(16, PublishedFormula.published(channel, "A", null, CELLS, Map.of("A/W1", 5L), WAREHOUSES));
        final ChannelCatalog.Channel capped = new ChannelCatalog.Channel("c", List.of("W1", "W2"), 2, 50, 12L, true);
        assertEquals(12, PublishedFormula.published(capped, "A", null, CELLS, Map.of("A/W1", 5L), WAREHOUSES));
        final ChannelCatalog.Channel none = new ChannelCatalog.Channel("c", null, 200, 0, null, false);
        // Percent 0 and a buffer larger than the pool: only the allocation is published.
        assertEquals(5, PublishedFormula.published(none, "A", null, CELLS, Map.of("A/W1", 5L), WAREHOUSES));
    }

    @Test
    void aKitCountsWholeKitsPerWarehouseWhereEveryComponentHasUnits()
    {
        final List<ChannelCatalog.Component> kit = List.of(new ChannelCatalog.Component("A", 2),
            new ChannelCatalog.Component("B", 3));
        final ChannelCatalog.Channel all = new ChannelCatalog.Channel("c", null, 0, 100, null, true);
        // W1: min((10+2)/2, (3+3)/3) = 2, held min(2/2, 3/3) = 1; W2: min(7/2, 9/3) = 3; W3: no B, 0. K = 5, E = 1.
        assertEquals(5, PublishedFormula.published(all, "K", kit, CELLS, Map.of("A/W1", 2L, "B/W1", 3L),
            WAREHOUSES));
        final ChannelCatalog.Channel half = new ChannelCatalog.Channel("c", null, 1, 50, null, true);
        // E 1 + (5 - 1 - 1) * 50 / 100 = 1 + 1 = 2; presale never counts for a kit.
        assertEquals(2, PublishedFormula.published(half, "K", kit, CELLS, Map.of("A/W1", 2L, "B/W1", 3L),
            WAREHOUSES));
    }
}
