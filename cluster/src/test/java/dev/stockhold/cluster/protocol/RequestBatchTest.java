package dev.stockhold.cluster.protocol;

import dev.stockhold.cluster.sbe.MessageHeaderEncoder;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several Requests in one ingress message: written, read back whole, and refused whole when broken. */
class RequestBatchTest
{
    private final IngressEncoder encoder = new IngressEncoder();
    private final IngressDecoder decoder = new IngressDecoder();
    private final RequestBatch batch = new RequestBatch();

    private byte[] request(final long number, final String orderId)
    {
        final Command lock = new Command().lock(orderId, "shop", 0, false, false);
        lock.lines.add("SKU-" + number, "WH1", number);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int length = encoder.encode(7, number, true, lock, buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private byte[] batchOf(final byte[]... requests)
    {
        batch.begin();
        for (final byte[] request : requests)
        {
            assertTrue(batch.add(request));
        }
        final int length = batch.finish();
        final byte[] bytes = new byte[length];
        batch.buffer().getBytes(0, bytes);
        return bytes;
    }

    private List<byte[]> read(final byte[] message, final boolean readable)
    {
        final List<byte[]> seen = new ArrayList<>();
        final RequestBatch reader = new RequestBatch();
        assertEquals(readable, reader.forEach(new UnsafeBuffer(message), 0, message.length,
            (final DirectBuffer buffer, final int offset, final int length) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                seen.add(bytes);
            }));
        return seen;
    }

    @Test
    void requestsComeBackWholeAndInOrderAndEachDecodesAsIfItCameAlone()
    {
        final byte[][] requests = {request(1, "o-1"), request(2, "o-2"), request(3, "o-3")};
        final byte[] message = batchOf(requests);
        assertTrue(batch.isBatch(new UnsafeBuffer(message), 0, message.length));
        assertFalse(batch.isBatch(new UnsafeBuffer(requests[0]), 0, requests[0].length), "a Request is no batch");
        final List<byte[]> seen = read(message, true);
        assertEquals(3, seen.size());
        for (int i = 0; i < requests.length; i++)
        {
            assertArrayEquals(requests[i], seen.get(i));
            final Command command = new Command();
            assertTrue(decoder.decode(new UnsafeBuffer(seen.get(i)), 0, seen.get(i).length, command), decoder.error());
            assertEquals(CommandType.LOCK, command.type);
            assertEquals("o-" + (i + 1), command.orderId);
            assertEquals(i + 1, decoder.number());
        }
    }

    @Test
    void aBatchHoldsAtMostItsBytesAndRefusesTheRequestThatWouldPassThem()
    {
        final byte[] request = request(1, "o-1");
        batch.begin();
        int added = 0;
        while (batch.add(request))
        {
            added++;
        }
        assertEquals(RequestBatch.MAX_REQUEST_BYTES / (request.length + Integer.BYTES), added);
        assertEquals(added, batch.count());
        final byte[] message = new byte[batch.finish()];
        batch.buffer().getBytes(0, message);
        assertEquals(added, read(message, true).size());
        batch.begin();
        assertFalse(batch.add(new byte[RequestBatch.MAX_REQUEST_BYTES]), "one Request larger than a batch travels alone");
        assertEquals(0, batch.count());
    }

    @Test
    void aBrokenBatchIsRefusedWholeAndNothingOfItIsHandedOn()
    {
        final byte[] good = batchOf(request(1, "o-1"), request(2, "o-2"));
        final int dataOffset = MessageHeaderEncoder.ENCODED_LENGTH;
        final int first = dataOffset + Integer.BYTES;

        final byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        assertTrue(read(truncated, false).isEmpty(), "shorter than its data length says");

        final byte[] innerPastEnd = good.clone();
        new UnsafeBuffer(innerPastEnd).putInt(first, good.length, ByteOrder.LITTLE_ENDIAN);
        assertTrue(read(innerPastEnd, false).isEmpty(), "a Request's length past the end");

        final byte[] zeroLength = good.clone();
        new UnsafeBuffer(zeroLength).putInt(first, 0, ByteOrder.LITTLE_ENDIAN);
        assertTrue(read(zeroLength, false).isEmpty(), "an empty Request");

        final byte[] negativeData = good.clone();
        new UnsafeBuffer(negativeData).putInt(dataOffset, -1, ByteOrder.LITTLE_ENDIAN);
        assertTrue(read(negativeData, false).isEmpty(), "a data length of 4 GiB");

        final byte[] header = java.util.Arrays.copyOf(good, MessageHeaderEncoder.ENCODED_LENGTH);
        assertTrue(read(header, false).isEmpty(), "only a header");
    }

    @Test
    void aRequestOfTheEarlierSchemaVersionIsReadAndOneOfAnUnknownVersionIsNot()
    {
        final byte[] request = request(5, "o-5");
        final UnsafeBuffer view = new UnsafeBuffer(request);
        final int versionOffset = 6; // blockLength, templateId, schemaId, then version: uint16 each
        final Command command = new Command();
        view.putShort(versionOffset, (short)2, ByteOrder.LITTLE_ENDIAN);
        assertTrue(decoder.decode(view, 0, request.length, command), decoder.error());
        assertEquals("o-5", command.orderId);
        view.putShort(versionOffset, (short)1, ByteOrder.LITTLE_ENDIAN);
        assertFalse(decoder.decode(view, 0, request.length, command));
        assertEquals("unsupported schema version", decoder.error());
        view.putShort(versionOffset, (short)4, ByteOrder.LITTLE_ENDIAN);
        assertFalse(decoder.decode(view, 0, request.length, command));
    }
}
