package dev.stockhold.cluster.service;

import dev.stockhold.cluster.protocol.IngressEncoder;
import dev.stockhold.cluster.protocol.ReplyDecoder;
import dev.stockhold.cluster.sbe.AnsweredBy;
import dev.stockhold.cluster.sbe.MessageHeaderEncoder;
import dev.stockhold.cluster.sbe.RequestEncoder;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.ReservationState;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.journal.codec.JournalCodec;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clustered engine's deterministic core, fed messages as the log would, without Aeron. */
class EngineCoreTest
{
    private static final long ORIGIN = 42;
    private static final long T0 = 1_700_000_000_000L;

    private final IngressEncoder encoder = new IngressEncoder();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final ReplyDecoder replies = new ReplyDecoder();

    private EngineCore core(final EngineSettings settings)
    {
        return new EngineCore(EngineCore.emptyState(LedgerConfig.defaults(), settings), null);
    }

    private CommandResult send(final EngineCore core, final long number, final long atMillis, final Command command)
    {
        final int length = encoder.encode(ORIGIN, number, false, command, buffer, 0);
        core.onMessage(atMillis, buffer, 0, length);
        return answer(core, number);
    }

    private CommandResult answer(final EngineCore core, final long number)
    {
        assertTrue(replies.wrap(core.answer(), 0, core.answerLength()));
        assertEquals(ORIGIN, replies.origin());
        assertEquals(number, replies.number());
        final CommandResult result = new CommandResult();
        replies.decodeInto(result);
        return result;
    }

    private static byte[] answerBytes(final EngineCore core)
    {
        final byte[] bytes = new byte[core.answerLength()];
        core.answer().getBytes(0, bytes);
        return bytes;
    }

    private static Command stock(final String sku, final long onHand)
    {
        final Command command = new Command().setStock();
        command.items.add(sku, "WH1", onHand, Command.ABSENT, Command.ABSENT, Command.ABSENT);
        return command;
    }

    private static Command lock(final String orderId, final String sku, final long quantity)
    {
        final Command command = new Command().lock(orderId, "shop", 0, false, false);
        command.lines.add(sku, "WH1", quantity);
        return command;
    }

    @Test
    void mutatingCommandsTakeSequencesAndReadsAnswerWithTheLast()
    {
        final EngineCore core = core(EngineSettings.defaults());
        assertEquals(1, send(core, 1, T0, stock("SKU-1", 10)).sequence());
        final CommandResult locked = send(core, 2, T0 + 1, lock("order-1", "SKU-1", 3));
        assertTrue(locked.isOk());
        assertEquals(2, locked.sequence());
        assertEquals(ReservationState.LOCKED, locked.reservation().state());
        assertEquals("WH1", locked.reservation().warehouse(0));

        final CommandResult cell = send(core, 3, T0 + 2, new Command().getStock("SKU-1", "WH1"));
        assertEquals(2, cell.sequence());
        assertEquals(7, cell.levels().available(0));
        assertEquals(2, core.state().sequence);
    }

    @Test
    void aResentCommandIdIsAnsweredWithItsFirstAnswerAndAppliedOnce()
    {
        final EngineCore core = core(EngineSettings.defaults());
        send(core, 1, T0, stock("SKU-1", 10));
        final Command adjust = new Command().adjust("SKU-1", "WH1", 5, 0, 0, "found");
        send(core, 2, T0 + 1, adjust);
        final byte[] first = answerBytes(core);
        final CommandResult again = send(core, 2, T0 + 2, adjust);
        assertArrayEquals(first, answerBytes(core));
        assertEquals(2, again.sequence());
        assertEquals(15, again.levels().onHand(0));
        assertEquals(2, core.state().sequence);
        assertEquals(15, send(core, 3, T0 + 3, new Command().getStock("SKU-1", "WH1")).levels().onHand(0));
    }

