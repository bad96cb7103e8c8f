package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.ReservationState;
import dev.stockhold.engine.command.ReservationView;
import dev.stockhold.engine.model.ModelShortLine;
import dev.stockhold.engine.model.ModelView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.stockhold.engine.ledger.LedgerDriver.driver;
import static dev.stockhold.engine.ledger.LedgerDriver.line;
import static dev.stockhold.engine.ledger.LedgerDriver.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lock rules of docs/design.md: all lines or none, never beyond available, idempotent by orderId. */
class LockTest
{
    private final LedgerDriver driver = driver();

    @Test
    void aLockReservesEachLineAndAnswersTheReservation()
    {
        driver.set("A1", "CN-SZ", 100);
        driver.set("B7", "CN-SZ", 10);
        final Outcome lock = driver.lock(order("AE-1").channel("aliexpress").ttl(900),
            line("A1", "CN-SZ", 2), line("B7", "CN-SZ", 1)).ok().fresh().state(ReservationState.LOCKED);

        assertEquals(new ModelView("AE-1", "aliexpress", ReservationState.LOCKED, driver.now(),
            driver.now() + 900_000, List.of(
                new ModelView.Line("A1", "CN-SZ", 2, false, 0, 0, 0),
                new ModelView.Line("B7", "CN-SZ", 1, false, 0, 0, 0))), lock.view());
        lock.changed("A1/CN-SZ", "B7/CN-SZ");
        assertEquals(2, driver.cell("A1", "CN-SZ").reserved());
        assertEquals(98, driver.cell("A1", "CN-SZ").available());
        assertEquals(2, driver.cell("A1", "CN-SZ").version(), "one lock adds one version");
    }

    @Test
    void aLockWithoutTtlNeverExpiresAndItsChannelMayBeAbsent()
    {
        driver.set("A1", "CN-SZ", 5);
        final ModelView view = driver.lock("o1", line("A1", "CN-SZ", 1)).ok().view();
        assertEquals(ReservationView.NO_EXPIRY, view.expiresAtMillis());
        assertEquals(null, view.channel());
    }

    @Test
    void aLockMayTakeExactlyWhatIsAvailableButNotOneMore()
    {
        driver.set("A1", "CN-SZ", 10, 0, 3);
        driver.lock("o1", line("A1", "CN-SZ", 8)).fails(ErrorCode.INSUFFICIENT_STOCK);
        driver.lock("o1", line("A1", "CN-SZ", 7)).ok();
        assertEquals(0, driver.cell("A1", "CN-SZ").available());
    }

    @Test
    void aMultiLineLockIsAllOrNothingAndReportsEveryShortLine()
    {
        driver.set("A1", "CN-SZ", 5);
        driver.set("B7", "CN-SZ", 1);
        driver.set("C3", "CN-SZ", 0);
        final Outcome lock = driver.lock("o1", line("A1", "CN-SZ", 2), line("B7", "CN-SZ", 3),
            line("C3", "CN-SZ", 1)).fails(ErrorCode.INSUFFICIENT_STOCK);
        assertEquals(List.of(new ModelShortLine("B7", "CN-SZ", 3, 1), new ModelShortLine("C3", "CN-SZ", 1, 0)),
            lock.shortLines());
        assertEquals(0, driver.cell("A1", "CN-SZ").reserved(), "the line that fitted was not reserved");
        driver.getReservation("o1").fails(ErrorCode.ORDER_NOT_FOUND);
    }

    @Test
    void linesOfOneOrderOnTheSameCellAddUpAndAreNotMerged()
    {
        driver.set("A1", "CN-SZ", 5);
        driver.lock("o1", line("A1", "CN-SZ", 3), line("A1", "CN-SZ", 3)).fails(ErrorCode.INSUFFICIENT_STOCK);
        final Outcome lock = driver.lock("o1", line("A1", "CN-SZ", 3), line("A1", "CN-SZ", 2)).ok();
        assertEquals(2, lock.view().lines().size());
        assertEquals(5, lock.changes().get(0).reserved());
    }

