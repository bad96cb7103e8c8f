package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.client.ResultCode;
import dev.stockhold.client.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Channels, listings, allocations and kits, and locks by listing, through the binary protocol and the Java
 * client against a real engine and server on 127.0.0.1: every message, its answer and its errors.
 */
class BinaryChannelTest
{
    private static final String LONG_LISTING = "L".repeat(128);

    private static BinaryFixture fixture;
    private static TestClient client;

    @BeforeAll
    static void start() throws Exception
    {
        fixture = new BinaryFixture();
        client = fixture.client();
    }

    @AfterAll
    static void stop()
    {
        client.close();
        fixture.close();
    }

    private static Result call(final CompletableFuture<Result> answer) throws Exception
    {
        return answer.get(10, TimeUnit.SECONDS);
    }

    private static <T extends Result> T ok(final Class<T> type, final CompletableFuture<Result> answer)
        throws Exception
    {
        final Result result = call(answer);
        assertTrue(type.isInstance(result), () -> "expected " + type.getSimpleName() + ", got " + result);
        return type.cast(result);
    }

    private static Result.Failure failure(final ResultCode expected, final CompletableFuture<Result> answer)
        throws Exception
    {
        final Result result = call(answer);
        assertTrue(result instanceof Result.Failure, () -> "expected " + expected + ", got " + result);
        final Result.Failure failure = (Result.Failure)result;
        assertEquals(expected, failure.error(), failure::toString);
        return failure;
    }

    private static void stock(final String sku, final String warehouse, final long onHand) throws Exception
    {
        ok(Result.Levels.class, client.setOnHand(sku, warehouse, onHand));
    }

    private static Result.Level level(final String sku, final String warehouse) throws Exception
    {
        return ok(Result.Levels.class, client.getStock(sku, warehouse)).levels().get(0);
    }

    private static Result.Channel channel(final Result.Channels channels)
    {
        assertEquals(1, channels.channels().size(), channels::toString);
        return channels.channels().get(0);
    }

    @Test
    void channelsArePutReadListedAndVersioned() throws Exception
    {
        final Result.Channels put = ok(Result.Channels.class,
            client.putChannel("b-defaults", null, 0, 100, Result.NO_CAP, false));
        assertTrue(put.sequence() > 0);
        assertFalse(put.replayed());
        assertEquals(new Result.Channel("b-defaults", null, 0, 100, Result.NO_CAP, false, 1), channel(put));
        final Result.Channels replaced = ok(Result.Channels.class,
            client.putChannel("b-defaults", List.of("W2", "W1"), 5, 50, 9, true));
        assertEquals(new Result.Channel("b-defaults", List.of("W2", "W1"), 5, 50, 9, true, 2), channel(replaced));
        assertEquals(channel(replaced), channel(ok(Result.Channels.class, client.getChannel("b-defaults"))));

        ok(Result.Channels.class, client.putChannel("a-first", null, 0, 100, Result.NO_CAP, false));
        final List<String> codes = ok(Result.Channels.class, client.listChannels()).channels().stream()
            .map(Result.Channel::channel).toList();
        assertEquals(codes.stream().sorted().toList(), codes, "code order");
        assertTrue(codes.containsAll(List.of("a-first", "b-defaults")));
        failure(ResultCode.CHANNEL_NOT_FOUND, client.getChannel("b-nowhere"));
    }

    @Test
    void aRepeatedPutUnderItsKeyIsAReplayAndAnotherBodyIsRefused() throws Exception
    {
        final Command put = new Command().putChannel("b-idem", 0, 50, Command.ABSENT, false);
        put.idempotencyKey = "b-idem-1";
        final Result.Channels first = ok(Result.Channels.class, client.submit(put));
        put.putChannel("b-idem", 0, 50, Command.ABSENT, false).idempotencyKey = "b-idem-1";
        final Result.Channels again = ok(Result.Channels.class, client.submit(put));
        assertTrue(again.replayed());
        assertEquals(first.sequence(), again.sequence());
        assertEquals(first.channels(), again.channels());
        put.putChannel("b-idem", 0, 60, Command.ABSENT, false).idempotencyKey = "b-idem-1";
        failure(ResultCode.IDEMPOTENCY_KEY_REUSED, client.submit(put));
        assertEquals(1, channel(ok(Result.Channels.class, client.getChannel("b-idem"))).version());
    }