    @Test
    void anIdOlderThanTheRetentionIsForgottenByTheNextTick()
    {
        final EngineCore core = core(new EngineSettings(1_000, 100, 100));
        send(core, 1, T0, stock("SKU-1", 10));
        assertEquals(1, core.state().window.size());
        core.onTick(T0 + 1_000);
        assertEquals(1, core.state().window.size());
        core.onTick(T0 + 1_001);
        assertEquals(0, core.state().window.size());
        assertEquals(3, core.state().sequence);
    }

    @Test
    void aFullWindowRefusesMutatingCommandsUntilAnswersAgeOut()
    {
        final EngineCore core = core(new EngineSettings(1_000, 2, 100));
        send(core, 1, T0, stock("SKU-1", 10));
        send(core, 2, T0, lock("order-1", "SKU-1", 1));
        final CommandResult refused = send(core, 3, T0 + 1, lock("order-2", "SKU-1", 1));
        assertEquals(ErrorCode.OVERLOADED, refused.code());
        assertEquals(0, refused.sequence());
        assertEquals(2, core.state().sequence);
        assertTrue(send(core, 4, T0 + 1, new Command().getReservation("order-1")).isOk());

        assertTrue(send(core, 3, T0 + 1_001, lock("order-2", "SKU-1", 1)).isOk());
        assertEquals(3, core.state().sequence);
    }

    @Test
    void anUnreadableMessageIsAnsweredWithInvalidRequestAndAppliesNothing()
    {
        final EngineCore core = core(EngineSettings.defaults());
        final int length = encoder.encode(ORIGIN, 7, false, stock("SKU-1", 10), buffer, 0);
        core.onMessage(T0, buffer, 0, length - 3);
        final CommandResult result = answer(core, 7);
        assertEquals(ErrorCode.INVALID_REQUEST, result.code());
        assertEquals(0, core.state().sequence);
    }

    @Test
    void theLedgerValidatesFieldsWhateverTheClientSent()
    {
        final EngineCore core = core(EngineSettings.defaults());
        final CommandResult result = send(core, 1, T0, lock("order-1", "bad sku", 1));
        assertEquals(ErrorCode.INVALID_REQUEST, result.code());
        assertEquals(1, result.sequence());
    }

    @Test
    void ticksExpireReservationsOnClusterTime()
    {
        final EngineCore core = core(EngineSettings.defaults());
        send(core, 1, T0, stock("SKU-1", 10));
        final Command lock = new Command().lock("order-1", null, 1, false, false);
        lock.lines.add("SKU-1", "WH1", 4);
        send(core, 2, T0, lock);
        core.onTick(T0 + 999);
        assertEquals(ReservationState.LOCKED,
            send(core, 3, T0 + 999, new Command().getReservation("order-1")).reservation().state());
        core.onTick(T0 + 1_000);
        assertEquals(ReservationState.EXPIRED,
            send(core, 4, T0 + 1_000, new Command().getReservation("order-1")).reservation().state());
    }

