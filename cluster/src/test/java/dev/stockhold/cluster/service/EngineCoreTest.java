package dev.stockhold.cluster.service;

import dev.stockhold.cluster.protocol.IngressEncoder;
import dev.stockhold.cluster.protocol.ReplyDecoder;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.ReservationState;
import dev.stockhold.engine.ledger.LedgerConfig;
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
        final int length = encoder.encode(ORIGIN, number, command, buffer, 0);
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
        final int length = encoder.encode(ORIGIN, 7, stock("SKU-1", 10), buffer, 0);
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
}
