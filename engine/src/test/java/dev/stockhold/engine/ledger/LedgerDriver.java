package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.model.ModelLevel;
import dev.stockhold.engine.model.ModelResult;
import dev.stockhold.engine.model.ModelView;
import dev.stockhold.engine.model.ReferenceLedger;
import org.agrona.ExpandableArrayBuffer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A tiny DSL over the real {@link Ledger} so rule tests read like the spec:
 * {@code driver.set("A1", "CN-SZ", 100); driver.lock("o1", line("A1", "CN-SZ", 2)).ok()}.
 * <p>
 * Every command also goes to the {@link ReferenceLedger} and the two answers must be equal, so each rule
 * test checks the ledger against its explicit expectations and against the independent model.
 * {@code -Dstockhold.target=model} runs the rule tests against the model alone (to check the tests
 * themselves while no ledger exists).
 */
public final class LedgerDriver
{
    private static final boolean MODEL_ONLY = "model".equals(System.getProperty("stockhold.target"));

    private final LedgerConfig config;
    private Ledger ledger;
    private final ReferenceLedger model;
    private final Command command = new Command();
    private long sequence;
    private long nowMillis = 1_000_000;
    private int clientId;
    private String nextKey;

    /** A lock, release, deduct or return line; a null warehouse lets the engine choose. */
    public record Line(String sku, String warehouse, long quantity)
    {
    }

    /** One set-stock item; null fields are left out of the request. */
    public record Item(String sku, String warehouse, Long onHand, Long inTransit, Long safetyStock,
        Long expectedVersion)
    {
        /** @return a copy that sends {@code expectedVersion}. */
        public Item expecting(final long version)
        {
            return new Item(sku, warehouse, onHand, inTransit, safetyStock, version);
        }
    }

    /** Optional lock fields. */
    public record LockOptions(String orderId, String channel, int ttlSeconds, boolean allowPresale, boolean allowSplit)
    {
        public LockOptions channel(final String value)
        {
            return new LockOptions(orderId, value, ttlSeconds, allowPresale, allowSplit);
        }

        public LockOptions ttl(final int seconds)
        {
            return new LockOptions(orderId, channel, seconds, allowPresale, allowSplit);
        }

        public LockOptions presale()
        {
            return new LockOptions(orderId, channel, ttlSeconds, true, allowSplit);
        }

        public LockOptions split()
        {
            return new LockOptions(orderId, channel, ttlSeconds, allowPresale, true);
        }
    }

    public LedgerDriver(final LedgerConfig config)
    {
        this.config = config;
        this.ledger = MODEL_ONLY ? null : new Ledger(config);
        this.model = new ReferenceLedger(config);
    }

    public static LedgerDriver driver()
    {
        return new LedgerDriver(LedgerConfig.defaults());
    }

    public static Line line(final String sku, final String warehouse, final long quantity)
    {
        return new Line(sku, warehouse, quantity);
    }

    /** @return a line the engine places. */
    public static Line line(final String sku, final long quantity)
    {
        return new Line(sku, null, quantity);
    }

    public static Item item(final String sku, final String warehouse, final long onHand)
    {
        return new Item(sku, warehouse, onHand, null, null, null);
    }

    public static Item item(final String sku, final String warehouse, final Long onHand, final Long inTransit,
        final Long safetyStock)
    {
        return new Item(sku, warehouse, onHand, inTransit, safetyStock, null);
    }

    public static LockOptions order(final String orderId)
    {
        return new LockOptions(orderId, null, 0, false, false);
    }

    // Header of the next commands.

    /** Sets engine time for the following commands. */
    public LedgerDriver at(final long millis)
    {
        nowMillis = millis;
        return this;
    }

    public LedgerDriver advanceSeconds(final long seconds)
    {
        nowMillis += seconds * 1000;
        return this;
    }

    public long now()
    {
        return nowMillis;
    }

    public LedgerDriver client(final int id)
    {
        clientId = id;
        return this;
    }

    /** The next command (only) carries this idempotency key. */
    public LedgerDriver key(final String key)
    {
        nextKey = key;
        return this;
    }

    public LedgerConfig config()
    {
        return config;
    }

    public Ledger ledger()
    {
        return ledger;
    }

    // Commands.

    public Outcome set(final String sku, final String warehouse, final long onHand)
    {
        return batch(item(sku, warehouse, onHand));
    }

