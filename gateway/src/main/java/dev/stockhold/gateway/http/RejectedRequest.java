package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.ErrorCode;

/**
 * A request the gateway refuses before it reaches the engine, with the error to answer. Carries no
 * stack trace: it is an answer, not a bug.
 */
public final class RejectedRequest extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;

    /**
     * @param code   the error to answer.
     * @param detail the problem document's detail.
     */
    public RejectedRequest(final ErrorCode code, final String detail)
    {
        super(detail, null, false, false);
        this.code = code;
    }

    /** @return the error to answer. */
    public ErrorCode code()
    {
        return code;
    }
}
