package dev.stockhold.gateway.binary;

import dev.stockhold.gateway.feed.ChangeRecord;

/**
 * Where a resumed subscription finds the change records it missed: the seam to the durable change log.
 * Without one, a subscriber can only resume from a point it has not missed anything after; otherwise it
 * is answered {@code ERR_GONE}.
 * <p>
 * Called on the engine's responder thread, between two commands, after the change log has recorded every
 * command the responder passed, so the replayed events join the live ones without a gap; a long replay
 * delays the engine's answers for its duration.
 */
public interface ChangeHistory
{
    /**
     * @return true when the history holds every change record after {@code afterSeq}: resuming there misses
     * nothing.
     */
    boolean holdsAfter(long afterSeq);

    /** Replays, in engine order, every change record after {@code afterSeq} that the history holds. */
    void replay(long afterSeq, Sink sink);

    /** Receives replayed change records. */
    @FunctionalInterface
    interface Sink
    {
        /** One command's record; valid only during the call. */
        void onChange(ChangeRecord record);
    }
}
