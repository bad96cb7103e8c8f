package dev.stockhold.loadtest.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few HTTP calls the marketplace runs make to stockhold, with the JDK's client. Any thread. */
final class Stockhold
{
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: its status, its body as JSON, and its {@code Stockhold-Seq} (-1 when absent). */
    record Answer(int status, JsonNode body, long seq)
    {
        boolean isOk()
        {
            return status >= 200 && status < 300;
        }

        String code()
        {
            return body.path("code").asText("");
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    Stockhold(final String base)
    {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    Answer send(final String method, final String path, final String body) throws IOException, InterruptedException
    {
        return answer(http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString()));
    }

    /** Sends and insists on a 2xx: set-up steps that must not fail. */
    Answer must(final String method, final String path, final String body) throws IOException, InterruptedException
    {
        final Answer answer = send(method, path, body);
        if (!answer.isOk())
        {
            throw new IllegalStateException(method + " " + path + " answered " + answer.status() + " " + answer.body());
        }
        return answer;
    }

    private HttpRequest request(final String method, final String path, final String body)
    {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .build();
    }

    private static Answer answer(final HttpResponse<String> response)
    {
        try
        {
            final JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            final long seq = response.headers().firstValueAsLong("Stockhold-Seq").orElse(-1);
            return new Answer(response.statusCode(), body, seq);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("not JSON: " + response.body(), ex);
        }
    }
}
