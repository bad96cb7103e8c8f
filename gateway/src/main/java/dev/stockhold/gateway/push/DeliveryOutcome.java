package dev.stockhold.gateway.push;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * What the answer to one delivery means (docs/channels.md, "Push to the channel"): the result its metric counts,
 * the error journaled with its outcome, and how long a 429 asks the pusher to wait.
 */
final class DeliveryOutcome
{
    /** Most characters of an error journaled with an outcome. */
    private static final int MAX_ERROR_LENGTH = 256;

    private DeliveryOutcome()
    {
    }

    /** @return the Retry-After of a 429 in milliseconds (seconds in the header), or -1 when absent or a date. */
    static long retryAfterMillis(final HttpResponse<?> response)
    {
        final String value = response.headers().firstValue("Retry-After").orElse("").trim();
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit))
        {
            return -1;
        }
        return Long.parseLong(value) * 1_000;
    }

    /**
     * @param status the HTTP status, 0 when no answer came.
     * @param cause  why no answer came, or null.
     * @return the delivery's result as the push metrics label it.
     */
    static String result(final int status, final Throwable cause)
    {
        if (status >= 200 && status < 300)
        {
            return "ok";
        }
        if (status == 429)
        {
            return "rate_limited";
        }
        if (status >= 400 && status < 500)
        {
            return "dead_letter";
        }
        if (status != 0)
        {
            return "server_error";
        }
        if (cause instanceof HttpTimeoutException)
        {
            return "timeout";
        }
        return cause instanceof ConnectException ? "refused" : "failed";
    }

    /**
     * @param timeout how long a delivery may take, named when it ran out.
     * @return the error journaled with a failed delivery's outcome, at most {@value #MAX_ERROR_LENGTH} characters.
     */
    static String describe(final int status, final Throwable cause, final Duration timeout)
    {
        if (status != 0)
        {
            return "HTTP " + status;
        }
        if (cause instanceof HttpTimeoutException)
        {
            return "timeout after " + timeout.toMillis() + " ms";
        }
        if (cause instanceof ConnectException)
        {
            return "connection refused";
        }
        final String text = cause == null ? "no answer" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        // Journaled with the outcome: a bounded description, not a whole stack of messages.
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
