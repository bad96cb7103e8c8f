package dev.stockhold.gateway.http;

/** The media types the gateway answers with. */
public enum ContentType
{
    JSON("application/json"),
    PROBLEM("application/problem+json"),
    PROMETHEUS("text/plain; version=0.0.4; charset=utf-8"),
    YAML("application/yaml"),
    TEXT("text/plain; charset=utf-8"),
    EVENT_STREAM("text/event-stream");

    private final String value;

    ContentType(final String value)
    {
        this.value = value;
    }

    /** @return the header value. */
    public String value()
    {
        return value;
    }
}
