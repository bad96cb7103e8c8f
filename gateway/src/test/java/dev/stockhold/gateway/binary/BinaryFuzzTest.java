package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.client.ResultCode;
import dev.stockhold.client.Result;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random and mutated frames against a live server: it stays up, answers every frame it can read with
 * documented errors (or closes the connection on a bad frame length), and the ledger's digest never moves.
 * <p>
 * The valid requests that get mutated are ones the engine refuses anyway (missing SKUs, orders and channels,
 * a version that cannot match), so any change of state would be the gateway's fault. Re-run a failure with
 * {@code -Dstockhold.fuzz.seed=<seed>}; {@code -Dstockhold.fuzz.cases=<n>} runs more cases.
 */
class BinaryFuzzTest
{
    private static final int MAX_FRAME = 4096;
    private static final long PROBE = 0x7F00_0000_0000_0000L;
    private static final int PROBE_EVERY = 8;
    private static final Set<ResultCode> DOCUMENTED = EnumSet.of(ResultCode.INVALID_REQUEST,
        ResultCode.INVALID_QUANTITY, ResultCode.SKU_NOT_FOUND, ResultCode.ORDER_NOT_FOUND, ResultCode.VERSION_CONFLICT,
        ResultCode.INSUFFICIENT_STOCK, ResultCode.INVALID_STATE, ResultCode.OVERLOADED, ResultCode.CHANNEL_NOT_FOUND,
        ResultCode.LISTING_NOT_FOUND,
        // A mutated frame may become a Stamp or Tick, which only a replay target accepts.
        ResultCode.FORBIDDEN);

    @Test
    void garbageNeverCrashesTheServerNorChangesState() throws Exception
    {
        final long seed = Long.getLong("stockhold.fuzz.seed", System.nanoTime());
        final int cases = Integer.getInteger("stockhold.fuzz.cases", 10_000);
        System.out.println("BinaryFuzzTest seed=" + seed + " cases=" + cases);
        final Random random = new Random(seed);
        try (BinaryFixture fixture = new BinaryFixture(1 << 12, null, MAX_FRAME, null))
        {
            final long digest = seedState(fixture);
            RawConnection raw = new RawConnection(fixture.server.port());
            final List<byte[]> bases = bases(raw);
            int closes = 0;
            for (int i = 0; i < cases; i++)
            {
                final String where = "seed=" + seed + " case=" + i;
                if (random.nextInt(100) < 2)
                {
                    // Cases before this one on the connection are still checked: drain them first.
                    raw.sendMessages(raw.encode(probe(i)));
                    assertEquals(digest, readUntilProbe(raw, PROBE + i, where), where);
                    sendBadLength(raw, random);
                    assertTrue(raw.closedByServer(), where);
                    raw.close();
                    raw = new RawConnection(fixture.server.port());
                    closes++;
                    continue;
                }
                raw.sendMessages(fuzzFrame(random, bases));
                if (i % PROBE_EVERY == PROBE_EVERY - 1 || i == cases - 1)
                {
                    // One digest probe per few cases keeps the round trips down; a seed re-run pins the case.
                    raw.sendMessages(raw.encode(probe(i)));
                    final long probeDigest = readUntilProbe(raw, PROBE + i, where);
                    assertEquals(digest, probeDigest, () -> "state changed by rejected input at " + where);
                }
            }
            raw.close();
            assertTrue(closes > 0, "some bad lengths were tried");
        }
    }

    private static long seedState(final BinaryFixture fixture) throws Exception
    {
        try (TestClient client = fixture.client())
        {
            final Command set = new Command().setStock();
            set.items.add("A1", "WH", 100, 10, 0, Command.ABSENT);
            set.items.add("B2", "WH2", 50, Command.ABSENT, 5, Command.ABSENT);
            assertTrue(client.submit(set).get(10, TimeUnit.SECONDS).isOk());
            assertTrue(client.lock("O-EXIST", "A1", "WH", 5).get(10, TimeUnit.SECONDS).isOk());
            return ((Result.Digest)client.getDigest().get(10, TimeUnit.SECONDS)).digest();
        }
    }