    @Test
    void everyChannelWriteReplaysUnderItsKey() throws Exception
    {
        stock("BIK", "W1", 10);
        ok(Result.Channels.class, client.putChannel("b-ik", null, 0, 100, Result.NO_CAP, false));
        final List<Command> writes = List.of(
            new Command().bindListing("b-ik", "IK-1", "BIK"),
            new Command().setAllocation("b-ik", "BIK", "W1", 2),
            new Command().putKit("BIK-KIT"),
            new Command().unbindListing("b-ik", "IK-1"));
        writes.get(2).lines.add("BIK", null, 2);
        for (int i = 0; i < writes.size(); i++)
        {
            final Command write = writes.get(i);
            write.idempotencyKey = "b-ik-" + i;
            final Result first = call(client.submit(write));
            final Result again = call(client.submit(write));
            assertTrue(first.isOk(), first::toString);
            assertEquals(first.sequence(), again.sequence(), write.type::toString);
            assertEquals(first.getClass(), again.getClass());
            assertFalse(replayed(first), first::toString);
            assertTrue(replayed(again), again::toString);
        }
        final Command other = new Command().setAllocation("b-ik", "BIK", "W1", 3);
        other.idempotencyKey = "b-ik-1";
        failure(ResultCode.IDEMPOTENCY_KEY_REUSED, client.submit(other));
        assertEquals(2, level("BIK", "W1").allocated(), "each write applied once");
    }

    private static boolean replayed(final Result result)
    {
        if (result instanceof Result.Channels channels)
        {
            return channels.replayed();
        }
        if (result instanceof Result.Listing listing)
        {
            return listing.replayed();
        }
        if (result instanceof Result.Allocation allocation)
        {
            return allocation.replayed();
        }
        return ((Result.Kit)result).replayed();
    }

    @Test
    void malformedFlagsAndWarehouseGroupsAreRefused() throws Exception
    {
        try (RawConnection raw = new RawConnection(fixture.server.port()))
        {
            final Command put = new Command().putChannel("b-raw", 0, 100, Command.ABSENT, false);
            put.correlationId = 71;
            put.channelWarehouses.add("W1");
            final byte[] everyWarehouseAndAList = raw.encode(put);
            // Header (8), correlationId, bufferUnits, percent, maxUnits (8 each), allowPresale, everyWarehouse.
            everyWarehouseAndAList[41] = 1;
            final byte[] flagOfTwo = raw.encode(put);
            flagOfTwo[40] = 2;
            raw.sendMessages(everyWarehouseAndAList, flagOfTwo);
            final List<Object> answers = new java.util.ArrayList<>();
            while (answers.size() < 2)
            {
                answers.addAll(raw.readFrame());
            }
            for (final Object answer : answers)
            {
                assertEquals(ResultCode.INVALID_REQUEST, ((Result.Failure)answer).error(), answer::toString);
            }
        }
        failure(ResultCode.CHANNEL_NOT_FOUND, client.getChannel("b-raw"));
    }