    @Test
    void lockingTheSameOrderAgainWithTheSameLinesReplaysTheExistingReservation()
    {
        driver.set("A1", "CN-SZ", 5);
        driver.lock("o1", line("A1", "CN-SZ", 2)).ok().fresh();
        driver.release("o1", line("A1", "CN-SZ", 1)).ok();
        final Outcome again = driver.lock("o1", line("A1", "CN-SZ", 2)).ok().replayed();
        assertEquals(ReservationState.PARTIAL, again.view().state(), "the reservation as it is now");
        assertEquals(1, driver.cell("A1", "CN-SZ").reserved());
    }

    @Test
    void aRepeatIsComparedByTheRequestedLinesNotThePlacedOnes()
    {
        driver.set("A1", "CN-SZ", 1);
        driver.set("A1", "US-LA", 1);
        driver.lock(order("o1").split(), line("A1", 2)).ok();
        driver.lock(order("o1").split(), line("A1", 2)).ok().replayed();
        driver.lock("o1", line("A1", "CN-SZ", 1), line("A1", "US-LA", 1)).fails(ErrorCode.ORDER_CONFLICT);
    }

    @Test
    void codesWhoseStringHashesCollideAreStillOtherLines()
    {
        assertEquals("Aa".hashCode(), "BB".hashCode(), "the premise: Java's 32-bit string hashes collide");
        driver.set("Aa", "CN-SZ", 5);
        driver.set("BB", "CN-SZ", 5);
        driver.lock("o1", line("Aa", "CN-SZ", 2)).ok();
        driver.lock("o1", line("BB", "CN-SZ", 2)).fails(ErrorCode.ORDER_CONFLICT);
        driver.lock("o1", line("Aa", 2)).fails(ErrorCode.ORDER_CONFLICT);
        driver.lock("o1", line("Aa", "CN-SZ", 2)).ok().replayed();
        assertEquals(0, driver.cell("BB", "CN-SZ").reserved());
    }

    @Test
    void aRepeatNamingAnUnknownCodeIsAConflictNotAMissingSku()
    {
        driver.set("A1", "CN-SZ", 5);
        driver.lock("o1", line("A1", "CN-SZ", 2)).ok();
        driver.lock("o1", line("NOPE", "CN-SZ", 2)).fails(ErrorCode.ORDER_CONFLICT);
        driver.lock("o2", line("NOPE", "CN-SZ", 2)).fails(ErrorCode.SKU_NOT_FOUND);
    }

    @Test
    void theSameLinesInAnotherOrderAreARepeatNotAConflict()
    {
        driver.set("A1", "CN-SZ", 5);
        driver.set("B7", "CN-SZ", 5);
        driver.lock("o1", line("A1", "CN-SZ", 2), line("B7", 1)).ok();
        driver.lock("o1", line("B7", 1), line("A1", "CN-SZ", 2)).ok().replayed();
        driver.lock("o1", line("B7", 2), line("A1", "CN-SZ", 1)).fails(ErrorCode.ORDER_CONFLICT);
        assertEquals(2, driver.cell("A1", "CN-SZ").reserved());
        assertEquals(1, driver.cell("B7", "CN-SZ").reserved());
    }

    @Test
    void lockingTheSameOrderWithOtherLinesIsAConflict()
    {
        driver.set("A1", "CN-SZ", 5);
        driver.lock("o1", line("A1", "CN-SZ", 2)).ok();
        driver.lock("o1", line("A1", "CN-SZ", 3)).fails(ErrorCode.ORDER_CONFLICT);
        driver.lock("o1", line("A1", 2)).fails(ErrorCode.ORDER_CONFLICT);
        driver.lock("o1", line("A1", "CN-SZ", 2), line("A1", "CN-SZ", 1)).fails(ErrorCode.ORDER_CONFLICT);
    }

