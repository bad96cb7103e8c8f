package dev.stockhold.loadtest.targets;

import java.util.List;

/** Receives the change feed: one call per engine command that changed stock, in engine order. */
@FunctionalInterface
public interface ChangeListener
{
    /**
     * @param seq          the engine sequence of the command.
     * @param arrivalNanos {@link System#nanoTime()} when the event arrived at the harness.
     * @param levels       every cell the command changed, after the change.
     */
    void onChange(long seq, long arrivalNanos, List<Answer.Level> levels);
}
