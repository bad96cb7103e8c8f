package dev.stockhold.client;

import io.netty.handler.ssl.SslContext;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The settings of one client, fixed when {@link StockholdClient.Builder#build()} makes it.
 *
 * @param tls           the client TLS context, or null for plain TCP.
 * @param apiKey        the key's secret every connection authenticates with first, or null for none.
 * @param replyListener the listener of a raw client, or null.
 * @param resumeRefused told when the server refuses to resume a subscription, or null (only logged).
 */
record ClientSettings(String host, int port, SslContext tls, String apiKey, Duration connectTimeout,
    Duration requestTimeout, Duration reconnectInitial, Duration reconnectMax, ReplyListener replyListener,
    Consumer<Result> resumeRefused)
{
    /** @return true for a raw client: answers go to its listener, and it does not reconnect. */
    boolean raw()
    {
        return replyListener != null;
    }

    /** @return {@code host:port}, for messages. */
    String remote()
    {
        return host + ":" + port;
    }
}
