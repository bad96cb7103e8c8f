package dev.stockhold.client;

import java.io.IOException;

/**
 * The connection dropped while the request was in flight: it may or may not have been applied. Retry it with
 * the same idempotency key to find out without applying it twice.
 */
public final class ConnectionLostException extends IOException
{
    private static final long serialVersionUID = 1L;

    public ConnectionLostException(final String message)
    {
        super(message);
    }
}
