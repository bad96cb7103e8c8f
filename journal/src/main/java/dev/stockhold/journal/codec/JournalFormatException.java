package dev.stockhold.journal.codec;

/**
 * A journal entry that cannot be decoded: a bad checksum, an unknown version or type, or a field that
 * runs past the end of the entry. Recovery treats such an entry as torn (never acknowledged) and skips it.
 */
public final class JournalFormatException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the entry. */
    public JournalFormatException(final String message)
    {
        super(message);
    }
}
