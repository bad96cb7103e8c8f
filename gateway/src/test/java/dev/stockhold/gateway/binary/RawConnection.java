package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.client.ReplyDecoder;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** A plain blocking socket speaking the frame format byte by byte: for batches, garbage and fuzzing. */
final class RawConnection implements AutoCloseable
{
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final CommandEncoder encoder = new CommandEncoder();
    private final ReplyDecoder decoder = new ReplyDecoder();

    RawConnection(final int port) throws IOException
    {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** @return the encoded message bytes of {@code command} (no frame prefix). */
    byte[] encode(final Command command)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int length = encoder.encode(command, buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    /** Sends {@code body} behind a length prefix of {@code declaredLength}. */
    void sendFrame(final int declaredLength, final byte[]... parts) throws IOException
    {
        int total = 0;
        for (final byte[] part : parts)
        {
            total += part.length;
        }
        final ByteBuffer frame = ByteBuffer.allocate(4 + total).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(declaredLength);
        for (final byte[] part : parts)
        {
            frame.put(part);
        }
        out.write(frame.array());
        out.flush();
    }

    /** Sends the messages as one frame with the right length. */
    void sendMessages(final byte[]... messages) throws IOException
    {
        int total = 0;
        for (final byte[] message : messages)
        {
            total += message.length;
        }
        sendFrame(total, messages);
    }

    /**
     * Reads one frame and decodes every answer in it.
     *
     * @return the answers (Result or Result.ChangeEvent), or null when the server closed the connection.
     */
    List<Object> readFrame() throws IOException
    {
        final byte[] prefix = new byte[4];
        try
        {
            in.readFully(prefix);
        }
        catch (final EOFException ex)
        {
            return null;
        }
        final int length = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getInt();
        final byte[] body = new byte[length];
        in.readFully(body);
        final UnsafeBuffer buffer = new UnsafeBuffer(body);
        final List<Object> answers = new ArrayList<>();
        int offset = 0;
        while (offset < length)
        {
            answers.add(decoder.decode(buffer, offset));
            correlationIds.add(decoder.correlationId());
            offset = decoder.end();
        }
        return answers;
    }

    /** Correlation ids of every answer read, in order. */
    final List<Long> correlationIds = new ArrayList<>();

    /** @return true once the server has closed the connection (reads to the end, discarding answers). */
    boolean closedByServer() throws IOException
    {
        try
        {
            while (readFrame() != null)
            {
                continue;
            }
            return true;
        }
        catch (final java.net.SocketException ex)
        {
            return true;
        }
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
