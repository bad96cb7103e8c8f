package dev.stockhold.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;

/**
 * Frames a whole HTTP/1.1 response in one buffer without copying the body: the body is written after
 * {@link #HEADROOM} reserved bytes, then the status line and headers are written just in front of it.
 * One instance per thread.
 */
public final class ResponseFramer
{
    /** Bytes reserved in front of a body for the status line and headers. */
    public static final int HEADROOM = 384;

    private static final byte[][] STATUS_LINES = new byte[600][];
    private static final byte[][] CONTENT_TYPES = new byte[ContentType.values().length][];
    private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
    private static final byte[] SEQ = ascii("Stockhold-Seq: ");
    private static final byte[] REPLAY = ascii("Idempotent-Replay: true\r\n");
    private static final byte[] RETRY_AFTER = ascii("Retry-After: 1\r\n");
    private static final byte[] CLOSE = ascii("Connection: close\r\n");
    /** RFC 9110: a 401 names the scheme that would be accepted. */
    private static final byte[] BEARER_CHALLENGE = ascii("WWW-Authenticate: Bearer realm=\"stockhold\"\r\n");
    private static final byte[] CRLF = ascii("\r\n");

    static
    {
        for (final ContentType type : ContentType.values())
        {
            CONTENT_TYPES[type.ordinal()] = ascii("Content-Type: " + type.value() + "\r\n");
        }
    }

    private final byte[] header = new byte[HEADROOM];
    private int length;

    /** @return a buffer positioned to receive a body. */
    public static ByteBuf startBody(final ByteBufAllocator allocator, final int expectedBodyBytes)
    {
        final ByteBuf buf = allocator.buffer(HEADROOM + expectedBodyBytes);
        buf.writerIndex(HEADROOM);
        return buf;
    }

    /**
     * Writes the head in front of the body written since {@link #startBody}.
     *
     * @param sequence   the engine sequence for {@code Stockhold-Seq}, or a negative value for none.
     * @param extra      more header lines, each ending with CRLF (a 405's {@code Allow}), or null.
     * @return {@code buf}, readable from the status line to the end of the body.
     */
    public ByteBuf finish(final ByteBuf buf, final int status, final ContentType type, final long sequence,
        final boolean replayed, final boolean retryAfter, final boolean close, final String extra)
    {
        length = 0;
        append(statusLine(status));
        append(CONTENT_TYPES[type.ordinal()]);
        append(CONTENT_LENGTH);
        appendNumber(buf.writerIndex() - HEADROOM);
        append(CRLF);
        if (sequence >= 0)
        {
            append(SEQ);
            appendNumber(sequence);
            append(CRLF);
        }
        if (replayed)
        {
            append(REPLAY);
        }
        if (retryAfter)
        {
            append(RETRY_AFTER);
        }
        if (status == 401)
        {
            append(BEARER_CHALLENGE);
        }
        if (close)
        {
            append(CLOSE);
        }
        if (extra != null)
        {
            for (int i = 0; i < extra.length(); i++)
            {
                header[length++] = (byte)extra.charAt(i);
            }
        }
        append(CRLF);
        final int start = HEADROOM - length;
        buf.setBytes(start, header, 0, length);
        buf.readerIndex(start);
        return buf;
    }

    /** Cuts a framed response down to its head, Content-Length untouched: the answer to a HEAD request. */
    static void dropBody(final ByteBuf framed)
    {
        framed.writerIndex(HEADROOM);
    }

    private static byte[] statusLine(final int status)
    {
        byte[] line = STATUS_LINES[status];
        if (line == null)
        {
            // Benign race: every thread computes the same bytes.
            line = ascii("HTTP/1.1 " + HttpResponseStatus.valueOf(status) + "\r\n");
            STATUS_LINES[status] = line;
        }
        return line;
    }

    private void append(final byte[] bytes)
    {
        System.arraycopy(bytes, 0, header, length, bytes.length);
        length += bytes.length;
    }

    private void appendNumber(final long value)
    {
        if (value == 0)
        {
            header[length++] = '0';
            return;
        }
        int digits = 0;
        for (long v = value; v > 0; v /= 10)
        {
            digits++;
        }
        long v = value;
        for (int i = length + digits - 1; i >= length; i--)
        {
            header[i] = (byte)('0' + v % 10);
            v /= 10;
        }
        length += digits;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