    @Test
    void badChannelFieldsAreRefusedAndChangeNothing() throws Exception
    {
        ok(Result.Channels.class, client.putChannel("b-bad", null, 0, 100, Result.NO_CAP, false));
        failure(ResultCode.INVALID_QUANTITY, client.putChannel("b-bad", null, 0, 101, Result.NO_CAP, false));
        failure(ResultCode.INVALID_QUANTITY, client.putChannel("b-bad", null, -1, 100, Result.NO_CAP, false));
        failure(ResultCode.INVALID_QUANTITY,
            client.putChannel("b-bad", null, 1_000_000_000_001L, 100, Result.NO_CAP, false));
        failure(ResultCode.INVALID_QUANTITY, client.putChannel("b-bad", null, 0, 100, -1, false));
        failure(ResultCode.INVALID_REQUEST, client.putChannel("b-bad", List.of(), 0, 100, Result.NO_CAP, false));
        failure(ResultCode.INVALID_REQUEST, client.putChannel("b-bad", List.of("W", "W"), 0, 100, Result.NO_CAP,
            false));
        failure(ResultCode.INVALID_REQUEST, client.putChannel("b-bad", List.of("W/1"), 0, 100, Result.NO_CAP, false));
        final List<String> tooMany = java.util.stream.IntStream.rangeClosed(0, 100).mapToObj(i -> "W" + i).toList();
        failure(ResultCode.INVALID_REQUEST, client.putChannel("b-bad", tooMany, 0, 100, Result.NO_CAP, false));
        failure(ResultCode.INVALID_REQUEST, client.putChannel("b/bad", null, 0, 100, Result.NO_CAP, false));
        failure(ResultCode.INVALID_REQUEST, client.putChannel("x".repeat(65), null, 0, 100, Result.NO_CAP, false));
        failure(ResultCode.INVALID_REQUEST, client.getChannel("b bad"));
        assertEquals(new Result.Channel("b-bad", null, 0, 100, Result.NO_CAP, false, 1),
            channel(ok(Result.Channels.class, client.getChannel("b-bad"))), "what was refused changed nothing");
    }

    @Test
    void listingsBindRebindReadAndUnbind() throws Exception
    {
        stock("BL-A", "W1", 10);
        stock("BL-B", "W1", 4);
        ok(Result.Channels.class, client.putChannel("b-lst", null, 0, 100, Result.NO_CAP, false));
        final Result.Listing bound = ok(Result.Listing.class, client.bindListing("b-lst", "1005~x", "BL-A"));
        assertEquals("b-lst", bound.channel());
        assertEquals("1005~x", bound.listingId());
        assertEquals("BL-A", bound.sku());
        assertEquals(10, bound.published());
        assertEquals(1, bound.version());
        final Result.Listing rebound = ok(Result.Listing.class, client.bindListing("b-lst", "1005~x", "BL-B"));
        assertEquals(4, rebound.published());
        assertEquals(2, rebound.version());
        final Result.Listing read = ok(Result.Listing.class, client.getListing("b-lst", "1005~x"));
        assertEquals(List.of("BL-B", 4L, 2L), List.of(read.sku(), read.published(), read.version()));
        final Result.Listing unbound = ok(Result.Listing.class, client.unbindListing("b-lst", "1005~x"));
        assertEquals("BL-B", unbound.sku());
        assertEquals(0, unbound.published());
        failure(ResultCode.LISTING_NOT_FOUND, client.getListing("b-lst", "1005~x"));
        failure(ResultCode.LISTING_NOT_FOUND, client.unbindListing("b-lst", "1005~x"));

        assertEquals(10, ok(Result.Listing.class, client.bindListing("b-lst", LONG_LISTING, "BL-A")).published());
        failure(ResultCode.INVALID_REQUEST, client.bindListing("b-lst", LONG_LISTING + "L", "BL-A"));
        failure(ResultCode.INVALID_REQUEST, client.bindListing("b-lst", "a b", "BL-A"));
        failure(ResultCode.INVALID_REQUEST, client.bindListing("b-lst", "a/b", "BL-A"));
        failure(ResultCode.INVALID_REQUEST, client.bindListing("b-lst", "L2", ""));
        failure(ResultCode.INVALID_REQUEST, client.getListing("b-lst", ""));
        failure(ResultCode.SKU_NOT_FOUND, client.bindListing("b-lst", "L2", "NO-SUCH"));
        failure(ResultCode.LISTING_NOT_FOUND, client.getListing("b-lst", "L2"));
    }

    @Test
    void everyChannelMessageOfAnUnconfiguredChannelIsChannelNotFound() throws Exception
    {
        stock("BNC", "W1", 5);
        failure(ResultCode.CHANNEL_NOT_FOUND, client.getListing("b-nowhere", "L1"));
        failure(ResultCode.CHANNEL_NOT_FOUND, client.bindListing("b-nowhere", "L1", "BNC"));
        failure(ResultCode.CHANNEL_NOT_FOUND, client.unbindListing("b-nowhere", "L1"));
        failure(ResultCode.CHANNEL_NOT_FOUND, client.getAllocation("b-nowhere", "BNC", "W1"));
        failure(ResultCode.CHANNEL_NOT_FOUND, client.setAllocation("b-nowhere", "BNC", "W1", 1));
        assertEquals(0, level("BNC", "W1").allocated());
    }

