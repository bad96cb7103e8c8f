package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.ReservationState;
import dev.stockhold.engine.model.ModelLevel;
import dev.stockhold.engine.model.ModelView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.stockhold.engine.ledger.LedgerDriver.driver;
import static dev.stockhold.engine.ledger.LedgerDriver.line;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Release, deduct and return, whole or by lines taken from the order's lines on each cell (docs/design.md). */
class SettlementTest
{
    private final LedgerDriver driver = driver();

    @BeforeEach
    void stock()
    {
        driver.set("A1", "CN-SZ", 10);
        driver.set("B7", "CN-SZ", 10);
    }

    @Test
    void releasingAWholeOrderGivesEverythingBack()
    {
        driver.lock("o1", line("A1", "CN-SZ", 3), line("B7", "CN-SZ", 2)).ok();
        final Outcome release = driver.release("o1").ok().state(ReservationState.RELEASED)
            .changed("A1/CN-SZ", "B7/CN-SZ");
        assertEquals(new ModelView.Line("A1", "CN-SZ", 3, false, 0, 3, 0), release.line(0));
        assertEquals(0, driver.cell("A1", "CN-SZ").reserved());
        assertEquals(10, driver.cell("A1", "CN-SZ").available());
    }

    @Test
    void releasingPartOfALineLeavesTheOrderPartial()
    {
        driver.lock("o1", line("A1", "CN-SZ", 3)).ok();
        driver.release("o1", line("A1", "CN-SZ", 1)).ok().state(ReservationState.PARTIAL);
        assertEquals(2, driver.cell("A1", "CN-SZ").reserved());
        driver.release("o1", line("A1", "CN-SZ", 2)).ok().state(ReservationState.RELEASED);
    }

    @Test
    void deductingShipsTheReservedStock()
    {
        driver.lock("o1", line("A1", "CN-SZ", 3)).ok();
        final ModelLevel before = driver.cell("A1", "CN-SZ");
        driver.deduct("o1").ok().state(ReservationState.DEDUCTED);
        final ModelLevel after = driver.cell("A1", "CN-SZ");
        assertEquals(7, after.onHand());
        assertEquals(0, after.reserved());
        assertEquals(before.available(), after.available(), "shipping reserved stock leaves available as it was");
    }

    @Test
    void deductingPartAndReleasingTheRestEndsDeducted()
    {
        driver.lock("o1", line("A1", "CN-SZ", 3)).ok();
        driver.deduct("o1", line("A1", "CN-SZ", 1)).ok().state(ReservationState.PARTIAL);
        final Outcome release = driver.release("o1").ok().state(ReservationState.DEDUCTED);
        assertEquals(new ModelView.Line("A1", "CN-SZ", 3, false, 1, 2, 0), release.line(0));
    }

    @Test
    void returningPutsDeductedStockBackOnHand()
    {
        driver.lock("o1", line("A1", "CN-SZ", 3)).ok();
        driver.deduct("o1").ok();
        driver.giveBack("o1", line("A1", "CN-SZ", 1)).ok().state(ReservationState.DEDUCTED);
        assertEquals(8, driver.cell("A1", "CN-SZ").onHand());
        driver.giveBack("o1").ok().state(ReservationState.RETURNED);
        assertEquals(10, driver.cell("A1", "CN-SZ").onHand());
        driver.giveBack("o1").fails(ErrorCode.INVALID_STATE);
    }

    @Test
    void returningWithNothingDeductedIsAnInvalidState()
    {
        driver.lock("o1", line("A1", "CN-SZ", 3)).ok();
        driver.giveBack("o1").fails(ErrorCode.INVALID_STATE);
    }

    @Test
    void settlingAnOrderWithNothingOpenIsAnInvalidState()
    {
        driver.lock("o1", line("A1", "CN-SZ", 3)).ok();
        driver.release("o1").ok();
        driver.release("o1").fails(ErrorCode.INVALID_STATE);
        driver.deduct("o1").fails(ErrorCode.INVALID_STATE);
        driver.deduct("o1", line("A1", "CN-SZ", 1)).fails(ErrorCode.INVALID_STATE);
    }

    @Test
    void anUnknownOrderIsNotFound()
    {
        driver.release("nope").fails(ErrorCode.ORDER_NOT_FOUND);
        driver.deduct("nope").fails(ErrorCode.ORDER_NOT_FOUND);
        driver.giveBack("nope").fails(ErrorCode.ORDER_NOT_FOUND);
        driver.getReservation("nope").fails(ErrorCode.ORDER_NOT_FOUND);
    }

    @Test
    void aBodyLineTheReservationDoesNotHaveIsAnInvalidRequest()
    {
        driver.lock("o1", line("A1", "CN-SZ", 3)).ok();
        driver.release("o1", line("B7", "CN-SZ", 1)).fails(ErrorCode.INVALID_REQUEST);
        driver.release("o1", line("A1", null, 1)).fails(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void askingALineForMoreThanItHasOpenIsAnInvalidQuantity()
    {
        driver.lock("o1", line("A1", "CN-SZ", 3)).ok();
        driver.release("o1", line("A1", "CN-SZ", 4)).fails(ErrorCode.INVALID_QUANTITY);
        driver.deduct("o1", line("A1", "CN-SZ", 2), line("A1", "CN-SZ", 2)).fails(ErrorCode.INVALID_QUANTITY);
        driver.deduct("o1", line("A1", "CN-SZ", 0)).fails(ErrorCode.INVALID_QUANTITY);
        driver.deduct("o1", line("A1", "CN-SZ", 2)).ok();
        driver.giveBack("o1", line("A1", "CN-SZ", 3)).fails(ErrorCode.INVALID_QUANTITY);
        assertEquals(8, driver.cell("A1", "CN-SZ").onHand(), "failed settlements changed nothing");
    }

    @Test
    void aBodyLineIsSpreadOverTheReservationLinesOfItsCellInOrder()
    {
        driver.lock("o1", line("A1", "CN-SZ", 2), line("B7", "CN-SZ", 1), line("A1", "CN-SZ", 3)).ok();
        final Outcome release = driver.release("o1", line("A1", "CN-SZ", 3)).ok();
        assertEquals(2, release.line(0).released());
        assertEquals(0, release.line(1).released());
        assertEquals(1, release.line(2).released());
        final Outcome deduct = driver.deduct("o1", line("A1", "CN-SZ", 1), line("A1", "CN-SZ", 1)).ok();
        assertEquals(2, deduct.line(2).deducted(), "a body line may repeat a cell; takes accumulate");
        assertEquals(1, driver.cell("A1", "CN-SZ").reserved() + driver.cell("B7", "CN-SZ").reserved());
    }

    @Test
    void aDeductThatWouldDriveOnHandNegativeAfterACountChangesNothing()
    {
        driver.lock("o1", line("A1", "CN-SZ", 5)).ok();
        driver.set("A1", "CN-SZ", 2);
        assertEquals(3, driver.cell("A1", "CN-SZ").shortage());
        driver.deduct("o1").fails(ErrorCode.INVALID_QUANTITY);
        driver.deduct("o1", line("A1", "CN-SZ", 2)).ok();
        assertEquals(0, driver.cell("A1", "CN-SZ").onHand());
    }

    @Test
    void settleLinesNeedValidCodes()
    {
        driver.lock("o1", line("A1", "CN-SZ", 3)).ok();
        driver.release("o1", line("A/1", "CN-SZ", 1)).fails(ErrorCode.INVALID_REQUEST);
        driver.release("", line("A1", "CN-SZ", 1)).fails(ErrorCode.INVALID_REQUEST);
    }
}
