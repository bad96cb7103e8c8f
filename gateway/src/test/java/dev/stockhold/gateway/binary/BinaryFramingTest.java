package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.client.ResultCode;
import dev.stockhold.client.Result;
import dev.stockhold.client.sbe.MessageHeaderEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames on the wire: batches, correlation ids, and every kind of malformed input. */
class BinaryFramingTest
{
    private BinaryFixture fixture;

    @BeforeEach
    void start() throws Exception
    {
        fixture = new BinaryFixture(1 << 12, null, 4096, null);
    }

    @AfterEach
    void stop()
    {
        fixture.close();
    }

    private static Command withId(final Command command, final long correlationId)
    {
        command.correlationId = correlationId;
        return command;
    }

    private static List<Object> readAnswers(final RawConnection raw, final int count) throws Exception
    {
        final List<Object> answers = new ArrayList<>();
        while (answers.size() < count)
        {
            final List<Object> frame = raw.readFrame();
            assertNotNull(frame, "the server closed the connection");
            answers.addAll(frame);
        }
        return answers;
    }

    private static long digest(final RawConnection raw) throws Exception
    {
        raw.sendMessages(raw.encode(withId(new Command().getDigest(), 999_999)));
        return ((Result.Digest)readAnswers(raw, 1).get(0)).digest();
    }

    @Test
    void aMessageOfAnotherSchemaVersionIsRefusedAndChangesNothing() throws Exception
    {
        try (RawConnection raw = new RawConnection(fixture.server.port()))
        {
            final long before = digest(raw);
            final Command set = withId(new Command().setStock(), 41);
            set.items.add("A1", "WH", 10, Command.ABSENT, Command.ABSENT, Command.ABSENT);
            final byte[] oldVersion = raw.encode(set);
            // The header's version field: a client built against version 1 of the schema.
            oldVersion[6] = 1;
            oldVersion[7] = 0;
            raw.correlationIds.clear();
            raw.sendMessages(oldVersion);
            final Result.Failure refused = (Result.Failure)readAnswers(raw, 1).get(0);
            assertEquals(ResultCode.INVALID_REQUEST, refused.error());
            assertEquals("unsupported schema version", refused.detail());
            assertEquals(List.of(41L), raw.correlationIds, "its client can match the refusal to its request");
            assertEquals(before, digest(raw));
        }
    }

    @Test
    void severalRequestsInOneFrameAreAnsweredWithTheirCorrelationIds() throws Exception
    {
        try (RawConnection raw = new RawConnection(fixture.server.port()))
        {
            final Command set = withId(new Command().setStock(), 7);
            set.items.add("A1", "WH", 10, Command.ABSENT, Command.ABSENT, Command.ABSENT);
            final Command lock = withId(new Command().lock("O-1", null, 0, false, false), 8);
            lock.lines.add("A1", "WH", 4);
            final Command read = withId(new Command().getStock("A1", "WH"), 1L << 62);
            raw.sendMessages(raw.encode(set), raw.encode(lock), raw.encode(read));
            final List<Object> answers = readAnswers(raw, 3);
            assertEquals(List.of(7L, 8L, 1L << 62), raw.correlationIds);
            assertEquals(6, ((Result.Levels)answers.get(2)).levels().get(0).available());
        }
    }

    @Test
    void anInvalidRequestInABatchDoesNotStopTheOthers() throws Exception
    {
        try (RawConnection raw = new RawConnection(fixture.server.port()))
        {
            final Command bad = withId(new Command().getStock("bad/sku", "WH"), 1);
            final Command good = withId(new Command().getDigest(), 2);
            raw.sendMessages(raw.encode(bad), raw.encode(good));
            final List<Object> answers = readAnswers(raw, 2);
            assertEquals(List.of(1L, 2L), raw.correlationIds);
            assertEquals(ResultCode.INVALID_REQUEST, ((Result)answers.get(0)).code());
            assertTrue(answers.get(1) instanceof Result.Digest);
        }
    }

