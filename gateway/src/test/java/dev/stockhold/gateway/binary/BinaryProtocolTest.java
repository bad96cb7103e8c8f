package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.client.ResultCode;
import dev.stockhold.client.ReservationState;
import dev.stockhold.client.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command and its answer, and every engine error, through the binary protocol and the Java client. */
class BinaryProtocolTest
{
    private BinaryFixture fixture;
    private TestClient client;

    @BeforeEach
    void start() throws Exception
    {
        fixture = new BinaryFixture();
        client = fixture.client();
    }

    @AfterEach
    void stop()
    {
        client.close();
        fixture.close();
    }

    private Result call(final Command command) throws Exception
    {
        return client.submit(command).get(10, TimeUnit.SECONDS);
    }

    private static Result.Levels levels(final Result result)
    {
        assertTrue(result instanceof Result.Levels, () -> "expected levels, got " + result);
        return (Result.Levels)result;
    }

    private static Result.Reservation reservation(final Result result)
    {
        assertTrue(result instanceof Result.Reservation, () -> "expected a reservation, got " + result);
        return (Result.Reservation)result;
    }

    private static Result.Failure failure(final Result result, final ResultCode expected)
    {
        assertTrue(result instanceof Result.Failure, () -> "expected " + expected + ", got " + result);
        final Result.Failure failure = (Result.Failure)result;
        assertEquals(expected, failure.error(), () -> String.valueOf(failure));
        return failure;
    }

    private void seed() throws Exception
    {
        final Command set = new Command().setStock();
        set.items.add("A1", "CN-SZ", 100, 20, 5, Command.ABSENT);
        set.items.add("B7", "CN-SZ", 10, Command.ABSENT, Command.ABSENT, Command.ABSENT);
        final Result.Levels created = levels(call(set));
        assertEquals(2, created.levels().size());
        final Result.Level a1 = created.levels().get(0);
        assertEquals("A1", a1.sku());
        assertEquals("CN-SZ", a1.warehouse());
        assertEquals(100, a1.onHand());
        assertEquals(95, a1.available());
        assertEquals(20, a1.presaleAvailable());
        assertEquals(1, a1.version());
        assertTrue(created.sequence() > 0);
    }

    @Test
    void stockCommandsAnswerLevels() throws Exception
    {
        seed();
        final Result.Level cell = levels(call(new Command().getStock("A1", "CN-SZ"))).levels().get(0);
        assertEquals(100, cell.onHand());
        assertEquals(1, levels(call(new Command().getStock("B7", null))).levels().size());

        final Result.Level adjusted = levels(call(new Command().adjust("A1", "CN-SZ", -3, 0, 0, "damaged")))
            .levels().get(0);
        assertEquals(97, adjusted.onHand());
        assertEquals(2, adjusted.version());

        final Result.Level received = levels(call(new Command().receive("A1", "CN-SZ", 20))).levels().get(0);
        assertEquals(117, received.onHand());
        assertEquals(0, received.inTransit());

        final Command conflicting = new Command().setStock();
        conflicting.items.add("A1", "CN-SZ", 1, Command.ABSENT, Command.ABSENT, 99);
        failure(call(conflicting), ResultCode.VERSION_CONFLICT);
        failure(call(new Command().getStock("NOPE", "CN-SZ")), ResultCode.SKU_NOT_FOUND);
        failure(call(new Command().receive("A1", "CN-SZ", 500)), ResultCode.INVALID_QUANTITY);
    }

