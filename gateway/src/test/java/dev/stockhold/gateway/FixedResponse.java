package dev.stockhold.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A response read over a raw socket (a change-feed event), presented as an HttpResponse. */
record FixedResponse(HttpResponse<String> template, int statusCode, String body) implements HttpResponse<String>
{
    @Override
    public HttpRequest request()
    {
        return template.request();
    }

    @Override
    public Optional<HttpResponse<String>> previousResponse()
    {
        return Optional.empty();
    }

    @Override
    public HttpHeaders headers()
    {
        return template.headers();
    }

    @Override
    public Optional<SSLSession> sslSession()
    {
        return Optional.empty();
    }

    @Override
    public URI uri()
    {
        return template.uri();
    }

    @Override
    public HttpClient.Version version()
    {
        return HttpClient.Version.HTTP_1_1;
    }
}
