package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of result survives {@link ResultCodec}: what the ledger answered, decoded, encodes to the same
 * bytes and reads the same; a truncated or padded result is refused.
 */
class ResultCodecTest
{
    private static final long T0 = 1_700_000_000_000L;

    private final Ledger ledger = new Ledger(LedgerConfig.defaults());
    private final Command command = new Command();
    private long sequence;

    private CommandResult apply(final Command filled)
    {
        filled.sequence = filled.type.isMutating() ? ++sequence : sequence;
        filled.timestampMillis = T0;
        ledger.apply(filled);
        return filled.result;
    }

    private static byte[] encode(final CommandResult result)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final int length = ResultCodec.encode(result, buffer, 3);
        return Arrays.copyOfRange(buffer.byteArray(), 3, 3 + length);
    }

    private static CommandResult roundTrip(final CommandResult result)
    {
        final byte[] bytes = encode(result);
        final CommandResult decoded = new CommandResult();
        decoded.levels().add("stale", "stale", 1, 1, 1, 1, 1, 1);
        ResultCodec.decode(new UnsafeBuffer(bytes), 0, bytes.length, decoded);
        // A result whose only channel part is the feed's record (not carried) encodes shorter once decoded;
        // from then on the bytes are stable.
        final byte[] again = encode(decoded);
        final CommandResult twice = new CommandResult();
        ResultCodec.decode(new UnsafeBuffer(again), 0, again.length, twice);
        assertArrayEquals(again, encode(twice), "a decoded result encodes to the same bytes");
        assertEquals(result.code(), decoded.code());
        assertEquals(result.sequence(), decoded.sequence());
        assertEquals(result.levels().count(), decoded.levels().count());
        assertEquals(result.reservation().lineCount(), decoded.reservation().lineCount());
        return decoded;
    }

    @Test
    void resultsOfStockReservationAndChannelCommandsTravelWhole()
    {
        final Command set = command.setStock();
        set.items.add("A1", "CN-SZ", 100, Command.ABSENT, Command.ABSENT, Command.ABSENT);
        set.items.add("B7", "CN-SZ", 50, Command.ABSENT, Command.ABSENT, Command.ABSENT);
        assertEquals(2, roundTrip(apply(set)).levels().count());

        command.putKit("KIT-1");
        command.lines.add("A1", null, 2);
        command.lines.add("B7", null, 1);
        final CommandResult kit = roundTrip(apply(command));
        assertEquals("KIT-1", kit.kit().sku());
        assertEquals(2, kit.kit().componentCount());

        command.putChannel("ae-store1", 5, 50, Command.ABSENT, false);
        command.channelWarehouses.present();
        command.channelWarehouses.add("CN-SZ");
        final CommandResult channel = roundTrip(apply(command));
        assertEquals("ae-store1", channel.channels().channel(0));
        assertEquals(50, channel.channels().percent(0));

        final CommandResult listing = roundTrip(apply(command.bindListing("ae-store1", "1005001234", "KIT-1")));
        assertEquals("1005001234", listing.listing().listingId());

        final CommandResult allocation = roundTrip(apply(command.setAllocation("ae-store1", "A1", "CN-SZ", 10)));
        assertEquals(10, allocation.allocation().units());

        command.lock("order-1", "ae-store1", 0, false, false);
        command.lines.addListing("1005001234", null, 2);
        final CommandResult locked = roundTrip(apply(command));
        assertTrue(locked.isOk());
        assertEquals(2, locked.reservation().lineCount());
        assertEquals(4, locked.reservation().quantity(0));
        assertEquals("order-1", locked.reservation().orderId());
        assertEquals("KIT-1", locked.reservation().kit(0));
        assertEquals(sequence, locked.sequence());
    }

    @Test
    void anErrorWithItsShortLinesAndADigestTravelWhole()
    {
        final Command set = command.setStock();
        set.items.add("A1", "CN-SZ", 1, Command.ABSENT, Command.ABSENT, Command.ABSENT);
        apply(set);
        command.lock("order-1", null, 0, false, false);
        command.lines.add("A1", "CN-SZ", 5);
        final CommandResult refused = roundTrip(apply(command));
        assertEquals(ErrorCode.INSUFFICIENT_STOCK, refused.code());
        assertEquals(5, refused.shortLines().requested(0));

        final CommandResult digest = apply(command.getDigest());
        final CommandResult decoded = roundTrip(digest);
        assertEquals(digest.digest(), decoded.digest());
        assertEquals(1, decoded.cellCount());
        assertEquals(CommandType.GET_DIGEST, command.type);
    }

    @Test
    void bytesThatAreNotOneWholeResultAreRefused()
    {
        final Command set = command.setStock();
        set.items.add("A1", "CN-SZ", 1, Command.ABSENT, Command.ABSENT, Command.ABSENT);
        final byte[] bytes = encode(apply(set));
        final CommandResult into = new CommandResult();
        assertThrows(RuntimeException.class,
            () -> ResultCodec.decode(new UnsafeBuffer(bytes), 0, bytes.length - 9, into));
        final byte[] padded = Arrays.copyOf(bytes, bytes.length + 1);
        System.arraycopy(bytes, bytes.length - 40, padded, bytes.length - 39, 40);
        assertThrows(RuntimeException.class,
            () -> ResultCodec.decode(new UnsafeBuffer(padded), 0, padded.length, into));
    }
}
