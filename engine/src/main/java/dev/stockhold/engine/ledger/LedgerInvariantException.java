package dev.stockhold.engine.ledger;

/**
 * A rule the ledger must never break was broken: its state can no longer be trusted, so the engine stops
 * (fail-stop) instead of answering from it.
 */
public final class LedgerInvariantException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    LedgerInvariantException(final String message)
    {
        super(message);
    }
}
