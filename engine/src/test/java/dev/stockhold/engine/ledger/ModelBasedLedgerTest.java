package dev.stockhold.engine.ledger;

import dev.stockhold.engine.model.SeedRun;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random command streams fed to the real ledger and to the independent reference model; every answer is
 * compared and the invariants checked. The default run covers over a million commands on many seeds;
 * {@code -Dstockhold.long=true} runs twenty times more, {@code -Dstockhold.seed=N} re-runs one seed.
 */
class ModelBasedLedgerTest
{
    private static final int COMMANDS_PER_SEED = 5_000;
    private static final int SEEDS = 210;

    @Test
    void randomCommandStreamsAgreeWithTheReferenceModel()
    {
        final Long only = Long.getLong("stockhold.seed");
        final int seeds = only != null ? 1 : Boolean.getBoolean("stockhold.long") ? SEEDS * 20 : SEEDS;
        final long base = only != null ? only : new SplittableRandom().nextLong() & 0xFFFF_FFFFL;
        System.out.println("ModelBasedLedgerTest: seeds " + base + ".." + (base + seeds - 1));
        final long startNanos = System.nanoTime();
        long commands = 0;
        for (int i = 0; i < seeds; i++)
        {
            new SeedRun(base + i).run(COMMANDS_PER_SEED);
            commands += COMMANDS_PER_SEED;
        }
        final long millis = (System.nanoTime() - startNanos) / 1_000_000;
        System.out.println("ModelBasedLedgerTest: " + commands + " random commands on " + seeds + " seeds in "
            + millis + " ms");
        assertTrue(commands >= COMMANDS_PER_SEED);
    }
}