    @Test
    void allocationsHoldUnitsAndARefusedRaiseNamesTheIncrease() throws Exception
    {
        stock("BAL", "W1", 10);
        ok(Result.Channels.class, client.putChannel("b-al", null, 0, 100, Result.NO_CAP, false));
        assertEquals(new Result.Allocation(0, false, "b-al", "BAL", "W1", 0, 0),
            withoutSequence(ok(Result.Allocation.class, client.getAllocation("b-al", "BAL", "W1"))));
        final Result.Allocation set = ok(Result.Allocation.class, client.setAllocation("b-al", "BAL", "W1", 6));
        assertEquals(List.of(6L, 1L), List.of(set.units(), set.version()));
        final Result.Level level = level("BAL", "W1");
        assertEquals(6, level.allocated());
        assertEquals(4, level.available());

        final Result.Failure refused = failure(ResultCode.INSUFFICIENT_STOCK,
            client.setAllocation("b-al", "BAL", "W1", 11));
        assertEquals(List.of(new Result.ShortLine("BAL", "W1", 5, 4)), refused.shortLines());
        assertEquals(withoutSequence(set),
            withoutSequence(ok(Result.Allocation.class, client.getAllocation("b-al", "BAL", "W1"))),
            "a refused raise changes nothing");
        failure(ResultCode.SKU_NOT_FOUND, client.setAllocation("b-al", "BAL", "NOPE", 1));
        failure(ResultCode.INVALID_QUANTITY, client.setAllocation("b-al", "BAL", "W1", -1));
        failure(ResultCode.INVALID_QUANTITY, client.setAllocation("b-al", "BAL", "W1", 1_000_000_000_001L));
        failure(ResultCode.INVALID_REQUEST, client.setAllocation("b-al", "BAL", "W 1", 1));
        failure(ResultCode.INVALID_REQUEST, client.getAllocation("b-al", "", "W1"));

        assertEquals(0, ok(Result.Allocation.class, client.setAllocation("b-al", "BAL", "W1", 0)).units());
        assertEquals(0, ok(Result.Allocation.class, client.getAllocation("b-al", "BAL", "W1")).version());
        assertEquals(0, level("BAL", "W1").allocated());
    }

    private static Result.Allocation withoutSequence(final Result.Allocation allocation)
    {
        return new Result.Allocation(0, false, allocation.channel(), allocation.sku(), allocation.warehouse(),
            allocation.units(), allocation.version());
    }

    @Test
    void kitsArePutReadAndLockedAsComponents() throws Exception
    {
        stock("BKC-A", "W1", 10);
        stock("BKC-B", "W1", 3);
        final List<Result.KitComponent> components =
            List.of(new Result.KitComponent("BKC-A", 2), new Result.KitComponent("BKC-B", 1));
        final Result.Kit kit = ok(Result.Kit.class, client.putKit("BKIT-1", components));
        assertEquals("BKIT-1", kit.sku());
        assertEquals(components, kit.components());
        assertEquals(3, kit.available());
        assertEquals(List.of(new Result.KitWarehouse("W1", 3)), kit.warehouses());
        assertEquals(1, kit.version());
        final Result.Kit read = ok(Result.Kit.class, client.getKit("BKIT-1"));
        assertEquals(List.of(kit.sku(), kit.components(), kit.available(), kit.warehouses(), kit.version()),
            List.of(read.sku(), read.components(), read.available(), read.warehouses(), read.version()));

        failure(ResultCode.SKU_NOT_FOUND, client.getKit("BKC-A"));
        failure(ResultCode.INVALID_REQUEST, client.putKit("BKC-A", List.of(new Result.KitComponent("BKC-B", 1))));
        failure(ResultCode.INVALID_REQUEST, client.putKit("BKIT-2", List.of(new Result.KitComponent("BKIT-1", 1))));
        failure(ResultCode.SKU_NOT_FOUND, client.putKit("BKIT-2", List.of(new Result.KitComponent("NO-SUCH", 1))));
        failure(ResultCode.INVALID_QUANTITY, client.putKit("BKIT-2", List.of(new Result.KitComponent("BKC-A", 1001))));
        failure(ResultCode.INVALID_QUANTITY, client.putKit("BKIT-2", List.of(new Result.KitComponent("BKC-A", 0))));
        failure(ResultCode.INVALID_REQUEST, client.putKit("BKIT-2", List.of()));
        failure(ResultCode.INVALID_REQUEST, client.putKit("BKIT/2", List.of(new Result.KitComponent("BKC-A", 1))));
        failure(ResultCode.INVALID_REQUEST, client.setOnHand("BKIT-1", "W1", 1));
        failure(ResultCode.SKU_NOT_FOUND, client.getKit("BKIT-2"));

        final Result.Reservation lock = ok(Result.Reservation.class, client.lock("BKIT-ORDER", "BKIT-1", null, 2));
        assertEquals(2, lock.lines().size());
        for (final Result.ReservationLine line : lock.lines())
        {
            assertEquals("BKIT-1", line.kit());
            assertNull(line.listing());
            assertEquals(line.sku().equals("BKC-A") ? 4 : 2, line.quantity(), line::toString);
        }
        assertEquals(1, ok(Result.Kit.class, client.getKit("BKIT-1")).available());
    }

