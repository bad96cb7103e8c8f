package dev.stockhold.engine.ledger;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Cell lookup by (SKU, warehouse) compares the SKU with the copy kept in the cell's row when the code is
 * short ASCII, and with the stored String otherwise: both must tell apart codes that share a hash.
 */
class StockCellsTest
{
    private static final String LONG_PREFIX = "X".repeat(StockCells.MAX_INLINE_LENGTH - 1);

    /** Pairs with equal {@code String.hashCode}, inline and not, and codes at each word boundary. */
    private static final List<String> CODES = List.of(
        "A", "Aa", "BB", "AaAa", "BBBB", "AaBB",
        "ABCDEFG", "ABCDEFGH", "ABCDEFGHI", "ABCDEFGHJ", "ABCDEFGH\u007f",
        LONG_PREFIX + "Z", LONG_PREFIX + "Aa", LONG_PREFIX + "BB", LONG_PREFIX + "ZZZZZZZZ",
        "SKU-\u00e9", "SKU-\u00e8", "SKU-\u4e2d", "SKU-\u4e2e", "\u00e9".repeat(9));

    @Test
    void everyCodeFindsItsOwnCellAndNoOther()
    {
        assertEquals("Aa".hashCode(), "BB".hashCode(), "the test needs colliding codes");
        assertEquals((LONG_PREFIX + "Aa").hashCode(), (LONG_PREFIX + "BB").hashCode());
        final StockCells cells = new StockCells(List.of("W1", "W2"));
        for (final String code : CODES)
        {
            cells.create(code, "W1");
        }
        for (int i = 0; i < CODES.size(); i++)
        {
            // A fresh instance, as a decoded request brings: String identity must not decide.
            final String asSent = new String(CODES.get(i).toCharArray());
            assertEquals(i, cells.find(asSent, "W1"), CODES.get(i));
            assertEquals(CODES.get(i), cells.skuCode(i));
            assertEquals(StockCells.MISSING, cells.find(asSent, "W2"), "other warehouse of " + CODES.get(i));
        }
    }

    @Test
    void nearMissesFindNothing()
    {
        final StockCells cells = new StockCells(List.of("W1"));
        for (final String code : CODES)
        {
            cells.create(code, "W1");
        }
        for (final String code : List.of("", "a", "AA", "Ab", "ABCDEFGHK", "ABCDEFGh", "ABCDEF",
            "ABCDEFGH\u00ff", LONG_PREFIX, LONG_PREFIX + "Y", LONG_PREFIX + "AaB", "SKU-e", "SKU-\u4e2f",
            "\u00e9".repeat(8)))
        {
            assertEquals(StockCells.MISSING, cells.find(code, "W1"), code);
        }
    }

    @Test
    void cellsKeepTheirOwnKeysThroughGrowth()
    {
        final StockCells cells = new StockCells(List.of("W1", "W2"));
        for (int i = 0; i < 5_000; i++)
        {
            cells.create("SKU-" + i, i % 2 == 0 ? "W1" : "W2");
        }
        for (int i = 0; i < 5_000; i++)
        {
            assertEquals(i, cells.find("SKU-" + i, i % 2 == 0 ? "W1" : "W2"));
            assertNotEquals(i, cells.find("SKU-" + i, i % 2 == 0 ? "W2" : "W1"));
        }
    }
}
