package dev.stockhold.loadtest.workload;

import dev.stockhold.engine.command.CommandType;

/** How an order's life ends after its lock: the life-cycle mix of a seller's traffic. */
public enum Fate
{
    /** Shipped: lock, then deduct. */
    DEDUCT(CommandType.DEDUCT),
    /** Cancelled before shipping: lock, then release. */
    RELEASE(CommandType.RELEASE),
    /** Abandoned: locked with a short TTL and left to expire. */
    EXPIRE(),
    /** Cancelled after shipping: lock, deduct, then return. */
    RETURN(CommandType.DEDUCT, CommandType.RETURN),
    /** Stays locked to the end of the run. */
    HOLD();

    private final CommandType[] followUps;

    Fate(final CommandType... followUps)
    {
        this.followUps = followUps;
    }

    /** @return the settle commands sent after the lock, in order, each after the previous one's answer. */
    public CommandType followUp(final int step)
    {
        return step < followUps.length ? followUps[step] : null;
    }
}
