package dev.stockhold.client.request;

/**
 * Where and how fast a channel pushes its published quantities: every delivery is a signed
 * {@code POST url}, at most {@code ratePerSecond} a second in bursts of {@code burst}, each with up to
 * {@code maxListings} listings. The server judges the values as over HTTP: an absolute {@code http://} or
 * {@code https://} URL, a secret of 1..256 printable ASCII characters, rate and burst 1..10,000, maxListings
 * 1..1,000.
 *
 * @param secret the HMAC key of the deliveries' signatures; write-only: no answer carries it.
 */
public record PushSettings(String url, String secret, long ratePerSecond, long burst, long maxListings)
{
    /** The URL's encoding limit: longer than the server accepts, so the server, not the client, judges it. */
    static final int MAX_URL_BYTES = 4096;
    /** The defaults of HTTP's omitted fields: 10 deliveries a second, bursts of 10, 200 listings a delivery. */
    public static final long DEFAULT_RATE_PER_SECOND = 10;
    public static final long DEFAULT_BURST = 10;
    public static final long DEFAULT_MAX_LISTINGS = 200;

    public PushSettings
    {
        Checks.required(url, "push url", MAX_URL_BYTES);
        Checks.required(secret, "push secret");
    }

    /** @return settings with the default rate, burst and delivery size. */
    public static PushSettings of(final String url, final String secret)
    {
        return new PushSettings(url, secret, DEFAULT_RATE_PER_SECOND, DEFAULT_BURST, DEFAULT_MAX_LISTINGS);
    }
}