    /** Valid requests the engine refuses or only reads: mutated, they must still change nothing. */
    private static List<byte[]> bases(final RawConnection raw)
    {
        final List<byte[]> bases = new ArrayList<>();
        final Command lock = new Command().lock("O-NEW", "shop", 60, true, true);
        lock.lines.add("ZZZZZZ", "WH", 3).add("YYYYYY", null, 4);
        bases.add(raw.encode(lock));
        for (final CommandType type : List.of(CommandType.RELEASE, CommandType.DEDUCT, CommandType.RETURN))
        {
            final Command settle = new Command().settle(type, "O-MISSING");
            settle.lines.add("A1", "WH", 1);
            bases.add(raw.encode(settle));
        }
        final Command set = new Command().setStock();
        set.items.add("A1", "WH", 7, 7, 7, 0x0707_0707_0707_0707L);
        bases.add(raw.encode(set));
        bases.add(raw.encode(new Command().adjust("ZZZZ", "WH", 1, 1, 1, "fuzz")));
        bases.add(raw.encode(new Command().receive("ZZZZ", "WH", 9)));
        bases.add(raw.encode(new Command().getStock("A1", "WH")));
        bases.add(raw.encode(new Command().getStock("A1", null)));
        bases.add(raw.encode(new Command().getReservation("O-EXIST")));
        bases.add(raw.encode(new Command().getDigest()));
        channelBases(raw, bases);
        return bases;
    }

    /** Channel requests of a channel that does not exist, and a kit of a SKU that does not: all refused. */
    private static void channelBases(final RawConnection raw, final List<byte[]> bases)
    {
        final Command lock = new Command().lock("O-NEW", "no-ch", 0, false, false);
        lock.lines.addListing("1005001234", null, 2).add("ZZZZZZ", "WH", 1);
        bases.add(raw.encode(lock));
        bases.add(raw.encode(new Command().bindListing("no-ch", "1005001234", "A1")));
        bases.add(raw.encode(new Command().unbindListing("no-ch", "1005001234")));
        bases.add(raw.encode(new Command().getListing("no-ch", "1005001234")));
        bases.add(raw.encode(new Command().setAllocation("no-ch", "A1", "WH", 3)));
        bases.add(raw.encode(new Command().getAllocation("no-ch", "A1", "WH")));
        bases.add(raw.encode(new Command().getChannel("no-ch")));
        bases.add(raw.encode(new Command().getChannel(null)));
        final Command kit = new Command().putKit("KZZZZZ");
        kit.lines.add("ZZZZZZ", null, 2).add("YYYYYY", null, 1);
        bases.add(raw.encode(kit));
        bases.add(raw.encode(new Command().getKit("KZZZZZ")));
    }

    private static byte[] fuzzFrame(final Random random, final List<byte[]> bases)
    {
        final byte[] base = bases.get(random.nextInt(bases.size())).clone();
        switch (random.nextInt(4))
        {
            case 0:
                final byte[] garbage = new byte[8 + random.nextInt(120)];
                random.nextBytes(garbage);
                return garbage;
            case 1:
                return mutate(random, base);
            case 2:
                return Arrays.copyOf(base, 8 + random.nextInt(base.length - 7));
            default:
                final byte[] other = bases.get(random.nextInt(bases.size()));
                final byte[] mutated = mutate(random, base);
                final byte[] batch = Arrays.copyOf(other, other.length + mutated.length);
                System.arraycopy(mutated, 0, batch, other.length, mutated.length);
                return batch;
        }
    }

    private static byte[] mutate(final Random random, final byte[] message)
    {
        final int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++)
        {
            final int at = random.nextInt(message.length);
            message[at] = random.nextBoolean()
                ? (byte)random.nextInt(256) : (byte)(message[at] ^ (1 << random.nextInt(8)));
        }
        return message;
    }

    private static void sendBadLength(final RawConnection raw, final Random random) throws Exception
    {
        final int declared = switch (random.nextInt(3))
        {
            case 0 -> -1 - random.nextInt(Integer.MAX_VALUE);
            case 1 -> random.nextInt(8);
            default -> MAX_FRAME + 1 + random.nextInt(Integer.MAX_VALUE - MAX_FRAME - 1);
        };
        final byte[] body = new byte[random.nextInt(64)];
        random.nextBytes(body);
        raw.sendFrame(declared, body);
    }

    private static Command probe(final int i)
    {
        final Command probe = new Command().getDigest();
        probe.correlationId = PROBE + i;
        return probe;
    }

    private static long readUntilProbe(final RawConnection raw, final long probeId, final String where)
        throws Exception
    {
        while (true)
        {
            raw.correlationIds.clear();
            final List<Object> answers = raw.readFrame();
            assertNotNull(answers, () -> "the server closed a connection that sent well-framed input at " + where);
            for (int i = 0; i < answers.size(); i++)
            {
                final Object answer = answers.get(i);
                if (answer instanceof Result.Failure)
                {
                    final ResultCode code = ((Result.Failure)answer).error();
                    assertTrue(DOCUMENTED.contains(code), () -> "undocumented error " + code + " at " + where);
                }
                else if (raw.correlationIds.get(i) == probeId)
                {
                    return ((Result.Digest)answer).digest();
                }
                else if (!(answer instanceof Result))
                {
                    fail("unexpected answer " + answer + " at " + where);
                }
            }
        }
    }
}
