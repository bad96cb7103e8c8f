package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Command;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * The single-writer stock ledger. Stub: signatures only, implementation follows.
 */
public final class Ledger
{
    public Ledger(final LedgerConfig config)
    {
    }

    /** Applies one command and writes its answer into {@code command.result}. Ledger thread only. */
    public void apply(final Command command)
    {
        throw new UnsupportedOperationException();
    }

    /** @return a 64-bit hash over all cells and reservations. */
    public long digest()
    {
        throw new UnsupportedOperationException();
    }

    /** @return the engine sequence of the last command applied (0 before any). */
    public long lastAppliedSequence()
    {
        throw new UnsupportedOperationException();
    }

    /** Writes the whole state at {@code offset}; @return the length written. */
    public int writeSnapshot(final ExpandableArrayBuffer buffer, final int offset)
    {
        throw new UnsupportedOperationException();
    }

    /** Rebuilds a ledger from a snapshot written by {@link #writeSnapshot}. */
    public static Ledger fromSnapshot(final LedgerConfig config, final DirectBuffer buffer, final int offset,
        final int length)
    {
        throw new UnsupportedOperationException();
    }
}