    @Test
    void reservationLifecycle() throws Exception
    {
        seed();
        final Command lock = new Command().lock("AE-8812", "aliexpress", 900, false, false);
        lock.lines.add("A1", "CN-SZ", 2).add("B7", null, 1);
        final Result.Reservation locked = reservation(call(lock));
        assertEquals("AE-8812", locked.orderId());
        assertEquals("aliexpress", locked.channel());
        assertEquals(ReservationState.LOCKED, locked.state());
        assertFalse(locked.replayed());
        assertTrue(locked.expiresAtMillis() > locked.createdAtMillis());
        assertEquals(2, locked.lines().size(), locked::toString);
        assertEquals("CN-SZ", locked.lines().get(1).warehouse(), "the engine chose the warehouse");

        final Result.Reservation again = reservation(call(lock));
        assertTrue(again.replayed());
        assertEquals(locked.lines(), again.lines(), "the existing reservation, unchanged");

        final Command otherLines = new Command().lock("AE-8812", null, 0, false, false);
        otherLines.lines.add("A1", "CN-SZ", 3);
        failure(call(otherLines), ResultCode.ORDER_CONFLICT);

        final Command deductOne = new Command().settle(CommandType.DEDUCT, "AE-8812");
        deductOne.lines.add("A1", "CN-SZ", 2);
        assertEquals(ReservationState.PARTIAL, reservation(call(deductOne)).state());
        assertEquals(ReservationState.DEDUCTED,
            reservation(call(new Command().settle(CommandType.DEDUCT, "AE-8812"))).state());
        final Result.Reservation returned = reservation(call(new Command().settle(CommandType.RETURN, "AE-8812")));
        assertEquals(ReservationState.RETURNED, returned.state());
        assertEquals(2, returned.lines().get(0).returned());
        failure(call(new Command().settle(CommandType.RELEASE, "AE-8812")), ResultCode.INVALID_STATE);

        final Result.Reservation read = reservation(call(new Command().getReservation("AE-8812")));
        assertEquals(ReservationState.RETURNED, read.state());
        failure(call(new Command().getReservation("NOPE")), ResultCode.ORDER_NOT_FOUND);
        failure(call(new Command().settle(CommandType.RELEASE, "NOPE")), ResultCode.ORDER_NOT_FOUND);
    }

    @Test
    void expiredReservationsAreReported() throws Exception
    {
        seed();
        final Command lock = new Command().lock("EX-1", null, 60, false, false);
        lock.lines.add("A1", "CN-SZ", 4);
        final Result.Reservation locked = reservation(call(lock));
        assertEquals(locked.createdAtMillis() + 60_000, locked.expiresAtMillis());
        fixture.advanceAndTick(61_000);
        assertEquals(ReservationState.EXPIRED, reservation(call(new Command().getReservation("EX-1"))).state());
        failure(call(new Command().settle(CommandType.DEDUCT, "EX-1")), ResultCode.RESERVATION_EXPIRED);
        failure(call(new Command().settle(CommandType.RELEASE, "EX-1")), ResultCode.RESERVATION_EXPIRED);
        assertEquals(0, levels(call(new Command().getStock("A1", "CN-SZ"))).levels().get(0).reserved());
    }

    @Test
    void insufficientStockExplainsShortLines() throws Exception
    {
        seed();
        final Command lock = new Command().lock("TT-1", null, 0, false, false);
        lock.lines.add("A1", "CN-SZ", 96);
        final Result.Failure failure = failure(call(lock), ResultCode.INSUFFICIENT_STOCK);
        assertEquals(1, failure.shortLines().size());
        assertEquals(96, failure.shortLines().get(0).requested());
        assertEquals(95, failure.shortLines().get(0).available());

        final Command regular = new Command().lock("TT-1", null, 0, false, false);
        regular.lines.add("A1", "CN-SZ", 90);
        assertFalse(reservation(call(regular)).lines().get(0).presale());
        final Command presale = new Command().lock("TT-2", null, 0, true, false);
        presale.lines.add("A1", null, 10);
        final Result.Reservation placed = reservation(call(presale));
        assertTrue(placed.lines().get(0).presale());
        assertEquals(Result.NO_EXPIRY, placed.expiresAtMillis());
        assertNull(placed.channel());

        final Command deduct = new Command().settle(CommandType.DEDUCT, "TT-2");
        failure(call(deduct), ResultCode.NOT_RECEIVED);
    }