    @Test
    void aSnapshotRestoresTheLedgerTheWindowAndTheSequence()
    {
        final EngineCore core = core(EngineSettings.defaults());
        send(core, 1, T0, stock("SKU-1", 10));
        send(core, 2, T0 + 5, lock("order-1", "SKU-1", 2));
        core.onTick(T0 + 100);
        core.state().ticking = true;
        core.state().memberSnapshot(2, 4096);
        final byte[] lockAnswer;
        send(core, 2, T0 + 6, lock("order-1", "SKU-1", 2));
        lockAnswer = answerBytes(core);

        final List<byte[]> messages = new ArrayList<>();
        final long bodyBytes = EngineSnapshot.write(core.state(), 64, (buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            messages.add(copy);
        });
        assertTrue(messages.size() > 3, "the body is cut into chunks");
        assertTrue(bodyBytes > 0);

        final EngineSnapshot.Reader reader = new EngineSnapshot.Reader();
        for (int i = 0; i < messages.size(); i++)
        {
            assertEquals(i == messages.size() - 1, reader.onMessage(new UnsafeBuffer(messages.get(i)), 0,
                messages.get(i).length));
        }
        final EngineState loaded = reader.state(LedgerConfig.defaults(), new CommandWindow(15_000, 1 << 10));
        assertEquals(core.state().sequence, loaded.sequence);
        assertEquals(core.state().engineTimeMillis, loaded.engineTimeMillis);
        assertTrue(loaded.ticking);
        assertEquals(core.state().ledger.digest(), loaded.ledger.digest());
        assertEquals(core.state().window.size(), loaded.window.size());
        assertArrayEquals(core.state().memberSnapshots, loaded.memberSnapshots);

        final EngineCore restored = new EngineCore(loaded, null);
        send(restored, 2, T0 + 7, lock("order-1", "SKU-1", 2));
        assertArrayEquals(lockAnswer, answerBytes(restored), "the window answers a retry after a restart");
        for (final EngineCore each : Arrays.asList(core, restored))
        {
            send(each, 10, T0 + 200, lock("order-2", "SKU-1", 1));
            each.onTick(T0 + 300);
        }
        assertEquals(core.state().ledger.digest(), restored.state().ledger.digest());
        assertEquals(core.state().sequence, restored.state().sequence);
    }

    @Test
    void aMemberSnapshotReportMovesThatMembersPositionForwardAndIsNoCommand()
    {
        final EngineCore core = core(EngineSettings.defaults());
        send(core, 1, T0, stock("SKU-1", 10));
        final long sequence = core.state().sequence;
        final long digest = core.state().ledger.digest();
        for (final long position : new long[] {8192, 4096, 16384})
        {
            final int length = encoder.encodeMemberSnapshot(ORIGIN, 1, position, buffer, 0);
            core.onMessage(T0 + 10, buffer, 0, length);
            assertEquals(0, core.answerLength(), "no answer");
            assertFalse(core.appliedMutation());
        }
        assertEquals(16384, core.state().memberSnapshots[1], "positions only move forward");
        assertEquals(0, core.state().memberSnapshots[0]);
        assertEquals(sequence, core.state().sequence, "no sequence taken");
        assertEquals(digest, core.state().ledger.digest());
    }

