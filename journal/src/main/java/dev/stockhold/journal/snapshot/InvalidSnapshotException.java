package dev.stockhold.journal.snapshot;

import java.io.IOException;

/** A snapshot file that is truncated, of another format, or fails its checksum. */
public final class InvalidSnapshotException extends IOException
{
    private static final long serialVersionUID = 1L;

    /** @param message which file and what is wrong with it. */
    public InvalidSnapshotException(final String message)
    {
        super(message);
    }
}
