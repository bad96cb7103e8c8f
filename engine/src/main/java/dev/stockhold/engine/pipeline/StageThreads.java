package dev.stockhold.engine.pipeline;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names the engine's threads so a thread dump reads like the diagram above; the Disruptor starts
 * them in the order the stages were registered.
 */
final class StageThreads implements ThreadFactory
{
    private final String[] names;
    private final AtomicInteger created = new AtomicInteger();

    StageThreads(final String[] names)
    {
        this.names = names;
    }

    @Override
    public Thread newThread(final Runnable runnable)
    {
        final int index = created.getAndIncrement();
        final Thread thread = new Thread(runnable, index < names.length ? names[index] : "stockhold-stage-" + index);
        thread.setDaemon(true);
        return thread;
    }
}
