package dev.stockhold.engine.command;

/**
 * Shared zero-length arrays: result lists start empty and grow on first use, so a remembered result
 * (one per idempotency key) does not pay for arrays it never fills.
 */
final class EmptyArrays
{
    static final String[] STRINGS = new String[0];
    static final long[] LONGS = new long[0];
    static final int[] INTS = new int[0];
    static final boolean[] BOOLEANS = new boolean[0];

    private EmptyArrays()
    {
    }
}
