package dev.stockhold.journal.codec;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.journal.CommandStreams;
import dev.stockhold.journal.Commands;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JournalCodecTest
{
    private final JournalCodec codec = new JournalCodec();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);

    @Test
    void everyMutatingCommandOfARandomStreamRoundTrips()
    {
        final long seed = System.nanoTime();
        System.out.println("JournalCodecTest seed " + seed);
        final CommandStreams stream = new CommandStreams(seed);
        final Command command = new Command();
        final Command decoded = new Command();
        int checked = 0;
        for (int i = 0; i < 20_000; i++)
        {
            stream.next(command);
            if (!command.type.isMutating())
            {
                continue;
            }
            final int length = codec.encode(command, buffer);
            codec.decode(buffer, length, decoded);
            assertEquals(Commands.describe(command), Commands.describe(decoded), "seed " + seed);
            assertEquals(command.sequence, codec.sequenceOf(buffer, length));
            checked++;
        }
        assertEquals(true, checked > 15_000);
    }

    @Test
    void aOneLineLockIsAsSmallAsDocumented()
    {
        final Command lock = new Command().lock("order-000001", "shopify1", 0, false, false);
        lock.lines.add("SKU-000001", "WH01", 3);
        assertEquals(93, codec.encode(lock, buffer));
    }

    @Test
    void aLockWithoutListingsKeepsItsFormerBytesAndOneWithListingsRoundTrips()
    {
        final Command plain = new Command().lock("order-000001", "shopify1", 0, false, false);
        plain.lines.add("SKU-000001", "WH01", 3);
        final int length = codec.encode(plain, buffer);
        assertEquals(0, buffer.getByte(JournalCodec.HEADER_LENGTH + 2 + 14 + 10 + 4) & 4, "no listing flag");
        final Command byListing = new Command().lock("order-2", "ae-store1", 0, false, false);
        byListing.lines.addListing("1005001234", null, 2).add("KIT-1", "WH01", 1);
        final Command decoded = new Command();
        codec.decode(buffer, codec.encode(byListing, buffer), decoded);
        assertEquals(Commands.describe(byListing), Commands.describe(decoded));
        assertEquals("1005001234", decoded.lines.listing(0));
        assertEquals(93, length);
    }

    @Test
    void everyChannelCommandRoundTripsWithAbsentAndEmptyListsApart()
    {
        final Command every = new Command().putChannel("ae-store1", 5, 100, Command.ABSENT, true);
        final Command empty = new Command().putChannel("ae-store1", 0, 0, 0, false);
        empty.channelWarehouses.present();
        final Command listed = new Command().putChannel("ae-store1", 1, 50, 7, false);
        listed.channelWarehouses.add("CN-SZ").add("US-LA");
        final Command kit = new Command().putKit("KIT-1");
        kit.lines.add("A1", null, 2).add("B7", "WH-not-allowed", 1);
        for (final Command command : new Command[] {every, empty, listed, kit,
            new Command().bindListing("ae-store1", "1005001234", "A1"),
            new Command().unbindListing("ae-store1", "1005001234"),
            new Command().setAllocation("ae-store1", "A1", "CN-SZ", 50)})
        {
            final Command decoded = new Command();
            codec.decode(buffer, codec.encode(command, buffer), decoded);
            assertEquals(Commands.describe(command), Commands.describe(decoded));
            assertEquals(command.channelWarehouses.isPresent(), decoded.channelWarehouses.isPresent());
        }
    }

    @Test
    void pushSettingsAndDeliveryOutcomesRoundTrip()
    {
        final Command withPush = new Command().putChannel("ae-store1", 0, 100, Command.ABSENT, true)
            .push("https://shop.example/stock", "s3cr3t", 10, 20, 200);
        final int plainLength = codec.encode(new Command().putChannel("ae-store1", 0, 100, Command.ABSENT, true),
            buffer);
        assertEquals(1, buffer.getByte(plainLength - 5), "without push, only the presale bit: as before push");
        final Command acknowledged = new Command().pushOutcome("ae-store1", "d-1", 200, null);
        acknowledged.pushed.add("1005001234", "A1", 37, 41);
        acknowledged.pushed.add("bundle", "KIT-1", 0, 44);
        final Command refused = new Command().pushOutcome("ae-store1", "d-2", 0, "connection refused");
        for (final Command command : new Command[] {withPush, acknowledged, refused})
        {
            final Command decoded = new Command();
            codec.decode(buffer, codec.encode(command, buffer), decoded);
            assertEquals(Commands.describe(command), Commands.describe(decoded));
        }
    }

    @Test
    void nonAsciiAndNullStringsSurvive()
    {
        final Command adjust = new Command().adjust("SKU-日本", null, -3, 0, 1, "broken 🎁 box");
        adjust.idempotencyKey = "ключ";
        final int length = codec.encode(adjust, buffer);
        final Command decoded = new Command();
        codec.decode(buffer, length, decoded);
        assertEquals("SKU-日本", decoded.sku);
        assertEquals(null, decoded.warehouse);
        assertEquals("broken 🎁 box", decoded.reason);
        assertEquals("ключ", decoded.idempotencyKey);
        assertEquals(-3, decoded.onHandDelta);
    }

    @Test
    void aFlippedByteOrATruncatedEntryIsRejected()
    {
        final Command receive = new Command().receive("SKU-1", "WH1", 7).at(123);
        receive.sequence = 42;
        final int length = codec.encode(receive, buffer);
        final Command decoded = new Command();
        buffer.putByte(length - 9, (byte)(buffer.getByte(length - 9) ^ 0x10));
        assertThrows(JournalFormatException.class, () -> codec.decode(buffer, length, decoded));
        buffer.putByte(length - 9, (byte)(buffer.getByte(length - 9) ^ 0x10));
        codec.decode(buffer, length, decoded);
        assertEquals(7, decoded.quantity);
        assertThrows(JournalFormatException.class, () -> codec.decode(buffer, length - 3, decoded));
        assertThrows(JournalFormatException.class, () -> codec.decode(buffer, 10, decoded));
    }

    @Test
    void readOnlyCommandsAreNotJournaled()
    {
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new Command().getReservation("o"), buffer));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new Command().snapshot(), buffer));
        assertEquals(false, CommandType.SNAPSHOT.isMutating());
    }

    @Test
    void everyReadAClientSendsTravelsAsARequestAndIsNeverReadAsAJournalEntry()
    {
        for (final Command read : new Command[] {new Command().getStock("SKU-1", "WH1"),
            new Command().getStock("SKU-1", null), new Command().getReservation("order-1"), new Command().getDigest(),
            new Command().getStats(), new Command().getChannel("ae-store1"), new Command().getChannel(null),
            new Command().getListing("ae-store1", "1005001234"), new Command().getKit("KIT-1"),
            new Command().getAllocation("ae-store1", "A1", "CN-SZ")})
        {
            read.clientId = 7;
            read.requestId = 99;
            final int length = codec.encodeRequest(read, buffer);
            final Command decoded = new Command();
            codec.decodeRequest(buffer, length, decoded);
            assertEquals(Commands.describe(read), Commands.describe(decoded));
            assertEquals(7, decoded.clientId);
            assertThrows(JournalFormatException.class, () -> codec.decode(buffer, length, new Command()),
                read.type.name());
        }
        final Command adjust = new Command().adjust("SKU-1", "WH1", 2, 0, 0, "count");
        final Command decoded = new Command();
        codec.decodeRequest(buffer, codec.encodeRequest(adjust, buffer), decoded);
        assertEquals(Commands.describe(adjust), Commands.describe(decoded));
        assertThrows(IllegalArgumentException.class, () -> codec.encodeRequest(new Command().snapshot(), buffer));
    }
}