    public Outcome set(final String sku, final String warehouse, final long onHand, final long inTransit,
        final long safetyStock)
    {
        return batch(item(sku, warehouse, onHand, inTransit, safetyStock));
    }

    public Outcome batch(final Item... items)
    {
        command.setStock();
        for (final Item i : items)
        {
            command.items.add(i.sku(), i.warehouse(), orAbsent(i.onHand()), orAbsent(i.inTransit()),
                orAbsent(i.safetyStock()), orAbsent(i.expectedVersion()));
        }
        return send();
    }

    private static long orAbsent(final Long value)
    {
        return value == null ? Command.ABSENT : value;
    }

    public Outcome adjust(final String sku, final String warehouse, final long onHandDelta, final long inTransitDelta,
        final long safetyStockDelta)
    {
        command.adjust(sku, warehouse, onHandDelta, inTransitDelta, safetyStockDelta, "test");
        return send();
    }

    public Outcome receive(final String sku, final String warehouse, final long quantity)
    {
        command.receive(sku, warehouse, quantity);
        return send();
    }

    public Outcome lock(final String orderId, final Line... lines)
    {
        return lock(order(orderId), lines);
    }

    public Outcome lock(final LockOptions options, final Line... lines)
    {
        command.lock(options.orderId(), options.channel(), options.ttlSeconds(), options.allowPresale(), options.allowSplit());
        addLines(lines);
        return send();
    }

    public Outcome release(final String orderId, final Line... lines)
    {
        return settle(CommandType.RELEASE, orderId, lines);
    }

    public Outcome deduct(final String orderId, final Line... lines)
    {
        return settle(CommandType.DEDUCT, orderId, lines);
    }

    public Outcome giveBack(final String orderId, final Line... lines)
    {
        return settle(CommandType.RETURN, orderId, lines);
    }

    private Outcome settle(final CommandType type, final String orderId, final Line... lines)
    {
        command.settle(type, orderId);
        addLines(lines);
        return send();
    }

    private void addLines(final Line... lines)
    {
        for (final Line l : lines)
        {
            command.lines.add(l.sku(), l.warehouse(), l.quantity());
        }
    }

    public Outcome tick()
    {
        command.tick();
        return send();
    }

    /** Moves time on by {@code seconds} and ticks. */
    public Outcome tickAfterSeconds(final long seconds)
    {
        advanceSeconds(seconds);
        return tick();
    }

    public Outcome getCell(final String sku, final String warehouse)
    {
        command.getStock(sku, warehouse);
        return send();
    }

    public Outcome getSku(final String sku)
    {
        command.getStock(sku, null);
        return send();
    }

    public Outcome getReservation(final String orderId)
    {
        command.getReservation(orderId);
        return send();
    }

    public Outcome stats()
    {
        command.getDigest();
        return send();
    }

    /** @return the cell's levels, which must exist. */
    public ModelLevel cell(final String sku, final String warehouse)
    {
        return getCell(sku, warehouse).ok().level();
    }

    /** @return the reservation, which must exist. */
    public ModelView reservation(final String orderId)
    {
        return getReservation(orderId).ok().view();
    }

    /** @return the real ledger's digest. */
    public long digest()
    {
        return ledger == null ? 0 : ledger.digest();
    }

    /** Replaces the ledger with one rebuilt from its own snapshot. */
    public LedgerDriver restartFromSnapshot()
    {
        if (ledger != null)
        {
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 12);
            final int length = ledger.writeSnapshot(buffer, 0);
            ledger = Ledger.fromSnapshot(config, buffer, 0, length);
        }
        return this;
    }

    /** @return the command the next {@link #send()} sends, for helpers that fill other command types. */
    Command command()
    {
        return command;
    }

    /** Sends the command filled in {@link #command} to both ledgers and checks that they agree. */
    public Outcome send()
    {
        command.sequence = ++sequence;
        command.timestampMillis = nowMillis;
        command.clientId = clientId;
        command.idempotencyKey = nextKey;
        nextKey = null;
        final ModelResult expected = model.apply(command);
        if (ledger == null)
        {
            return new Outcome(expected);
        }
        ledger.apply(command);
        final ModelResult actual = ModelResult.of(command.type, command.result);
        assertEquals(expected, actual, () -> "the ledger and the reference model disagree on seq " + sequence);
        return new Outcome(actual);
    }

    /** @return the cells' levels as the model sees them (for invariant checks). */
    public List<ModelLevel> allLevels()
    {
        return model.allLevels();
    }
}