    @Test
    void idempotencyKeysReplayAndRejectReuse() throws Exception
    {
        seed();
        final Command adjust = new Command().adjust("B7", "CN-SZ", 5, 0, 0, "found");
        adjust.idempotencyKey = "key-1";
        final Result.Levels first = levels(call(adjust));
        final Result.Levels repeat = levels(call(adjust));
        assertTrue(repeat.replayed());
        assertEquals(first.sequence(), repeat.sequence());
        assertEquals(15, levels(call(new Command().getStock("B7", "CN-SZ"))).levels().get(0).onHand());

        final Command other = new Command().adjust("B7", "CN-SZ", 6, 0, 0, "found");
        other.idempotencyKey = "key-1";
        failure(call(other), ResultCode.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void gatewayValidationRejectsBeforeTheEngine() throws Exception
    {
        seed();
        final Command zero = new Command().lock("V-1", null, 0, false, false);
        zero.lines.add("A1", "CN-SZ", 0);
        assertEquals("quantity out of range", failure(call(zero), ResultCode.INVALID_QUANTITY).detail());
        assertEquals(0, failure(call(zero), ResultCode.INVALID_QUANTITY).sequence(), "never reached the engine");

        final Command space = new Command().lock("V-2", null, 0, false, false);
        space.lines.add("A 1", "CN-SZ", 1);
        failure(call(space), ResultCode.INVALID_REQUEST);

        final Command noLines = new Command().lock("V-3", null, 0, false, false);
        failure(call(noLines), ResultCode.INVALID_REQUEST);

        final Command ttl = new Command().lock("V-4", null, 31_536_001, false, false);
        ttl.lines.add("A1", "CN-SZ", 1);
        failure(call(ttl), ResultCode.INVALID_REQUEST);

        final Command level = new Command().setStock();
        level.items.add("A1", "CN-SZ", -1, Command.ABSENT, Command.ABSENT, Command.ABSENT);
        failure(call(level), ResultCode.INVALID_QUANTITY);

        final Result.Digest digest = (Result.Digest)call(new Command().getDigest());
        assertEquals(2, digest.cellCount());
        assertEquals(0, digest.openReservations(), "no rejected lock reached the ledger");
    }

    @Test
    void manyRequestsInFlightCompleteWithTheirOwnAnswers() throws Exception
    {
        final Command set = new Command().setStock();
        set.items.add("P1", "WH", 1_000_000, Command.ABSENT, Command.ABSENT, Command.ABSENT);
        levels(call(set));
        final int requests = 5_000;
        final List<CompletableFuture<Result>> futures = new ArrayList<>(requests);
        final Command lock = new Command();
        for (int i = 0; i < requests; i++)
        {
            lock.lock("ORD-" + i, null, 0, false, false).lines.add("P1", "WH", 1 + (i % 3));
            futures.add(client.submit(lock));
        }
        long reserved = 0;
        for (int i = 0; i < requests; i++)
        {
            final Result.Reservation answer = reservation(futures.get(i).get(30, TimeUnit.SECONDS));
            assertEquals("ORD-" + i, answer.orderId(), "answers match their requests by correlation id");
            assertEquals(1 + (i % 3), answer.lines().get(0).quantity());
            reserved += answer.lines().get(0).quantity();
        }
        assertEquals(reserved, levels(call(new Command().getStock("P1", "WH"))).levels().get(0).reserved());
    }

    @Test
    void digestAnswersTheLedgerSizes() throws Exception
    {
        seed();
        final Result.Digest digest = (Result.Digest)call(new Command().getDigest());
        assertEquals(2, digest.cellCount());
        assertTrue(digest.sequence() > 0);
        final Result.Digest again = (Result.Digest)call(new Command().getDigest());
        assertEquals(digest.digest(), again.digest(), "reads change nothing");
    }
}
