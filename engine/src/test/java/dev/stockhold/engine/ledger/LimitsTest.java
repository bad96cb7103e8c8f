package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.stockhold.engine.ledger.LedgerDriver.item;
import static dev.stockhold.engine.ledger.LedgerDriver.line;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A limit on everything: at each configured bound the oldest is forgotten or the request refused (docs/LIMITS.md). */
class LimitsTest
{
    private final LedgerDriver driver = new LedgerDriver(LedgerConfig.defaults()
        .withSizeLimits(2, 4, 3, 2).withClosedRetention(30L * 24 * 3600 * 1000, 2));

    @BeforeEach
    void stock()
    {
        driver.set("A1", "CN-SZ", 100);
    }

    @Test
    void aLockBeyondTheOpenReservationLimitIsOverloaded()
    {
        driver.lock("o1", line("A1", "CN-SZ", 1)).ok();
        driver.lock("o2", line("A1", "CN-SZ", 1)).ok();
        driver.lock("o3", line("A1", "CN-SZ", 1)).fails(ErrorCode.OVERLOADED);
        driver.lock("o1", line("A1", "CN-SZ", 1)).ok().replayed();
        driver.deduct("o1").ok();
        driver.lock("o3", line("A1", "CN-SZ", 1)).ok();
    }

    @Test
    void linesPerOrderAreBounded()
    {
        driver.lock("o1", line("A1", "CN-SZ", 1), line("A1", "CN-SZ", 1), line("A1", "CN-SZ", 1),
            line("A1", "CN-SZ", 1)).fails(ErrorCode.INVALID_REQUEST);
        driver.lock("o1", line("A1", "CN-SZ", 1), line("A1", "CN-SZ", 1), line("A1", "CN-SZ", 1)).ok();
        driver.release("o1", line("A1", "CN-SZ", 1), line("A1", "CN-SZ", 1), line("A1", "CN-SZ", 1),
            line("A1", "CN-SZ", 1)).fails(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void batchItemsAreBounded()
    {
        driver.batch(item("B1", "CN-SZ", 1), item("B2", "CN-SZ", 1), item("B3", "CN-SZ", 1))
            .fails(ErrorCode.INVALID_REQUEST);
        driver.batch(item("B1", "CN-SZ", 1), item("B2", "CN-SZ", 1)).ok();
    }

    @Test
    void cellsAreBounded()
    {
        driver.batch(item("B1", "CN-SZ", 1), item("B2", "CN-SZ", 1)).ok();
        driver.batch(item("B3", "CN-SZ", 1), item("B4", "CN-SZ", 1)).fails(ErrorCode.INVALID_REQUEST);
        driver.set("B3", "CN-SZ", 1).ok();
        driver.set("B4", "CN-SZ", 1).fails(ErrorCode.INVALID_REQUEST);
        driver.set("B3", "CN-SZ", 2).ok();
        assertEquals(4, driver.stats().ok().result().stats().cells());
    }

    @Test
    void theOldestClosedReservationIsForgottenBeyondTheLimit()
    {
        for (final String orderId : new String[] {"o1", "o2", "o3"})
        {
            driver.lock(orderId, line("A1", "CN-SZ", 1)).ok();
            driver.release(orderId).ok();
        }
        driver.getReservation("o1").fails(ErrorCode.ORDER_NOT_FOUND);
        driver.getReservation("o2").ok();
        driver.getReservation("o3").ok();
        assertEquals(2, driver.stats().ok().result().stats().closedReservations());
    }
}