    @Test
    void locksByListingOfASkuAndOfAKit() throws Exception
    {
        stock("BLL-A", "W1", 10);
        stock("BLL-B", "W1", 10);
        ok(Result.Kit.class, client.putKit("BLL-KIT",
            List.of(new Result.KitComponent("BLL-A", 1), new Result.KitComponent("BLL-B", 2))));
        ok(Result.Channels.class, client.putChannel("b-ll", null, 0, 100, Result.NO_CAP, false));
        ok(Result.Listing.class, client.bindListing("b-ll", "SKU-L", "BLL-A"));
        ok(Result.Listing.class, client.bindListing("b-ll", LONG_LISTING, "BLL-KIT"));

        final Result.Reservation bySku = ok(Result.Reservation.class,
            client.lockListing("BLL-1", "b-ll", "SKU-L", null, 3));
        assertEquals("b-ll", bySku.channel());
        assertEquals(List.of(new Result.ReservationLine("BLL-A", "W1", 3, false, 0, 0, 0, null, "SKU-L")),
            bySku.lines());
        assertEquals(7, ok(Result.Listing.class, client.getListing("b-ll", "SKU-L")).published());

        final Result.Reservation byKit = ok(Result.Reservation.class,
            client.lockListing("BLL-2", "b-ll", LONG_LISTING, "W1", 2));
        assertEquals(List.of(
                new Result.ReservationLine("BLL-A", "W1", 2, false, 0, 0, 0, "BLL-KIT", LONG_LISTING),
                new Result.ReservationLine("BLL-B", "W1", 4, false, 0, 0, 0, "BLL-KIT", LONG_LISTING)),
            byKit.lines());
        assertEquals(3, ok(Result.Listing.class, client.getListing("b-ll", LONG_LISTING)).published(),
            "min(5 of A, 6 of B / 2) whole kits");
        assertEquals(byKit.lines(), ok(Result.Reservation.class,
            client.submit(new Command().getReservation("BLL-2"))).lines());
        assertEquals(5, level("BLL-A", "W1").reserved());
    }

