package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.ReservationState;
import dev.stockhold.engine.model.ModelLevel;
import dev.stockhold.engine.model.ModelView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.stockhold.engine.ledger.LedgerDriver.driver;
import static dev.stockhold.engine.ledger.LedgerDriver.line;
import static dev.stockhold.engine.ledger.LedgerDriver.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Presale: locking in-transit stock, and its conversion when the stock is received (docs/design.md, Receive). */
class PresaleTest
{
    private final LedgerDriver driver = driver();

    @Test
    void aShortLineBecomesPresaleWhenAllowed()
    {
        driver.set("A1", "CN-SZ", 2, 10, 0);
        final Outcome lock = driver.lock(order("o1").presale(), line("A1", "CN-SZ", 5)).ok();
        assertEquals(new ModelView.Line("A1", "CN-SZ", 5, true, 0, 0, 0), lock.line(0));
        final ModelLevel level = lock.changes().get(0);
        assertEquals(0, level.reserved());
        assertEquals(5, level.presaleReserved());
        assertEquals(5, level.presaleAvailable());
    }

    @Test
    void aLineThatFitsOnHandStaysRegularEvenWhenPresaleIsAllowed()
    {
        driver.set("A1", "CN-SZ", 5, 10, 0);
        assertFalse(driver.lock(order("o1").presale(), line("A1", "CN-SZ", 5)).ok().line(0).presale());
    }

    @Test
    void presaleIsLimitedByPresaleAvailable()
    {
        driver.set("A1", "CN-SZ", 0, 4, 0);
        driver.lock(order("o1").presale(), line("A1", "CN-SZ", 5)).fails(ErrorCode.INSUFFICIENT_STOCK);
        driver.lock(order("o1").presale(), line("A1", "CN-SZ", 3), line("A1", "CN-SZ", 2))
            .fails(ErrorCode.INSUFFICIENT_STOCK);
    }

    @Test
    void anEngineChosenPresaleLineIsNeverSplit()
    {
        driver.set("A1", "CN-SZ", 1, 2, 0);
        driver.set("A1", "US-LA", 1, 4, 0);
        final Outcome lock = driver.lock(order("o1").presale().split(), line("A1", 3)).ok();
        assertEquals(List.of(new ModelView.Line("A1", "US-LA", 3, true, 0, 0, 0)), lock.view().lines());
        final Outcome split = driver.lock(order("o2").presale().split(), line("A1", 2)).ok();
        assertEquals(2, split.view().lines().size(), "on-hand split comes before presale");
        assertFalse(split.line(0).presale());
    }

    @Test
    void deductingAPresaleLineBeforeItArrivesIsNotReceived()
    {
        driver.set("A1", "CN-SZ", 1, 10, 0);
        driver.lock(order("o1").presale(), line("A1", "CN-SZ", 1), line("A1", "CN-SZ", 3)).ok();
        driver.deduct("o1").fails(ErrorCode.NOT_RECEIVED);
        driver.deduct("o1", line("A1", "CN-SZ", 2)).fails(ErrorCode.NOT_RECEIVED);
        driver.deduct("o1", line("A1", "CN-SZ", 1)).ok();
        driver.release("o1").ok().state(ReservationState.DEDUCTED);
        assertEquals(0, driver.cell("A1", "CN-SZ").presaleReserved());
    }

    @Test
    void aReceiveConvertsPresaleLinesOldestFirstAndStopsAtTheFirstThatDoesNotFit()
    {
        driver.set("A1", "CN-SZ", 0, 20, 0);
        driver.lock(order("o1").presale(), line("A1", "CN-SZ", 3)).ok();
        driver.lock(order("o2").presale(), line("A1", "CN-SZ", 5)).ok();
        driver.lock(order("o3").presale(), line("A1", "CN-SZ", 1)).ok();
        final ModelLevel level = driver.receive("A1", "CN-SZ", 7).ok().level();
        assertEquals(3, level.reserved(), "o1 converted; o2 does not fit in the 4 left; o3 waits behind it");
        assertEquals(6, level.presaleReserved());
        assertFalse(driver.reservation("o1").lines().get(0).presale());
        assertTrue(driver.reservation("o2").lines().get(0).presale());
        assertTrue(driver.reservation("o3").lines().get(0).presale());
        driver.deduct("o1").ok();
    }

    @Test
    void conversionUsesTheOpenQuantity()
    {
        driver.set("A1", "CN-SZ", 0, 20, 0);
        driver.lock(order("o1").presale(), line("A1", "CN-SZ", 5)).ok();
        driver.release("o1", line("A1", "CN-SZ", 3)).ok();
        driver.receive("A1", "CN-SZ", 2).ok();
        final ModelView view = driver.reservation("o1");
        assertFalse(view.lines().get(0).presale());
        assertEquals(2, driver.cell("A1", "CN-SZ").reserved());
        driver.deduct("o1").ok().state(ReservationState.DEDUCTED);
    }

    @Test
    void aReceiveMayLeaveInTransitBelowPresaleReserved()
    {
        driver.set("A1", "CN-SZ", 0, 10, 2);
        driver.lock(order("o1").presale(), line("A1", "CN-SZ", 8)).ok();
        final ModelLevel level = driver.receive("A1", "CN-SZ", 5).ok().level();
        assertEquals(5, level.inTransit());
        assertEquals(8, level.presaleReserved());
        assertEquals(0, level.presaleAvailable());
    }
}
