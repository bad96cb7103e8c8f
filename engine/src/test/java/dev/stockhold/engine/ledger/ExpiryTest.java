package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.ReservationState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.stockhold.engine.ledger.LedgerDriver.line;
import static dev.stockhold.engine.ledger.LedgerDriver.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Deterministic time: ticks expire what is open; engine time never goes back, reads do not move it. */
class ExpiryTest
{
    private final LedgerDriver driver = new LedgerDriver(
        LedgerConfig.defaults().withClosedRetention(60_000, 1_000));

    @BeforeEach
    void stock()
    {
        driver.set("A1", "CN-SZ", 10);
        driver.set("B7", "CN-SZ", 10);
    }

    @Test
    void aTickAfterTheTtlExpiresTheReservationAndGivesTheStockBack()
    {
        final long createdAt = driver.now();
        final Outcome lock = driver.lock(order("o1").ttl(30), line("A1", "CN-SZ", 4)).ok();
        assertEquals(createdAt + 30_000, lock.view().expiresAtMillis());
        driver.tickAfterSeconds(29).ok().noChanges();
        driver.tickAfterSeconds(1).ok().changed("A1/CN-SZ");
        final Outcome view = driver.getReservation("o1").ok().state(ReservationState.EXPIRED);
        assertEquals(4, view.line(0).released());
        assertEquals(10, driver.cell("A1", "CN-SZ").available());
    }

    @Test
    void withoutATickNothingExpires()
    {
        driver.lock(order("o1").ttl(1), line("A1", "CN-SZ", 4)).ok();
        driver.advanceSeconds(3600);
        driver.deduct("o1").ok().state(ReservationState.DEDUCTED);
    }

    @Test
    void releaseOrDeductOfAnExpiredReservationIsExpired()
    {
        driver.lock(order("o1").ttl(5), line("A1", "CN-SZ", 4)).ok();
        driver.tickAfterSeconds(5);
        driver.release("o1").fails(ErrorCode.RESERVATION_EXPIRED);
        driver.deduct("o1", line("A1", "CN-SZ", 1)).fails(ErrorCode.RESERVATION_EXPIRED);
        driver.giveBack("o1").fails(ErrorCode.INVALID_STATE);
    }

    @Test
    void anExpiryOfAPartialReservationReleasesOnlyWhatIsOpen()
    {
        driver.lock(order("o1").ttl(5), line("A1", "CN-SZ", 4)).ok();
        driver.deduct("o1", line("A1", "CN-SZ", 1)).ok();
        driver.tickAfterSeconds(5);
        final Outcome view = driver.getReservation("o1").ok().state(ReservationState.DEDUCTED);
        assertEquals(3, view.line(0).released());
        driver.deduct("o1").fails(ErrorCode.RESERVATION_EXPIRED);
        driver.giveBack("o1").ok().state(ReservationState.RETURNED);
    }

    @Test
    void aReservationReleasedByRequestBeforeItsTtlStaysReleased()
    {
        driver.lock(order("o1").ttl(5), line("A1", "CN-SZ", 4)).ok();
        driver.release("o1").ok();
        driver.tickAfterSeconds(10).noChanges();
        driver.getReservation("o1").ok().state(ReservationState.RELEASED);
    }

    @Test
    void reservationsExpireInExpiryOrder()
    {
        driver.lock(order("late").ttl(20), line("B7", "CN-SZ", 1)).ok();
        driver.lock(order("early").ttl(10), line("A1", "CN-SZ", 1)).ok();
        driver.tickAfterSeconds(30).ok().changed("A1/CN-SZ", "B7/CN-SZ");
    }

    @Test
    void engineTimeNeverGoesBack()
    {
        driver.at(50_000_000);
        driver.tick();
        driver.at(10_000_000);
        final Outcome lock = driver.lock(order("o1").ttl(10), line("A1", "CN-SZ", 1)).ok();
        assertEquals(50_000_000, lock.view().createdAtMillis());
        assertEquals(50_010_000, lock.view().expiresAtMillis());
    }

    @Test
    void readsDoNotMoveEngineTimeBecauseReplaysNeverSeeThem()
    {
        driver.at(50_000_000);
        driver.getReservation("nobody").fails(ErrorCode.ORDER_NOT_FOUND);
        driver.at(10_000_000);
        final Outcome lock = driver.lock(order("o1").ttl(10), line("A1", "CN-SZ", 1)).ok();
        assertEquals(10_000_000, lock.view().createdAtMillis());
        assertEquals(10_010_000, lock.view().expiresAtMillis());
    }

    @Test
    void closedReservationsAreForgottenAfterTheirRetention()
    {
        driver.lock("o1", line("A1", "CN-SZ", 4)).ok();
        driver.release("o1").ok();
        driver.tickAfterSeconds(59);
        driver.getReservation("o1").ok();
        driver.tickAfterSeconds(1);
        driver.getReservation("o1").fails(ErrorCode.ORDER_NOT_FOUND);
        driver.lock("o1", line("A1", "CN-SZ", 2)).ok().fresh();
    }

    @Test
    void openReservationsAreNeverForgotten()
    {
        driver.lock("o1", line("A1", "CN-SZ", 4)).ok();
        driver.tickAfterSeconds(365L * 24 * 3600);
        driver.getReservation("o1").ok().state(ReservationState.LOCKED);
    }
}
