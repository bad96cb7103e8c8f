package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Levels;

/**
 * Where a resumed subscription finds the change events it missed: the seam to the durable change log
 * (the journal). Without one, a subscriber can only resume from a point it has not missed anything
 * after; otherwise it is answered {@code ERR_GONE}.
 * <p>
 * Called on the engine's responder thread, between two commands, so the replayed events join the live
 * ones without a gap or a duplicate; a long replay delays the engine's answers for its duration.
 */
@FunctionalInterface
public interface ChangeHistory
{
    /**
     * Replays, in engine order, every change event with {@code afterSeq < seq <= upToSeq}.
     *
     * @param afterSeq the last sequence the subscriber has seen.
     * @param upToSeq  the last sequence the responder has passed; live events follow it.
     * @param sink     receives each event; its levels are valid only during the call.
     * @return false when the history no longer holds {@code afterSeq + 1}: the subscriber gets ERR_GONE.
     */
    boolean replay(long afterSeq, long upToSeq, Sink sink);

    /** Receives replayed change events. */
    @FunctionalInterface
    interface Sink
    {
        /** One command's change event: its sequence, engine time and every cell it changed. */
        void onChange(long seq, long atMillis, Levels changes);
    }
}