    @Test
    void brokenMessagesAreAnsweredAndTheConnectionStaysUsable() throws Exception
    {
        try (RawConnection raw = new RawConnection(fixture.server.port()))
        {
            final long before = digest(raw);
            final Command set = withId(new Command().setStock(), 42);
            set.items.add("A1", "WH", 10, Command.ABSENT, Command.ABSENT, Command.ABSENT);
            final byte[] valid = raw.encode(set);

            final byte[] unknownTemplate = valid.clone();
            unknownTemplate[2] = 99;
            final byte[] wrongSchema = valid.clone();
            wrongSchema[4] = 1;
            final byte[] wrongVersion = valid.clone();
            wrongVersion[6] = 9;
            final byte[] truncated = Arrays.copyOf(valid, valid.length - 3);
            final byte[] garbage = new byte[40];
            Arrays.fill(garbage, (byte)0x5A);
            final byte[] shortHeader = Arrays.copyOf(valid, MessageHeaderEncoder.ENCODED_LENGTH + 2);
            for (final byte[] broken : List.of(unknownTemplate, wrongSchema, wrongVersion, truncated, garbage))
            {
                raw.sendMessages(broken);
                final Result answer = (Result)readAnswers(raw, 1).get(0);
                assertEquals(ResultCode.INVALID_REQUEST, answer.code());
            }
            raw.sendMessages(shortHeader);
            assertEquals(ResultCode.INVALID_REQUEST, ((Result)readAnswers(raw, 1).get(0)).code());
            assertEquals(before, digest(raw), "rejected input changed nothing");
            assertTrue(raw.correlationIds.contains(42L), "a readable correlation id is echoed");
        }
    }

    @Test
    void badFrameLengthsAreAnsweredThenTheConnectionIsClosed() throws Exception
    {
        for (final int declared : new int[] {-1, 0, 7, 4097, Integer.MAX_VALUE})
        {
            try (RawConnection raw = new RawConnection(fixture.server.port()))
            {
                raw.sendFrame(declared, new byte[16]);
                final List<Object> answer = raw.readFrame();
                assertNotNull(answer);
                assertEquals(declared > 4096 ? ResultCode.PAYLOAD_TOO_LARGE : ResultCode.INVALID_REQUEST,
                    ((Result)answer.get(0)).code());
                assertEquals(0L, raw.correlationIds.get(0));
                assertTrue(raw.closedByServer(), "closed after a bad length " + declared);
            }
        }
        try (TestClient client = fixture.client())
        {
            assertTrue(client.getDigest().get(5, TimeUnit.SECONDS).isOk(), "the server is still up");
        }
    }

    @Test
    void rawClientGetsEveryAnswerThroughItsListener() throws Exception
    {
        fixture.close();
        fixture = new BinaryFixture();
        final int requests = 2_000;
        final Set<Long> seen = ConcurrentHashMap.newKeySet();
        final CountDownLatch done = new CountDownLatch(requests);
        try (TestClient client = TestClient.connect("127.0.0.1", fixture.server.port(),
            (correlationId, templateId, errorWireCode) ->
            {
                if (errorWireCode == ResultCode.SKU_NOT_FOUND.wireCode())
                {
                    seen.add(correlationId);
                }
                done.countDown();
            }))
        {
            final Command read = new Command();
            for (int i = 1; i <= requests; i++)
            {
                read.getStock("MISSING", "WH").correlationId = i;
                assertTrue(client.send(read));
            }
            assertTrue(done.await(20, TimeUnit.SECONDS));
        }
        assertEquals(requests, seen.size());
    }

    @Test
    void aFullRingIsAnsweredOverloaded() throws Exception
    {
        fixture.close();
        final CountDownLatch hold = new CountDownLatch(1);
        fixture = new BinaryFixture(8, (command, endOfBatch) -> hold.await(), 4096, null);
        try (TestClient client = fixture.client())
        {
            final List<java.util.concurrent.CompletableFuture<Result>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++)
            {
                answers.add(client.getDigest());
            }
            final Result overloaded = answers.get(31).get(10, TimeUnit.SECONDS);
            assertEquals(ResultCode.OVERLOADED, overloaded.code());
            hold.countDown();
            assertTrue(answers.get(0).get(10, TimeUnit.SECONDS).isOk());
        }
    }
}