    @Test
    void aDamagedSnapshotIsRefused()
    {
        final EngineCore core = core(EngineSettings.defaults());
        send(core, 1, T0, stock("SKU-1", 10));
        final List<byte[]> messages = new ArrayList<>();
        EngineSnapshot.write(core.state(), 4096, (buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            messages.add(copy);
        });
        messages.get(1)[10] ^= 1;
        final EngineSnapshot.Reader reader = new EngineSnapshot.Reader();
        reader.onMessage(new UnsafeBuffer(messages.get(0)), 0, messages.get(0).length);
        reader.onMessage(new UnsafeBuffer(messages.get(1)), 0, messages.get(1).length);
        final byte[] end = messages.get(messages.size() - 1);
        final IllegalArgumentException thrown = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> reader.onMessage(new UnsafeBuffer(end), 0, end.length));
        assertTrue(thrown.getMessage().contains("checksum"), thrown.getMessage());
        assertFalse(reader.isComplete());
    }

    @Test
    void everyCommandTheClusterCarriesSurvivesTheWire()
    {
        final EngineCore core = core(EngineSettings.defaults());
        send(core, 1, T0, stock("SKU-1", 10));
        final Command set = new Command().setStock();
        set.items.add("SKU-2", "WH2", 5, 7, 1, Command.ABSENT);
        set.idempotencyKey = "key-1";
        assertEquals(4, send(core, 2, T0, set).levels().available(0));
        assertTrue(send(core, 3, T0, new Command().receive("SKU-2", "WH2", 2)).isOk());
        final Command presale = new Command().lock("order-p", "ch \u00e9", 60, true, true);
        presale.lines.add("SKU-2", null, 3);
        final CommandResult locked = send(core, 4, T0, presale);
        assertTrue(locked.isOk(), String.valueOf(locked.detail()));
        assertEquals("ch \u00e9", locked.reservation().channel());
        assertEquals(T0 + 60_000, locked.reservation().expiresAtMillis());
        final Command release = new Command().settle(CommandType.RELEASE, "order-p");
        release.lines.add("SKU-2", "WH2", 1);
        assertEquals(1, send(core, 5, T0, release).reservation().released(0));
        assertTrue(send(core, 6, T0, new Command().settle(CommandType.DEDUCT, "order-p")).isOk());
        assertTrue(send(core, 7, T0, new Command().settle(CommandType.RETURN, "order-p")).isOk());
        final CommandResult sku = send(core, 8, T0, new Command().getStock("SKU-2", null));
        assertEquals(1, sku.levels().count());
        assertEquals("WH2", sku.levels().warehouse(0));
        final CommandResult digest = send(core, 9, T0, new Command().getDigest());
        assertEquals(core.state().ledger.digest(), digest.digest());
        assertEquals(2, digest.cellCount());
        final CommandResult shortLock = send(core, 10, T0, lock("order-x", "SKU-1", 11));
        assertEquals(ErrorCode.INSUFFICIENT_STOCK, shortLock.code());
        assertEquals(1, shortLock.shortLines().count());
        assertEquals(10, shortLock.shortLines().available(0));
    }

    @Test
    void everyChannelCommandAndReadSurvivesTheWire()
    {
        final EngineCore core = core(EngineSettings.defaults());
        final Command set = new Command().setStock();
        set.items.add("A1", "CN-SZ", 100, Command.ABSENT, Command.ABSENT, Command.ABSENT);
        set.items.add("B7", "CN-SZ", 50, Command.ABSENT, Command.ABSENT, Command.ABSENT);
        send(core, 1, T0, set);
        final Command channel = new Command().putChannel("ae-store1", 5, 50, 40, true);
        channel.channelWarehouses.present();
        channel.channelWarehouses.add("CN-SZ");
        final CommandResult put = send(core, 2, T0, channel);
        assertTrue(put.isOk(), String.valueOf(put.detail()));
        assertEquals(40, put.channels().maxUnits(0));
        assertEquals("CN-SZ", put.channels().warehouse(0, 0));
        final Command kit = new Command().putKit("KIT-1");
        kit.lines.add("A1", null, 2).add("B7", null, 1);
        assertEquals(2, send(core, 3, T0, kit).kit().componentCount());
        assertEquals("KIT-1", send(core, 4, T0, new Command().bindListing("ae-store1", "L-1", "KIT-1")).listing()
            .sku());
        assertEquals(10, send(core, 5, T0, new Command().setAllocation("ae-store1", "A1", "CN-SZ", 10))
            .allocation().units());
        final Command byListing = new Command().lock("order-1", "ae-store1", 0, false, false);
        byListing.lines.addListing("L-1", null, 1);
        final CommandResult locked = send(core, 6, T0, byListing);
        assertTrue(locked.isOk(), String.valueOf(locked.detail()));
        assertEquals("L-1", locked.reservation().listing(0));
        assertEquals("ae-store1", send(core, 7, T0, new Command().getChannel("ae-store1")).channels().channel(0));
        assertEquals(1, send(core, 8, T0, new Command().getChannel(null)).channels().count());
        assertEquals(1, send(core, 9, T0, new Command().getListing("ae-store1", "L-1")).listing().version());
        assertEquals(1, send(core, 10, T0, new Command().getKit("KIT-1")).kit().warehouseCount());
        assertEquals(8, send(core, 11, T0, new Command().getAllocation("ae-store1", "A1", "CN-SZ"))
            .allocation().units());
        final CommandResult unbound = send(core, 12, T0, new Command().unbindListing("ae-store1", "L-1"));
        assertEquals(0, unbound.listing().published());
        assertEquals(ErrorCode.LISTING_NOT_FOUND,
            send(core, 13, T0, new Command().getListing("ae-store1", "L-1")).code());
        assertEquals(7, core.state().sequence, "reads take no sequence");
    }

    @Test
    void aCommandItsMembersReplicaAnswersHasNoEgressAnswerAndARepeatIsNeitherAppliedNorAnswered()
    {
        final EngineCore core = core(EngineSettings.defaults());
        final Command adjust = new Command().adjust("SKU-1", "WH1", 5, 0, 0, "count");
        send(core, 1, T0, stock("SKU-1", 10));
        core.onMessage(T0 + 1, buffer, 0, encoder.encode(ORIGIN, 2, true, adjust, buffer, 0));
        assertEquals(0, core.answerLength(), "nothing on egress");
        assertTrue(core.answeredByReplica());
        assertEquals(ORIGIN, core.origin());
        assertEquals(2, core.number());
        assertEquals(15, core.result().levels().onHand(0));
        assertEquals(2, core.result().sequence());
        assertTrue(core.appliedMutation());

        core.onMessage(T0 + 2, buffer, 0, encoder.encode(ORIGIN, 2, true, adjust, buffer, 0));
        assertEquals(0, core.answerLength());
        assertEquals(null, core.result(), "the repeat was answered when the first was applied");
        assertFalse(core.appliedMutation());
        assertEquals(2, core.state().sequence);

        core.onMessage(T0 + 3, buffer, 0, encoder.encode(ORIGIN, 3, true, new Command().getStock("SKU-1", "WH1"),
            buffer, 0));
        assertEquals(15, core.result().levels().onHand(0), "a read through the log is answered the same way");
        assertEquals(0, core.answerLength());

        final List<byte[]> messages = new ArrayList<>();
        EngineSnapshot.write(core.state(), 4096, (from, offset, length) ->
        {
            final byte[] copy = new byte[length];
            from.getBytes(offset, copy);
            messages.add(copy);
        });
        final EngineSnapshot.Reader reader = new EngineSnapshot.Reader();
        messages.forEach(message -> reader.onMessage(new UnsafeBuffer(message), 0, message.length));
        final EngineCore restored = new EngineCore(reader.state(LedgerConfig.defaults(),
            new CommandWindow(15_000, 1 << 10)), null);
        restored.onMessage(T0 + 4, buffer, 0, encoder.encode(ORIGIN, 2, true, adjust, buffer, 0));
        assertEquals(null, restored.result(), "the restored window still holds the id");
        assertEquals(2, restored.state().sequence);
    }

    @Test
    void aTickFromAClientOrACorruptCommandIsRefusedAndAppliesNothing()
    {
        final EngineCore core = core(EngineSettings.defaults());
        final int length = encoder.encode(ORIGIN, 1, false, stock("SKU-1", 10), buffer, 0);
        buffer.putByte(length - 6, (byte)(buffer.getByte(length - 6) ^ 0x20));
        core.onMessage(T0, buffer, 0, length);
        final CommandResult corrupt = answer(core, 1);
        assertEquals(ErrorCode.INVALID_REQUEST, corrupt.code());
        assertTrue(corrupt.detail().contains("checksum"), corrupt.detail());

        final Command tick = new Command().tick();
        final ExpandableArrayBuffer entry = new ExpandableArrayBuffer(64);
        final int entryLength = new JournalCodec().encode(tick, entry);
        final RequestEncoder request = new RequestEncoder();
        request.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .answeredBy(AnsweredBy.EGRESS).commandId().origin(ORIGIN).number(2);
        request.putEntry(entry, 0, entryLength);
        core.onMessage(T0, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH
            + request.encodedLength());
        assertEquals(ErrorCode.INVALID_REQUEST, answer(core, 2).code());
        assertEquals(0, core.state().sequence);
        assertEquals(0, core.state().window.size());
    }
}
