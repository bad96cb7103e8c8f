package dev.stockhold.gateway.binary;

import dev.stockhold.client.ReservationState;
import dev.stockhold.client.Result;
import dev.stockhold.client.ResultCode;
import dev.stockhold.client.StockholdClient;
import dev.stockhold.client.request.AdjustRequest;
import dev.stockhold.client.request.GetDigestRequest;
import dev.stockhold.client.request.GetReservationRequest;
import dev.stockhold.client.request.GetStockRequest;
import dev.stockhold.client.request.LockRequest;
import dev.stockhold.client.request.ReceiveRequest;
import dev.stockhold.client.request.Request;
import dev.stockhold.client.request.SetStockRequest;
import dev.stockhold.client.request.SettleRequest;
import dev.stockhold.client.request.Settlement;
import dev.stockhold.client.request.StockItem;
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

/** Every command and its answer, and every engine error, through the binary protocol and the Java client's requests. */
class BinaryProtocolTest
{
    private BinaryFixture fixture;
    private StockholdClient client;

    @BeforeEach
    void start() throws Exception
    {
        fixture = new BinaryFixture();
        client = fixture.client().client();
    }

    @AfterEach
    void stop()
    {
        client.close();
        fixture.close();
    }

    private Result call(final Request request) throws Exception
    {
        return client.submit(request).get(10, TimeUnit.SECONDS);
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
        final SetStockRequest set = SetStockRequest.builder()
            .item(new StockItem("A1", "CN-SZ", 100L, 20L, 5L, null))
            .item("B7", "CN-SZ", 10)
            .build();
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
        final Result.Level cell = levels(call(new GetStockRequest("A1", "CN-SZ"))).levels().get(0);
        assertEquals(100, cell.onHand());
        assertEquals(1, levels(call(new GetStockRequest("B7", null))).levels().size());

        final Result.Level adjusted = levels(call(AdjustRequest.builder("A1", "CN-SZ").onHandDelta(-3).reason("damaged").build()))
            .levels().get(0);
        assertEquals(97, adjusted.onHand());
        assertEquals(2, adjusted.version());

        final Result.Level received = levels(call(ReceiveRequest.of("A1", "CN-SZ", 20))).levels().get(0);
        assertEquals(117, received.onHand());
        assertEquals(0, received.inTransit());

        final SetStockRequest conflicting = SetStockRequest.builder()
            .item(new StockItem("A1", "CN-SZ", 1L, null, null, 99L)).build();
        failure(call(conflicting), ResultCode.VERSION_CONFLICT);
        failure(call(new GetStockRequest("NOPE", "CN-SZ")), ResultCode.SKU_NOT_FOUND);
        failure(call(ReceiveRequest.of("A1", "CN-SZ", 500)), ResultCode.INVALID_QUANTITY);
    }

    @Test
    void reservationLifecycle() throws Exception
    {
        seed();
        final LockRequest lock = LockRequest.builder().orderId("AE-8812").channel("aliexpress").ttlSeconds(900)
            .line("A1", "CN-SZ", 2).line("B7", 1).build();
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

        final LockRequest otherLines = LockRequest.builder().orderId("AE-8812").line("A1", "CN-SZ", 3).build();
        failure(call(otherLines), ResultCode.ORDER_CONFLICT);

        final SettleRequest deductOne = SettleRequest.builder(Settlement.DEDUCT, "AE-8812").line("A1", "CN-SZ", 2)
            .build();
        assertEquals(ReservationState.PARTIAL, reservation(call(deductOne)).state());
        assertEquals(ReservationState.DEDUCTED,
            reservation(call(SettleRequest.deduct("AE-8812"))).state());
        final Result.Reservation returned = reservation(call(SettleRequest.returnAll("AE-8812")));
        assertEquals(ReservationState.RETURNED, returned.state());
        assertEquals(2, returned.lines().get(0).returned());
        failure(call(SettleRequest.release("AE-8812")), ResultCode.INVALID_STATE);

        final Result.Reservation read = reservation(call(new GetReservationRequest("AE-8812")));
        assertEquals(ReservationState.RETURNED, read.state());
        failure(call(new GetReservationRequest("NOPE")), ResultCode.ORDER_NOT_FOUND);
        failure(call(SettleRequest.release("NOPE")), ResultCode.ORDER_NOT_FOUND);
    }

    @Test
    void expiredReservationsAreReported() throws Exception
    {
        seed();
        final LockRequest lock = LockRequest.builder().orderId("EX-1").ttl(java.time.Duration.ofMinutes(1))
            .line("A1", "CN-SZ", 4).build();
        final Result.Reservation locked = reservation(call(lock));
        assertEquals(locked.createdAtMillis() + 60_000, locked.expiresAtMillis());
        fixture.advanceAndTick(61_000);
        assertEquals(ReservationState.EXPIRED, reservation(call(new GetReservationRequest("EX-1"))).state());
        failure(call(SettleRequest.deduct("EX-1")), ResultCode.RESERVATION_EXPIRED);
        failure(call(SettleRequest.release("EX-1")), ResultCode.RESERVATION_EXPIRED);
        assertEquals(0, levels(call(new GetStockRequest("A1", "CN-SZ"))).levels().get(0).reserved());
    }

