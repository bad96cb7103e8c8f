package dev.stockhold.gateway.http;

/**
 * The HTTP server's limits, each with what happens when it is reached.
 *
 * @param maxBodyBytes       largest request body; a larger one is answered 413 ERR_PAYLOAD_TOO_LARGE.
 * @param maxHeaderBytes     largest header block; a larger one is answered 400 and the connection closed.
 * @param maxInitialLineBytes longest request line; a longer one is answered 400 and the connection closed.
 * @param maxConnections     most open connections; one more is closed at once.
 * @param idleTimeoutSeconds a connection with no traffic and nothing pending this long is closed (a
 *                           change-feed stream gets a comment line instead).
 * @param sseBufferBytes     bytes of change-feed events queued for one slow client before it is dropped.
 */
public record HttpLimits(
    int maxBodyBytes,
    int maxHeaderBytes,
    int maxInitialLineBytes,
    int maxConnections,
    int idleTimeoutSeconds,
    int sseBufferBytes)
{
    /** One MiB bodies, 16 KiB headers, 8 KiB request lines, 10,000 connections, 5 minutes idle, 4 MiB SSE. */
    public static HttpLimits defaults()
    {
        return new HttpLimits(1 << 20, 16 * 1024, 8 * 1024, 10_000, 300, 4 << 20);
    }

    /** @return a copy with another body limit. */
    public HttpLimits withMaxBodyBytes(final int bytes)
    {
        return new HttpLimits(bytes, maxHeaderBytes, maxInitialLineBytes, maxConnections, idleTimeoutSeconds,
            sseBufferBytes);
    }

    /** @return a copy with another connection limit. */
    public HttpLimits withMaxConnections(final int connections)
    {
        return new HttpLimits(maxBodyBytes, maxHeaderBytes, maxInitialLineBytes, connections, idleTimeoutSeconds,
            sseBufferBytes);
    }

    /** @return a copy with another idle timeout. */
    public HttpLimits withIdleTimeoutSeconds(final int seconds)
    {
        return new HttpLimits(maxBodyBytes, maxHeaderBytes, maxInitialLineBytes, maxConnections, seconds,
            sseBufferBytes);
    }

    /** @return a copy with another header limit. */
    public HttpLimits withMaxHeaderBytes(final int bytes)
    {
        return new HttpLimits(maxBodyBytes, bytes, maxInitialLineBytes, maxConnections, idleTimeoutSeconds,
            sseBufferBytes);
    }

    /** @return a copy with another per-client change-feed buffer. */
    public HttpLimits withSseBufferBytes(final int bytes)
    {
        return new HttpLimits(maxBodyBytes, maxHeaderBytes, maxInitialLineBytes, maxConnections, idleTimeoutSeconds,
            bytes);
    }
}
