package dev.stockhold.engine.model;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One seeded run: random commands fed to the real ledger and to the reference model, answers compared
 * after every command, invariants checked on the real answers, conservation checked and the ledger
 * restarted from its own snapshot every so often. Everything follows from the seed.
 */
public final class SeedRun
{
    private static final int HISTORY = 40;
    private static final int CONSERVATION_EVERY = 250;
    private static final int SNAPSHOT_EVERY = 1_000;

    private final long seed;
    private final LedgerConfig config;
    private final SplittableRandom random;
    private final ReferenceLedger model;
    private final RandomCommands commands;
    private final LedgerInvariants invariants = new LedgerInvariants();
    private final Command command = new Command();
    private final Command[] history = new Command[HISTORY];
    private final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer(1 << 14);
    private Ledger ledger;
    private long sequence;
    private long nowMillis = 1_700_000_000_000L;

    private final Coverage coverage;

    public SeedRun(final long seed, final Coverage coverage)
    {
        this.seed = seed;
        this.coverage = coverage;
        this.config = configFor(seed);
        this.random = new SplittableRandom(seed);
        this.model = new ReferenceLedger(config);
        this.commands = new RandomCommands(random, model);
        this.ledger = new Ledger(config);
        for (int i = 0; i < HISTORY; i++)
        {
            history[i] = new Command();
        }
    }

    /** Three configurations: defaults, tight limits with a priority list, and another priority list. */
    static LedgerConfig configFor(final long seed)
    {
        return switch ((int)Math.floorMod(seed, 3L))
        {
            case 0 -> LedgerConfig.defaults();
            case 1 -> LedgerConfig.defaults().withWarehousePriority(List.of("W2"))
                .withIdempotency(20_000, 5).withClosedRetention(30_000, 4).withSizeLimits(5, 7, 4, 5);
            default -> LedgerConfig.defaults().withWarehousePriority(List.of("W3", "W1"))
                .withIdempotency(60_000, 50).withClosedRetention(120_000, 20).withSizeLimits(8, 100, 100, 100);
        };
    }

    /** Runs {@code count} random commands; @throws AssertionError naming the seed and the last commands. */
    public void run(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            nowMillis = Math.max(0, nowMillis + commands.timeStepMillis());
            command.clear();
            commands.fill(command);
            send();
            if (i % CONSERVATION_EVERY == CONSERVATION_EVERY - 1)
            {
                checkConservation();
            }
            if (i % SNAPSHOT_EVERY == SNAPSHOT_EVERY - 1)
            {
                restartFromSnapshot();
            }
        }
    }

    private ModelResult send()
    {
        command.sequence = ++sequence;
        command.timestampMillis = nowMillis;
        history[(int)(sequence % HISTORY)].copyFrom(command);
        history[(int)(sequence % HISTORY)].sequence = sequence;
        final ModelResult expected = model.apply(command);
        final ModelResult actual;
        try
        {
            ledger.apply(command);
            actual = ModelResult.of(command.type, command.result);
            if (!expected.equals(actual))
            {
                throw new AssertionError("the ledger and the reference model disagree\n  expected " + expected
                    + "\n  actual   " + actual);
            }
            invariants.onResult(command, actual);
            coverage.record(command.type, actual);
        }
        catch (final AssertionError | RuntimeException failure)
        {
            throw new AssertionError(report(failure.toString()), failure);
        }
        return actual;
    }

    private void checkConservation()
    {
        final List<ModelLevel> cells = new ArrayList<>();
        for (final ModelLevel level : model.allLevels())
        {
            command.clear();
            command.getStock(level.sku(), level.warehouse());
            cells.addAll(send().levels());
        }
        for (final List<String> listing : model.listingKeys())
        {
            // Each answer is compared with the model's, whose published quantity is recomputed from scratch.
            command.clear();
            command.getListing(listing.get(0), listing.get(1));
            send();
        }
        final List<ModelView> views = new ArrayList<>();
        for (final String orderId : model.orderIds())
        {
            command.clear();
            command.getReservation(orderId);
            final ModelResult result = send();
            if (result.code() == ErrorCode.OK)
            {
                views.add(result.reservation());
            }
        }
        try
        {
            LedgerInvariants.checkConservation(cells, views);
        }
        catch (final AssertionError failure)
        {
            throw new AssertionError(report(failure.getMessage()), failure);
        }
    }

    private void restartFromSnapshot()
    {
        final long digest = ledger.digest();
        final int length = ledger.writeSnapshot(snapshot, 0);
        ledger = Ledger.fromSnapshot(config, snapshot, 0, length);
        if (ledger.digest() != digest)
        {
            throw new AssertionError(report("a snapshot round trip changed the digest"));
        }
        command.clear();
        command.type = CommandType.GET_DIGEST;
        send();
    }

    private String report(final String problem)
    {
        final StringBuilder text = new StringBuilder();
        text.append("seed=").append(seed).append(" failed at command ").append(sequence).append(": ").append(problem)
            .append("\nre-run: ./mvnw -B -pl engine test -Dtest=ModelBasedLedgerTest -Dstockhold.seed=").append(seed)
            .append("\nconfig: ").append(config).append("\nlast commands:");
        for (long s = Math.max(1, sequence - HISTORY + 1); s <= sequence; s++)
        {
            text.append("\n  ").append(CommandText.describe(history[(int)(s % HISTORY)]));
        }
        return text.toString();
    }
}
