package dev.stockhold.engine.pipeline;

import dev.stockhold.engine.threads.NamedThreads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names the engine's threads so a thread dump reads like the diagram above (the Disruptor starts
 * them in the order the stages were registered), and runs the builder's start hook on each.
 */
final class StageThreads implements ThreadFactory
{
    private final String[] names;
    private final Runnable onStart;
    private final AtomicInteger created = new AtomicInteger();

    StageThreads(final String[] names, final Runnable onStart)
    {
        this.names = names;
        this.onStart = onStart;
    }

    @Override
    public Thread newThread(final Runnable runnable)
    {
        final int index = created.getAndIncrement();
        final Runnable stage = () ->
        {
            onStart.run();
            runnable.run();
        };
        return NamedThreads.create(index < names.length ? names[index] : "stockhold-stage-" + index, stage);
    }
}