    @Test
    void aSkuWithoutCellsOrAMissingCellIsNotFound()
    {
        driver.set("A1", "CN-SZ", 5);
        driver.lock("o1", line("Z9", "CN-SZ", 1)).fails(ErrorCode.SKU_NOT_FOUND);
        driver.lock("o1", line("A1", "US-LA", 1)).fails(ErrorCode.SKU_NOT_FOUND);
        driver.lock("o1", line("Z9", 1)).fails(ErrorCode.SKU_NOT_FOUND);
    }

    @Test
    void unknownSkuIsReportedBeforeShortStock()
    {
        driver.set("A1", "CN-SZ", 0);
        driver.lock("o1", line("A1", "CN-SZ", 1), line("Z9", "CN-SZ", 1)).fails(ErrorCode.SKU_NOT_FOUND);
    }

    @Test
    void badCodesAndFieldsAreInvalidRequests()
    {
        driver.set("A1", "CN-SZ", 5);
        driver.lock("", line("A1", "CN-SZ", 1)).fails(ErrorCode.INVALID_REQUEST);
        driver.lock("x".repeat(65), line("A1", "CN-SZ", 1)).fails(ErrorCode.INVALID_REQUEST);
        driver.lock("o\u00e9", line("A1", "CN-SZ", 1)).fails(ErrorCode.INVALID_REQUEST);
        driver.lock("o1", line("A/1", "CN-SZ", 1)).fails(ErrorCode.INVALID_REQUEST);
        driver.lock("o1", line("A 1", "CN-SZ", 1)).fails(ErrorCode.INVALID_REQUEST);
        driver.lock("o1", line("A1", "C".repeat(65), 1)).fails(ErrorCode.INVALID_REQUEST);
        driver.lock("o1").fails(ErrorCode.INVALID_REQUEST);
        driver.lock(order("o1").channel("c".repeat(65)), line("A1", "CN-SZ", 1)).fails(ErrorCode.INVALID_REQUEST);
        driver.lock(order("o1").ttl(-1), line("A1", "CN-SZ", 1)).fails(ErrorCode.INVALID_REQUEST);
        driver.lock(order("o1").ttl(31_536_001), line("A1", "CN-SZ", 1)).fails(ErrorCode.INVALID_REQUEST);
        driver.lock(order("o1").ttl(31_536_000).channel("c".repeat(64)), line("A1", "CN-SZ", 1)).ok();
    }

    @Test
    void anOrderIdMayContainSpaces()
    {
        driver.set("A1", "CN-SZ", 5);
        driver.lock("order 1", line("A1", "CN-SZ", 1)).ok();
    }

    @Test
    void quantitiesOutsideOneToABillionAreInvalidQuantities()
    {
        driver.set("A1", "CN-SZ", 5);
        driver.lock("o1", line("A1", "CN-SZ", 0)).fails(ErrorCode.INVALID_QUANTITY);
        driver.lock("o1", line("A1", "CN-SZ", -1)).fails(ErrorCode.INVALID_QUANTITY);
        driver.lock("o1", line("A1", "CN-SZ", 1_000_000_001)).fails(ErrorCode.INVALID_QUANTITY);
        driver.lock("o1", line("A1", "CN-SZ", 1_000_000_000)).fails(ErrorCode.INSUFFICIENT_STOCK);
    }

    @Test
    void safetyStockIsNeverOffered()
    {
        driver.set("A1", "CN-SZ", 10, 0, 10);
        final Outcome lock = driver.lock("o1", line("A1", "CN-SZ", 1)).fails(ErrorCode.INSUFFICIENT_STOCK);
        assertEquals(List.of(new ModelShortLine("A1", "CN-SZ", 1, 0)), lock.shortLines());
    }

    @Test
    void withoutPresaleInTransitStockIsNotOffered()
    {
        driver.set("A1", "CN-SZ", 0, 50, 0);
        driver.lock("o1", line("A1", "CN-SZ", 1)).fails(ErrorCode.INSUFFICIENT_STOCK);
    }
}
