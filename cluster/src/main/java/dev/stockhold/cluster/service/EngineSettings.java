package dev.stockhold.cluster.service;

/**
 * The clustered engine's own settings; every node of a cluster must run with the same ones (like the ledger's
 * configuration), because they decide what the replicated state holds.
 *
 * @param windowRetentionMillis how long, in cluster time, the answer to a command id is kept for a retry:
 *                              longer than any client's deadline plus the clocks' disagreement.
 * @param windowCapacity        the most command ids kept; when full, new mutating commands are refused with
 *                              ERR_OVERLOADED until old ones age out. About 100 bytes of heap each for a
 *                              member's write (its id only), 250 with an answer kept for egress.
 * @param tickIntervalMillis    cluster time between two ticks (expiry and eviction).
 */
public record EngineSettings(long windowRetentionMillis, int windowCapacity, long tickIntervalMillis)
{
    /** Default retention: three times the client's default deadline of 5 s. */
    public static final long DEFAULT_WINDOW_RETENTION_MILLIS = 15_000;
    /**
     * Default capacity: 15 s at 70k commands/s; about 100 MiB of heap when full of members' writes, 256 MiB when
     * full of answers kept for egress.
     */
    public static final int DEFAULT_WINDOW_CAPACITY = 1 << 20;
    /** Default tick interval, as the single-process server's ticker. */
    public static final long DEFAULT_TICK_INTERVAL_MILLIS = 100;

    public EngineSettings
    {
        if (windowRetentionMillis <= 0 || windowCapacity <= 0 || tickIntervalMillis <= 0)
        {
            throw new IllegalArgumentException("engine settings must be positive");
        }
    }

    /** @return the defaults. */
    public static EngineSettings defaults()
    {
        return new EngineSettings(DEFAULT_WINDOW_RETENTION_MILLIS, DEFAULT_WINDOW_CAPACITY,
            DEFAULT_TICK_INTERVAL_MILLIS);
    }
}