    @Test
    void insufficientStockExplainsShortLines() throws Exception
    {
        seed();
        final LockRequest lock = LockRequest.builder().orderId("TT-1").line("A1", "CN-SZ", 96).build();
        final Result.Failure failure = failure(call(lock), ResultCode.INSUFFICIENT_STOCK);
        assertEquals(1, failure.shortLines().size());
        assertEquals(96, failure.shortLines().get(0).requested());
        assertEquals(95, failure.shortLines().get(0).available());

        final LockRequest regular = LockRequest.builder().orderId("TT-1").line("A1", "CN-SZ", 90).build();
        assertFalse(reservation(call(regular)).lines().get(0).presale());
        final LockRequest presale = LockRequest.builder().orderId("TT-2").allowPresale(true).line("A1", 10).build();
        final Result.Reservation placed = reservation(call(presale));
        assertTrue(placed.lines().get(0).presale());
        assertEquals(Result.NO_EXPIRY, placed.expiresAtMillis());
        assertNull(placed.channel());

        failure(call(SettleRequest.deduct("TT-2")), ResultCode.NOT_RECEIVED);
    }

    @Test
    void idempotencyKeysReplayAndRejectReuse() throws Exception
    {
        seed();
        final AdjustRequest adjust = AdjustRequest.builder("B7", "CN-SZ").onHandDelta(5).reason("found")
            .idempotencyKey("key-1").build();
        final Result.Levels first = levels(call(adjust));
        final Result.Levels repeat = levels(call(adjust));
        assertTrue(repeat.replayed());
        assertEquals(first.sequence(), repeat.sequence());
        assertEquals(15, levels(call(new GetStockRequest("B7", "CN-SZ"))).levels().get(0).onHand());

        final AdjustRequest other = AdjustRequest.builder("B7", "CN-SZ").onHandDelta(6).reason("found")
            .idempotencyKey("key-1").build();
        failure(call(other), ResultCode.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void gatewayValidationRejectsBeforeTheEngine() throws Exception
    {
        seed();
        final LockRequest zero = LockRequest.builder().orderId("V-1").line("A1", "CN-SZ", 0).build();
        assertEquals("quantity out of range", failure(call(zero), ResultCode.INVALID_QUANTITY).detail());
        assertEquals(0, failure(call(zero), ResultCode.INVALID_QUANTITY).sequence(), "never reached the engine");

        final LockRequest space = LockRequest.builder().orderId("V-2").line("A 1", "CN-SZ", 1).build();
        failure(call(space), ResultCode.INVALID_REQUEST);

        final LockRequest noLines = LockRequest.builder().orderId("V-3").build();
        failure(call(noLines), ResultCode.INVALID_REQUEST);

        final LockRequest ttl = LockRequest.builder().orderId("V-4").ttlSeconds(31_536_001).line("A1", "CN-SZ", 1)
            .build();
        failure(call(ttl), ResultCode.INVALID_REQUEST);

        final SetStockRequest level = SetStockRequest.builder().item("A1", "CN-SZ", -1).build();
        failure(call(level), ResultCode.INVALID_QUANTITY);

        final Result.Digest digest = (Result.Digest)call(new GetDigestRequest());
        assertEquals(2, digest.cellCount());
        assertEquals(0, digest.openReservations(), "no rejected lock reached the ledger");
    }

    @Test
    void manyRequestsInFlightCompleteWithTheirOwnAnswers() throws Exception
    {
        levels(call(SetStockRequest.builder().item("P1", "WH", 1_000_000).build()));
        final int requests = 5_000;
        final List<CompletableFuture<Result>> futures = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++)
        {
            futures.add(client.submit(LockRequest.builder().orderId("ORD-" + i).line("P1", "WH", 1 + (i % 3)).build()));
        }
        long reserved = 0;
        for (int i = 0; i < requests; i++)
        {
            final Result.Reservation answer = reservation(futures.get(i).get(30, TimeUnit.SECONDS));
            assertEquals("ORD-" + i, answer.orderId(), "answers match their requests by correlation id");
            assertEquals(1 + (i % 3), answer.lines().get(0).quantity());
            reserved += answer.lines().get(0).quantity();
        }
        assertEquals(reserved, levels(call(new GetStockRequest("P1", "WH"))).levels().get(0).reserved());
    }

    @Test
    void digestAnswersTheLedgerSizes() throws Exception
    {
        seed();
        final Result.Digest digest = (Result.Digest)call(new GetDigestRequest());
        assertEquals(2, digest.cellCount());
        assertTrue(digest.sequence() > 0);
        final Result.Digest again = (Result.Digest)call(new GetDigestRequest());
        assertEquals(digest.digest(), again.digest(), "reads change nothing");
    }
}
