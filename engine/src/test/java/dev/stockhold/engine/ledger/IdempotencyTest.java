package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.stockhold.engine.ledger.LedgerDriver.line;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Idempotency keys: a repeat answers the first result, a refusal too, and applies nothing (docs/design.md). */
class IdempotencyTest
{
    private final LedgerDriver driver = new LedgerDriver(LedgerConfig.defaults().withIdempotency(60_000, 3));

    @BeforeEach
    void stock()
    {
        driver.set("A1", "CN-SZ", 10);
    }

    @Test
    void aRepeatAnswersTheFirstResultAndAppliesNothing()
    {
        final Outcome first = driver.key("k1").adjust("A1", "CN-SZ", 5, 0, 0).ok().fresh();
        driver.advanceSeconds(1);
        final Outcome again = driver.key("k1").adjust("A1", "CN-SZ", 5, 0, 0).ok().replayed();
        assertEquals(first.sequence(), again.sequence(), "the original command's sequence");
        assertEquals(first.levels(), again.levels());
        assertEquals(15, driver.cell("A1", "CN-SZ").onHand());
    }

    @Test
    void anErrorIsRememberedToo()
    {
        driver.key("k1").lock("o1", line("A1", "CN-SZ", 20)).fails(ErrorCode.INSUFFICIENT_STOCK);
        driver.set("A1", "CN-SZ", 100);
        driver.key("k1").lock("o1", line("A1", "CN-SZ", 20)).fails(ErrorCode.INSUFFICIENT_STOCK).replayed();
        driver.getReservation("o1").fails(ErrorCode.ORDER_NOT_FOUND);
    }

    @Test
    void aRequestWhoseCodesCollideInStringHashIsAnotherRequest()
    {
        assertEquals("Aa".hashCode(), "BB".hashCode(), "the premise: Java's 32-bit string hashes collide");
        driver.set("Aa", "CN-SZ", 5);
        driver.set("BB", "CN-SZ", 5);
        driver.key("k1").lock("o1", line("Aa", "CN-SZ", 2)).ok();
        driver.key("k1").lock("o1", line("BB", "CN-SZ", 2)).fails(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        driver.key("k2").adjust("Aa", "CN-SZ", 1, 0, 0).ok();
        driver.key("k2").adjust("BB", "CN-SZ", 1, 0, 0).fails(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertEquals(5, driver.cell("BB", "CN-SZ").onHand());
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefused()
    {
        driver.key("k1").adjust("A1", "CN-SZ", 5, 0, 0).ok();
        driver.key("k1").adjust("A1", "CN-SZ", 6, 0, 0).fails(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        driver.key("k1").receive("A1", "CN-SZ", 1).fails(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertEquals(15, driver.cell("A1", "CN-SZ").onHand());
        driver.key("k1").adjust("A1", "CN-SZ", 5, 0, 0).replayed();
    }

    @Test
    void keysAreScopedPerClient()
    {
        driver.client(1).key("k1").adjust("A1", "CN-SZ", 5, 0, 0).ok();
        driver.client(2).key("k1").adjust("A1", "CN-SZ", 5, 0, 0).ok().fresh();
        assertEquals(20, driver.cell("A1", "CN-SZ").onHand());
    }

    @Test
    void keysAreForgottenAfterTheWindow()
    {
        driver.key("k1").adjust("A1", "CN-SZ", 5, 0, 0).ok();
        driver.tickAfterSeconds(59);
        driver.key("k1").adjust("A1", "CN-SZ", 5, 0, 0).replayed();
        driver.tickAfterSeconds(1);
        driver.key("k1").adjust("A1", "CN-SZ", 5, 0, 0).ok().fresh();
        assertEquals(20, driver.cell("A1", "CN-SZ").onHand());
    }

    @Test
    void theOldestKeyIsForgottenBeyondTheLimit()
    {
        for (final String key : new String[] {"k1", "k2", "k3", "k4"})
        {
            driver.key(key).adjust("A1", "CN-SZ", 1, 0, 0).ok();
        }
        driver.key("k2").adjust("A1", "CN-SZ", 1, 0, 0).replayed();
        driver.key("k1").adjust("A1", "CN-SZ", 1, 0, 0).ok().fresh();
        assertEquals(15, driver.cell("A1", "CN-SZ").onHand());
    }

    @Test
    void anInvalidKeyIsAnInvalidRequest()
    {
        driver.key("").adjust("A1", "CN-SZ", 1, 0, 0).fails(ErrorCode.INVALID_REQUEST);
        driver.key("k".repeat(129)).adjust("A1", "CN-SZ", 1, 0, 0).fails(ErrorCode.INVALID_REQUEST);
        driver.key("k".repeat(128)).adjust("A1", "CN-SZ", 1, 0, 0).ok();
    }

    @Test
    void readsIgnoreKeys()
    {
        driver.key("k1").getCell("A1", "CN-SZ").ok();
        driver.key("k1").adjust("A1", "CN-SZ", 1, 0, 0).ok().fresh();
    }
}