    @Test
    void aLockByListingTakesTheChannelsAllocationFirstAndAReleaseGivesItBack() throws Exception
    {
        stock("BLA", "W1", 10);
        ok(Result.Channels.class, client.putChannel("b-la", null, 0, 100, Result.NO_CAP, false));
        ok(Result.Listing.class, client.bindListing("b-la", "LA-1", "BLA"));
        ok(Result.Allocation.class, client.setAllocation("b-la", "BLA", "W1", 4));
        assertEquals(6, level("BLA", "W1").available());

        ok(Result.Reservation.class, client.lockListing("BLA-1", "b-la", "LA-1", null, 3));
        assertEquals(1, ok(Result.Allocation.class, client.getAllocation("b-la", "BLA", "W1")).units());
        final Result.Level afterFirst = level("BLA", "W1");
        assertEquals(List.of(3L, 1L, 6L),
            List.of(afterFirst.reserved(), afterFirst.allocated(), afterFirst.available()),
            "three units from the allocation, none from the shared pool");

        ok(Result.Reservation.class, client.lockListing("BLA-2", "b-la", "LA-1", null, 3));
        assertEquals(0, ok(Result.Allocation.class, client.getAllocation("b-la", "BLA", "W1")).units());
        assertEquals(4, level("BLA", "W1").available(), "one unit from the allocation, two from the pool");

        ok(Result.Reservation.class, client.settle(CommandType.RELEASE, "BLA-1"));
        assertEquals(3, ok(Result.Allocation.class, client.getAllocation("b-la", "BLA", "W1")).units(),
            "a release gives back to the allocation first");
        assertEquals(4, level("BLA", "W1").available());
    }

    @Test
    void theChangeFeedCarriesWhatIsAllocated() throws Exception
    {
        stock("BCF", "W1", 10);
        ok(Result.Channels.class, client.putChannel("b-cf", null, 0, 100, Result.NO_CAP, false));
        ok(Result.Listing.class, client.bindListing("b-cf", "CF-1", "BCF"));
        ok(Result.Allocation.class, client.setAllocation("b-cf", "BCF", "W1", 4));
        final BlockingQueue<Result.ChangeEvent> events = new LinkedBlockingQueue<>();
        try (TestClient subscriber = fixture.client())
        {
            assertTrue(call(subscriber.subscribe(Command.ABSENT, events::add)).isOk());
            final Result.Reservation lock = ok(Result.Reservation.class,
                client.lockListing("BCF-1", "b-cf", "CF-1", null, 1));
            Result.ChangeEvent event;
            do
            {
                event = events.poll(10, TimeUnit.SECONDS);
                assertTrue(event != null, "no change event for the lock");
            }
            while (event.seq() < lock.sequence());
            assertEquals(lock.sequence(), event.seq());
            final Result.Level level = event.levels().get(0);
            assertEquals(List.of("BCF", 1L, 3L, 6L), List.of(level.sku(), level.reserved(), level.allocated(),
                level.available()));
        }
    }

    @Test
    void badLocksByListingAreRefusedAndChangeNothing() throws Exception
    {
        stock("BLX", "W1", 10);
        ok(Result.Channels.class, client.putChannel("b-lx", null, 0, 100, Result.NO_CAP, false));
        ok(Result.Listing.class, client.bindListing("b-lx", "LX-1", "BLX"));

        final Command both = new Command().lock("BLX-1", "b-lx", 0, false, false);
        both.lines.add("BLX", "LX-1", null, 1);
        failure(ResultCode.INVALID_REQUEST, client.submit(both));
        final Command neither = new Command().lock("BLX-1", "b-lx", 0, false, false);
        neither.lines.add(null, null, "W1", 1);
        failure(ResultCode.INVALID_REQUEST, client.submit(neither));
        failure(ResultCode.CHANNEL_NOT_FOUND, client.lockListing("BLX-1", "b-unknown", "LX-1", null, 1));
        failure(ResultCode.CHANNEL_NOT_FOUND, client.lockListing("BLX-1", null, "LX-1", null, 1));
        failure(ResultCode.LISTING_NOT_FOUND, client.lockListing("BLX-1", "b-lx", "LX-9", null, 1));
        failure(ResultCode.INVALID_REQUEST, client.lockListing("BLX-1", "b-lx", LONG_LISTING + "L", null, 1));
        failure(ResultCode.INVALID_REQUEST, client.lockListing("BLX-1", "b-lx", "LX 1", null, 1));
        failure(ResultCode.INVALID_QUANTITY, client.lockListing("BLX-1", "b-lx", "LX-1", null, 0));
        failure(ResultCode.INSUFFICIENT_STOCK, client.lockListing("BLX-1", "b-lx", "LX-1", null, 11));
        failure(ResultCode.ORDER_NOT_FOUND, client.submit(new Command().getReservation("BLX-1")));
        assertEquals(0, level("BLX", "W1").reserved());
    }
}
