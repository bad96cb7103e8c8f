package dev.stockhold.client;

import java.io.IOException;

/** The server refused the client's API key: nothing can be sent, and reconnecting will not change that. */
public final class AuthenticationException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final transient Result.Failure refusal;

    public AuthenticationException(final Result.Failure refusal)
    {
        super("the server refused the API key: " + refusal.error().code()
            + (refusal.detail() == null ? "" : " (" + refusal.detail() + ")"));
        this.refusal = refusal;
    }

    /** @return the server's answer, e.g. ERR_UNAUTHORIZED. */
    public Result.Failure refusal()
    {
        return refusal;
    }
}
