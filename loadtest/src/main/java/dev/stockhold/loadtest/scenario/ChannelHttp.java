package dev.stockhold.loadtest.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The channel endpoints of the HTTP API as JSON, for the {@code multichannel} scenario's set-up and audit
 * (neither is measured): requests go out {@value #IN_FLIGHT} at a time over the JDK's client and each
 * answer is read whole. Thread-safe.
 */
final class ChannelHttp
{
    private static final int IN_FLIGHT = 16;
    private static final long TIMEOUT_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: the HTTP status and the JSON body. */
    record Reply(int status, JsonNode body)
    {
        boolean ok()
        {
            return status == 200;
        }

        @Override
        public String toString()
        {
            return status + " " + body;
        }
    }

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final Semaphore permits = new Semaphore(IN_FLIGHT);

    ChannelHttp(final String base)
    {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** A request to send: method, path (segments already encoded), JSON body or null. */
    record Call(String method, String path, String body)
    {
    }

    /**
     * Sends every call, {@value #IN_FLIGHT} at a time.
     *
     * @return the answers, in the order of the calls.
     * @throws Exception when a request cannot be sent, times out or its answer is not JSON.
     */
    List<Reply> sendAll(final List<Call> calls) throws Exception
    {
        final List<CompletableFuture<Reply>> futures = new ArrayList<>(calls.size());
        for (final Call call : calls)
        {
            permits.acquire();
            final HttpRequest.BodyPublisher body = call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body());
            final HttpRequest request = HttpRequest.newBuilder(URI.create(base + call.path()))
                .timeout(Duration.ofSeconds(TIMEOUT_SECONDS)).header("Content-Type", "application/json")
                .method(call.method(), body).build();
            futures.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> permits.release())
                .thenApply(parse(call)));
        }
        final List<Reply> replies = new ArrayList<>(calls.size());
        for (final CompletableFuture<Reply> future : futures)
        {
            replies.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        return replies;
    }

    private static Function<HttpResponse<String>, Reply> parse(final Call call)
    {
        return response ->
        {
            try
            {
                return new Reply(response.statusCode(), JSON.readTree(response.body()));
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(call.method() + " " + call.path() + ": not JSON (HTTP "
                    + response.statusCode() + ")", ex);
            }
        };
    }

    /** @return a JSON body built by Jackson. */
    static String json(final Object value)
    {
        try
        {
            return JSON.writeValueAsString(value);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(ex);
        }
    }
}
