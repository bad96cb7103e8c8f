package dev.stockhold.gateway.binary;

import dev.stockhold.gateway.security.ApiKeys;
import io.netty.handler.ssl.SslContext;

import java.util.Objects;

/**
 * Settings of the binary protocol server; every limit says what happens when it is reached.
 *
 * @param host            the address to bind, e.g. 127.0.0.1.
 * @param port            the port to bind; 0 for an ephemeral one ({@link BinaryServer#port()} tells).
 * @param maxFrameLength  the longest frame accepted; a longer declared length is answered
 *                        ERR_PAYLOAD_TOO_LARGE and the connection is closed.
 * @param ioThreads       event loop threads.
 * @param maxPendingBytes the most answer bytes one connection may have waiting for its event loop; past
 *                        it the connection is closed (a client that does not read, a slow subscriber).
 * @param keys            API keys: with keys, a connection sends {@code Authenticate} first and each message needs
 *                        its scope, as over HTTP; none: auth off (loopback only, as for HTTP).
 * @param tls             TLS for every connection, or null for plain TCP.
 * @param replayTarget    true for a server started to receive a replay: it accepts recorded engine times
 *                        ({@code Stamp}) and recorded ticks ({@code Tick}); never true in production.
 */
public record BinaryServerConfig(String host, int port, int maxFrameLength, int ioThreads, long maxPendingBytes,
    boolean replayTarget, ApiKeys keys, SslContext tls)
{
    /** 1 MiB, the default frame limit. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 1 << 20;

    public BinaryServerConfig
    {
        Objects.requireNonNull(keys, "keys");
        if (maxFrameLength < 8 || ioThreads < 1 || maxPendingBytes < maxFrameLength || port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("invalid binary server config");
        }
    }

    /** @return 1 MiB frames, one event loop, 64 MiB of pending answers per connection. */
    public static BinaryServerConfig defaults(final String host, final int port)
    {
        return new BinaryServerConfig(host, port, DEFAULT_MAX_FRAME_LENGTH, 1, 64L << 20, false, ApiKeys.none(), null);
    }

    /** @return a copy with another frame limit. */
    public BinaryServerConfig withMaxFrameLength(final int length)
    {
        return new BinaryServerConfig(host, port, length, ioThreads, Math.max(maxPendingBytes, length), replayTarget,
            keys, tls);
    }

    /** @return a copy with another number of event loop threads. */
    public BinaryServerConfig withIoThreads(final int threads)
    {
        return new BinaryServerConfig(host, port, maxFrameLength, threads, maxPendingBytes, replayTarget, keys, tls);
    }

    /** @return a copy that asks every connection to authenticate with one of {@code apiKeys} (none: auth off). */
    public BinaryServerConfig withKeys(final ApiKeys apiKeys)
    {
        return new BinaryServerConfig(host, port, maxFrameLength, ioThreads, maxPendingBytes, replayTarget, apiKeys, tls);
    }

    /** @return a copy whose connections speak TLS ({@code null}: plain TCP). */
    public BinaryServerConfig withTls(final SslContext context)
    {
        return new BinaryServerConfig(host, port, maxFrameLength, ioThreads, maxPendingBytes, replayTarget, keys,
            context);
    }

    /** @return a copy that does or does not accept recorded times (see {@code replayTarget}). */
    public BinaryServerConfig withReplayTarget(final boolean replay)
    {
        return new BinaryServerConfig(host, port, maxFrameLength, ioThreads, maxPendingBytes, replay, keys, tls);
    }
}
