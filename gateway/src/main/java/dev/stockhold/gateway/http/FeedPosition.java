package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.ErrorCode;

/** Where a change feed resumes, from its request: the {@code after} parameter or {@code Last-Event-ID}. */
final class FeedPosition
{
    private FeedPosition()
    {
    }

    /**
     * @return the {@code after} parameter, else the {@code Last-Event-ID} header a reconnecting EventSource
     * sends, else -1 for "from now".
     * @throws RejectedRequest when either is not a sequence number.
     */
    static long after(final String query, final String lastEventId)
    {
        final long after = after(query);
        return after >= 0 || lastEventId == null ? after : sequence(lastEventId.trim(), "Last-Event-ID");
    }

    /** Parses the change feed's {@code after} parameter; @return -1 for "from now". */
    static long after(final String query)
    {
        if (query == null || query.isEmpty())
        {
            return -1;
        }
        long after = -1;
        for (final String pair : query.split("&"))
        {
            if (pair.startsWith("after="))
            {
                after = sequence(pair.substring("after=".length()), "after");
            }
        }
        return after;
    }

    /** @return {@code text} as an engine sequence; @throws RejectedRequest naming {@code name} for anything else. */
    private static long sequence(final String text, final String name)
    {
        long sequence;
        try
        {
            sequence = Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            sequence = -1;
        }
        if (sequence < 0)
        {
            throw new RejectedRequest(ErrorCode.INVALID_REQUEST, name + " must be a sequence number >= 0");
        }
        return sequence;
    }
}
