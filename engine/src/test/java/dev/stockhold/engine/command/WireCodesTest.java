package dev.stockhold.engine.command;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The numbers that journals and binary frames store are pinned here, one by one: a renumbered or reordered
 * constant would make old journals replay other outcomes and other commands.
 */
class WireCodesTest
{
    @Test
    void errorCodesKeepTheirNumbers()
    {
        final String[] codes = {"OK", "ERR_INVALID_REQUEST", "ERR_INVALID_QUANTITY", "ERR_SKU_NOT_FOUND",
            "ERR_ORDER_NOT_FOUND", "ERR_NOT_FOUND", "ERR_METHOD_NOT_ALLOWED", "ERR_INSUFFICIENT_STOCK",
            "ERR_ORDER_CONFLICT", "ERR_INVALID_STATE", "ERR_NOT_RECEIVED", "ERR_RESERVATION_EXPIRED",
            "ERR_VERSION_CONFLICT", "ERR_IDEMPOTENCY_KEY_REUSED", "ERR_GONE", "ERR_PAYLOAD_TOO_LARGE",
            "ERR_UNAUTHORIZED", "ERR_FORBIDDEN", "ERR_OVERLOADED", "ERR_INTERNAL", "ERR_RATE_LIMITED",
            "ERR_CHANNEL_NOT_FOUND", "ERR_LISTING_NOT_FOUND"};
        assertEquals(codes.length, ErrorCode.values().length, "a new code gets a new number here too");
        for (int number = 0; number < codes.length; number++)
        {
            final ErrorCode error = ErrorCode.fromWireCode(number);
            assertEquals(codes[number], error.code(), "wire code " + number);
            assertEquals(number, error.wireCode());
        }
        assertNull(ErrorCode.fromWireCode(63));
        assertNull(ErrorCode.fromWireCode(-1));
    }

    @Test
    void commandTypesKeepTheirCodes()
    {
        final Map<CommandType, Integer> pinned = Map.ofEntries(Map.entry(CommandType.LOCK, 1),
            Map.entry(CommandType.RELEASE, 2), Map.entry(CommandType.DEDUCT, 3), Map.entry(CommandType.RETURN, 4),
            Map.entry(CommandType.SET_STOCK, 5), Map.entry(CommandType.ADJUST, 6), Map.entry(CommandType.RECEIVE, 7),
            Map.entry(CommandType.TICK, 8), Map.entry(CommandType.SNAPSHOT, 9), Map.entry(CommandType.GET_CELL, 20),
            Map.entry(CommandType.GET_SKU, 21), Map.entry(CommandType.GET_RESERVATION, 22),
            Map.entry(CommandType.GET_DIGEST, 23), Map.entry(CommandType.GET_STATS, 24),
            Map.entry(CommandType.PUT_CHANNEL, 10), Map.entry(CommandType.BIND_LISTING, 11),
            Map.entry(CommandType.UNBIND_LISTING, 12), Map.entry(CommandType.PUT_KIT, 13),
            Map.entry(CommandType.SET_ALLOCATION, 14), Map.entry(CommandType.GET_CHANNEL, 25),
            Map.entry(CommandType.LIST_CHANNELS, 26), Map.entry(CommandType.GET_LISTING, 27),
            Map.entry(CommandType.GET_KIT, 28), Map.entry(CommandType.GET_ALLOCATION, 29),
            Map.entry(CommandType.PUSH_OUTCOME, 15), Map.entry(CommandType.GET_PUSH, 30),
            Map.entry(CommandType.NEXT_DELIVERY, 31), Map.entry(CommandType.MARK, 63));
        assertEquals(pinned.size(), CommandType.values().length, "a new type gets a code here too");
        for (final CommandType type : CommandType.values())
        {
            assertEquals(pinned.get(type), (int)type.code(), type.name());
            assertSame(type, CommandType.fromCode(type.code()));
        }
    }

    @Test
    void idempotencyKeysGoWithClientWrites()
    {
        for (final CommandType type : CommandType.values())
        {
            final boolean engineSent = type == CommandType.TICK || type == CommandType.PUSH_OUTCOME;
            assertEquals(type.isMutating() && !engineSent, type.takesIdempotencyKey(), type.name());
        }
        assertTrue(CommandType.LOCK.takesIdempotencyKey());
        assertFalse(CommandType.GET_CELL.takesIdempotencyKey());
    }
}
