package dev.stockhold.client;

import java.util.concurrent.TimeoutException;

/**
 * No answer came within the request's timeout: it may or may not have been applied (or, if the client was
 * reconnecting all along, it was never sent). Retry with the same idempotency key to find out.
 */
public final class RequestTimeoutException extends TimeoutException
{
    private static final long serialVersionUID = 1L;

    public RequestTimeoutException(final String message)
    {
        super(message);
    }
}
