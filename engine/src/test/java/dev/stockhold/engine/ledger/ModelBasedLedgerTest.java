package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.ReservationState;
import dev.stockhold.engine.model.Coverage;
import dev.stockhold.engine.model.SeedRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random command streams fed to the real ledger and to the independent reference model; every answer is
 * compared and the invariants checked. The default run covers over a million commands on many seeds;
 * {@code -Dstockhold.long=true} runs twenty times more, {@code -Dstockhold.seed=N} re-runs one seed.
 */
class ModelBasedLedgerTest
{
    private static final int COMMANDS_PER_SEED = 5_000;
    private static final int SEEDS = 200;

    @Test
    void randomCommandStreamsAgreeWithTheReferenceModel()
    {
        final Long only = Long.getLong("stockhold.seed");
        final int seeds = only != null ? 1 : Boolean.getBoolean("stockhold.long") ? SEEDS * 20 : SEEDS;
        final long base = only != null ? only : new SplittableRandom().nextLong() & 0xFFFF_FFFFL;
        System.out.println("ModelBasedLedgerTest: seeds " + base + ".." + (base + seeds - 1));
        final Coverage coverage = new Coverage();
        final long startNanos = System.nanoTime();
        for (int i = 0; i < seeds; i++)
        {
            new SeedRun(base + i, coverage).run(COMMANDS_PER_SEED);
        }
        final long millis = (System.nanoTime() - startNanos) / 1_000_000;
        System.out.println("ModelBasedLedgerTest: " + (long)seeds * COMMANDS_PER_SEED + " random commands on "
            + seeds + " seeds in " + millis + " ms\n" + coverage);
        if (only == null)
        {
            assertEveryPathWasTaken(coverage);
        }
    }

    /** The stream is only worth something if it reaches every rule and every engine-decided error. */
    private static void assertEveryPathWasTaken(final Coverage coverage)
    {
        final List<Object[]> required = List.of(
            new Object[] {CommandType.LOCK, ErrorCode.OK}, new Object[] {CommandType.LOCK, ErrorCode.INSUFFICIENT_STOCK},
            new Object[] {CommandType.LOCK, ErrorCode.ORDER_CONFLICT}, new Object[] {CommandType.LOCK, ErrorCode.SKU_NOT_FOUND},
            new Object[] {CommandType.LOCK, ErrorCode.OVERLOADED}, new Object[] {CommandType.LOCK, ErrorCode.INVALID_REQUEST},
            new Object[] {CommandType.LOCK, ErrorCode.INVALID_QUANTITY},
            new Object[] {CommandType.RELEASE, ErrorCode.OK}, new Object[] {CommandType.RELEASE, ErrorCode.ORDER_NOT_FOUND},
            new Object[] {CommandType.RELEASE, ErrorCode.RESERVATION_EXPIRED},
            new Object[] {CommandType.RELEASE, ErrorCode.INVALID_STATE},
            new Object[] {CommandType.RELEASE, ErrorCode.INVALID_QUANTITY},
            new Object[] {CommandType.RELEASE, ErrorCode.INVALID_REQUEST},
            new Object[] {CommandType.DEDUCT, ErrorCode.OK}, new Object[] {CommandType.DEDUCT, ErrorCode.NOT_RECEIVED},
            new Object[] {CommandType.DEDUCT, ErrorCode.RESERVATION_EXPIRED},
            new Object[] {CommandType.DEDUCT, ErrorCode.INVALID_STATE},
            new Object[] {CommandType.DEDUCT, ErrorCode.INVALID_QUANTITY},
            new Object[] {CommandType.RETURN, ErrorCode.OK}, new Object[] {CommandType.RETURN, ErrorCode.INVALID_STATE},
            new Object[] {CommandType.RETURN, ErrorCode.INVALID_QUANTITY},
            new Object[] {CommandType.SET_STOCK, ErrorCode.OK}, new Object[] {CommandType.SET_STOCK, ErrorCode.VERSION_CONFLICT},
            new Object[] {CommandType.SET_STOCK, ErrorCode.INVALID_REQUEST},
            new Object[] {CommandType.SET_STOCK, ErrorCode.INVALID_QUANTITY},
            new Object[] {CommandType.ADJUST, ErrorCode.OK}, new Object[] {CommandType.ADJUST, ErrorCode.INVALID_QUANTITY},
            new Object[] {CommandType.ADJUST, ErrorCode.SKU_NOT_FOUND},
            new Object[] {CommandType.RECEIVE, ErrorCode.OK}, new Object[] {CommandType.RECEIVE, ErrorCode.INVALID_QUANTITY},
            new Object[] {CommandType.RECEIVE, ErrorCode.SKU_NOT_FOUND},
            new Object[] {CommandType.LOCK, ErrorCode.IDEMPOTENCY_KEY_REUSED},
            new Object[] {CommandType.GET_CELL, ErrorCode.SKU_NOT_FOUND},
            new Object[] {CommandType.GET_RESERVATION, ErrorCode.ORDER_NOT_FOUND},
            new Object[] {CommandType.LOCK, ErrorCode.CHANNEL_NOT_FOUND},
            new Object[] {CommandType.LOCK, ErrorCode.LISTING_NOT_FOUND},
            new Object[] {CommandType.PUT_CHANNEL, ErrorCode.OK}, new Object[] {CommandType.PUT_CHANNEL, ErrorCode.INVALID_QUANTITY},
            new Object[] {CommandType.BIND_LISTING, ErrorCode.OK}, new Object[] {CommandType.BIND_LISTING, ErrorCode.SKU_NOT_FOUND},
            new Object[] {CommandType.BIND_LISTING, ErrorCode.CHANNEL_NOT_FOUND},
            new Object[] {CommandType.UNBIND_LISTING, ErrorCode.OK},
            new Object[] {CommandType.UNBIND_LISTING, ErrorCode.LISTING_NOT_FOUND},
            new Object[] {CommandType.PUT_KIT, ErrorCode.OK}, new Object[] {CommandType.PUT_KIT, ErrorCode.SKU_NOT_FOUND},
            new Object[] {CommandType.PUT_KIT, ErrorCode.INVALID_REQUEST},
            new Object[] {CommandType.SET_ALLOCATION, ErrorCode.OK},
            new Object[] {CommandType.SET_ALLOCATION, ErrorCode.INSUFFICIENT_STOCK},
            new Object[] {CommandType.GET_LISTING, ErrorCode.OK}, new Object[] {CommandType.GET_KIT, ErrorCode.OK},
            new Object[] {CommandType.GET_ALLOCATION, ErrorCode.OK}, new Object[] {CommandType.LIST_CHANNELS, ErrorCode.OK});
        for (final Object[] pair : required)
        {
            assertTrue(coverage.count((CommandType)pair[0], (ErrorCode)pair[1]) > 0,
                () -> "never reached " + pair[0] + " -> " + pair[1] + "\n" + coverage);
        }
        for (final ReservationState state : ReservationState.values())
        {
            assertTrue(coverage.events(state.toString()) > 0, () -> "never saw state " + state);
        }
        for (final String event : List.of("expiry", "presale line", "LOCK replayed", "DEDUCT replayed", "kit line",
            "listing line", "published change", "allocation taken", "allocation given back", "allocation cut"))
        {
            assertTrue(coverage.events(event) > 0, () -> "never saw " + event + "\n" + coverage);
        }
    }
}
