package dev.stockhold.gateway.push;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * The {@code Stockhold-Signature} of a delivery: {@code t=<unix millis>,v1=<lowercase hex HMAC-SHA256(secret,
 * t + "." + body)>}. Signing the time with the body lets a receiver refuse a replayed old delivery. Not thread
 * safe (the Mac is reused); the push thread only.
 */
final class DeliverySigner
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Mac mac;

    DeliverySigner()
    {
        try
        {
            mac = Mac.getInstance("HmacSHA256");
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("the JDK has no HmacSHA256", ex);
        }
    }

    /** @return the header value for {@code body} sent at {@code atMillis}. */
    String sign(final String secret, final long atMillis, final byte[] body)
    {
        try
        {
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("cannot use the channel's secret", ex);
        }
        final String time = Long.toString(atMillis);
        mac.update(time.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte)'.');
        final byte[] digest = mac.doFinal(body);
        final StringBuilder header = new StringBuilder(3 + time.length() + 4 + digest.length * 2);
        header.append("t=").append(time).append(",v1=");
        for (final byte b : digest)
        {
            header.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return header.toString();
    }
}
