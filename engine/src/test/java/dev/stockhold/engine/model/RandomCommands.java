package dev.stockhold.engine.model;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates random commands over a deliberately small universe (three SKUs, three warehouses, ten order
 * ids, small quantities) so that collisions, limits and edge cases come up often. It peeks at the model
 * only to aim commands at things that exist; the answers are decided by the ledger and the model alone.
 * A command carries at most one deliberate fault, because the order in which several faults of one
 * request are reported is not specified.
 */
public final class RandomCommands
{
    /** "Aa" and "BB" share one {@code String.hashCode}: the ledger must tell them apart by content. */
    static final String[] SKUS = {"Aa", "BB", "S3"};
    /** Order ids that all share one {@code String.hashCode}, picked now and then. */
    private static final String[] COLLIDING_ORDER_IDS = {"oAaAa", "oAaBB", "oBBAa", "oBBBB"};
    static final String[] WAREHOUSES = {"W1", "W2", "W3"};
    private static final String[] BAD_CODES = {"", "a/b", "a b", "x".repeat(65), "\u00e9"};

    private final SplittableRandom random;
    private final ReferenceLedger model;
    private final Map<String, Command> keyed = new HashMap<>();
    private final List<String> keyedNames = new ArrayList<>();
    private final Map<String, Command> locks = new HashMap<>();
    private final RandomChannelCommands channelCommands;

    public RandomCommands(final SplittableRandom random, final ReferenceLedger model)
    {
        this.random = random;
        this.model = model;
        this.channelCommands = new RandomChannelCommands(random);
    }

    private boolean chance(final double p)
    {
        return random.nextDouble() < p;
    }

    private <T> T pick(final T[] values)
    {
        return values[random.nextInt(values.length)];
    }

    private String sku()
    {
        return chance(0.03) ? "S9" : pick(SKUS);
    }

    private String warehouse()
    {
        return chance(0.03) ? "W9" : pick(WAREHOUSES);
    }

    private String orderId()
    {
        final List<String> known = model.orderIds();
        return !known.isEmpty() && chance(0.6) ? known.get(random.nextInt(known.size())) : "o" + random.nextInt(10);
    }

    /** @return how far engine time moves before the next command (sometimes backwards, to test the clamp). */
    public long timeStepMillis()
    {
        final double p = random.nextDouble();
        if (p < 0.4)
        {
            return 0;
        }
        if (p < 0.9)
        {
            return random.nextLong(1, 2_000);
        }
        if (p < 0.95)
        {
            return -random.nextLong(1, 3_000);
        }
        return random.nextLong(10_000, 60_000);
    }

    /** Fills {@code c} (header fields other than sequence and time, and the payload) with a random command. */
    public void fill(final Command c)
    {
        if (!keyedNames.isEmpty() && chance(0.05))
        {
            repeatKeyed(c);
            return;
        }
        final int roll = random.nextInt(100);
        if (chance(0.15))
        {
            channelCommands.fill(c);
        }
        else if (roll < 11)
        {
            setOne(c);
        }
        else if (roll < 16)
        {
            batch(c);
        }
        else if (roll < 22)
        {
            adjust(c);
        }
        else if (roll < 28)
        {
            receive(c);
        }
        else if (roll < 52)
        {
            lock(c);
        }
        else if (roll < 72)
        {
            settle(c, roll < 60 ? CommandType.RELEASE : roll < 68 ? CommandType.DEDUCT : CommandType.RETURN);
        }
        else if (roll < 82)
        {
            c.tick();
        }
        else
        {
            read(c, roll);
        }
        if (c.type.isMutating() && c.type != CommandType.TICK && chance(0.12))
        {
            c.clientId = random.nextInt(2);
            c.idempotencyKey = chance(0.02) ? "" : "k" + random.nextInt(12);
            if (c.idempotencyKey.isEmpty())
            {
                return;
            }
            final String name = c.clientId + "/" + c.idempotencyKey;
            final Command copy = new Command();
            copy.copyFrom(c);
            if (keyed.put(name, copy) == null)
            {
                keyedNames.add(name);
            }
        }
        maybeBreak(c);
    }

    private void repeatKeyed(final Command c)
    {
        final Command earlier = keyed.get(keyedNames.get(random.nextInt(keyedNames.size())));
        c.copyFrom(earlier);
        c.replyTo = null;
        if (chance(0.2))
        {
            c.clientId = 1 - c.clientId;
        }
        else if (chance(0.2))
        {
            switch (c.type)
            {
                case LOCK -> c.ttlSeconds = c.ttlSeconds + 1;
                case ADJUST -> c.reason = c.reason + "!";
                case RECEIVE -> c.quantity = c.quantity + 1;
                case RELEASE -> c.type = CommandType.DEDUCT;
                case DEDUCT, RETURN -> c.type = CommandType.RELEASE;
                default -> c.clientId = 1 - c.clientId;
            }
        }
    }

    private long level(final long max)
    {
        return chance(0.3) ? Command.ABSENT : random.nextLong(0, max + 1);
    }

    private void setOne(final Command c)
    {
        c.setStock();
        final String sku = sku();
        final String warehouse = warehouse();
        final ModelLevel current = model.level(sku, warehouse);
        final double p = random.nextDouble();
        final long expected = p < 0.7 ? Command.ABSENT
            : p < 0.85 && current != null ? current.version()
            : p < 0.95 ? 0 : random.nextLong(1, 6);
        c.items.add(sku, warehouse, level(20), level(15), chance(0.8) ? Command.ABSENT : random.nextLong(0, 4),
            expected);
    }

    private void batch(final Command c)
    {
        c.setStock();
        final int count = random.nextInt(1, 5);
        final boolean duplicate = chance(0.2);
        final int first = random.nextInt(SKUS.length * WAREHOUSES.length);
        for (int i = 0; i < count; i++)
        {
            // Distinct cells, so a duplicate is only there when meant to be the command's one fault.
            final int cell = (first + i * 2) % (SKUS.length * WAREHOUSES.length);
            c.items.add(SKUS[cell / WAREHOUSES.length], WAREHOUSES[cell % WAREHOUSES.length], level(20), level(15),
                Command.ABSENT, !duplicate && chance(0.1) ? 0 : Command.ABSENT);
        }
        if (duplicate)
        {
            c.items.add(c.items.sku(0), c.items.warehouse(0), 1, Command.ABSENT, Command.ABSENT, Command.ABSENT);
        }
    }

    private void adjust(final Command c)
    {
        final long onHand = chance(0.1) ? -30 : random.nextLong(-5, 6);
        final long inTransit = chance(0.5) ? 0 : random.nextLong(-5, 6);
        final long safety = chance(0.8) ? 0 : random.nextLong(-2, 3);
        c.adjust(sku(), warehouse(), onHand, inTransit, safety, chance(0.5) ? null : "damaged");
    }

    private void receive(final Command c)
    {
        final String sku = sku();
        final String warehouse = warehouse();
        final ModelLevel current = model.level(sku, warehouse);
        final long max = current == null ? 5 : current.inTransit() + 2;
        c.receive(sku, warehouse, random.nextLong(1, Math.max(2, max + 1)));
    }

    private void lock(final Command c)
    {
        final String orderId = chance(0.1) ? pick(COLLIDING_ORDER_IDS)
            : chance(0.5) ? "o" + random.nextInt(16) : orderId();
        final Command earlier = locks.get(orderId);
        if (earlier != null && chance(0.3))
        {
            c.copyFrom(earlier);
            c.idempotencyKey = null;
            c.clientId = 0;
            c.replyTo = null;
            if (chance(0.5))
            {
                // The same lines in another order: still a repeat of the order.
                c.lines.clear();
                for (int i = earlier.lines.count() - 1; i >= 0; i--)
                {
                    c.lines.add(earlier.lines.sku(i), earlier.lines.listing(i), earlier.lines.warehouse(i),
                        earlier.lines.quantity(i));
                }
            }
            return;
        }
        final String channel = channelCommands.lockChannel();
        c.lock(orderId, channel, chance(0.5) ? 0 : random.nextInt(1, 31), chance(0.3), chance(0.3));
        final int lines = random.nextInt(1, 4);
        for (int i = 0; i < lines; i++)
        {
            final String listing = channelCommands.lockListing(channel);
            c.lines.add(listing == null ? channelCommands.lockSku(sku()) : null, listing,
                chance(0.5) ? null : warehouse(), chance(0.1) ? random.nextLong(7, 25) : random.nextLong(1, 7));
        }
        final Command copy = new Command();
        copy.copyFrom(c);
        locks.put(orderId, copy);
    }

    private void settle(final Command c, final CommandType type)
    {
        final String orderId = orderId();
        c.settle(type, orderId);
        final ModelView view = model.reservation(orderId);
        if (view == null || chance(0.45))
        {
            return;
        }
        final int lines = random.nextInt(1, 3);
        for (int i = 0; i < lines; i++)
        {
            if (chance(0.05))
            {
                c.lines.add(pick(SKUS), pick(WAREHOUSES), 1);
                continue;
            }
            final ModelView.Line line = view.lines().get(random.nextInt(view.lines().size()));
            c.lines.add(line.sku(), line.warehouse(), random.nextLong(1, 5));
        }
    }

    private void read(final Command c, final int roll)
    {
        if (roll < 87)
        {
            c.getStock(sku(), warehouse());
        }
        else if (roll < 91)
        {
            c.getStock(sku(), null);
        }
        else if (roll < 96)
        {
            c.getReservation(orderId());
        }
        else if (roll < 98)
        {
            c.getDigest();
        }
        else if (roll < 99)
        {
            c.getStats();
        }
        else
        {
            c.snapshot();
        }
    }

    /** Sometimes injects exactly one fault the validation must catch. */
    private void maybeBreak(final Command c)
    {
        if (!chance(0.04))
        {
            return;
        }
        switch (c.type)
        {
            case LOCK -> breakLock(c);
            case RELEASE, DEDUCT, RETURN ->
            {
                if (c.lines.count() == 0 || chance(0.3))
                {
                    c.orderId = chance(0.5) ? "" : "x".repeat(65);
                }
                else
                {
                    breakLines(c);
                }
            }
            case SET_STOCK ->
            {
                if (c.items.count() == 1)
                {
                    breakItem(c);
                }
            }
            case RECEIVE -> c.quantity = chance(0.5) ? 0 : 1_000_000_001L;
            case ADJUST -> c.warehouse = pick(BAD_CODES);
            default -> channelCommands.breakCommand(c);
        }
    }

    /** Replaces one item by a copy with a bad code or a level out of range. */
    private void breakItem(final Command c)
    {
        final int broken = random.nextInt(c.items.count());
        final Command copy = new Command();
        copy.copyFrom(c);
        c.items.clear();
        for (int i = 0; i < copy.items.count(); i++)
        {
            final boolean badCode = i == broken && chance(0.5);
            final boolean badLevel = i == broken && !badCode;
            c.items.add(badCode ? pick(BAD_CODES) : copy.items.sku(i), copy.items.warehouse(i),
                badLevel ? (chance(0.5) ? -1 : 1_000_000_000_001L) : copy.items.onHand(i), copy.items.inTransit(i),
                copy.items.safetyStock(i), copy.items.expectedVersion(i));
        }
    }

    private void breakLock(final Command c)
    {
        switch (random.nextInt(5))
        {
            case 0 -> c.ttlSeconds = chance(0.5) ? -1 : 31_536_001;
            case 1 -> c.channel = "c".repeat(65);
            case 2 -> c.lines.clear();
            case 3 ->
            {
                for (int i = 0; i < 101; i++)
                {
                    c.lines.add("S1", "W1", 1);
                }
            }
            default -> breakLines(c);
        }
    }

    private void breakLines(final Command c)
    {
        final int i = random.nextInt(c.lines.count());
        if (chance(0.5))
        {
            c.lines.add(c.lines.sku(i), c.lines.listing(i), c.lines.warehouse(i), chance(0.5) ? 0 : 1_000_000_001L);
        }
        else if (!channelCommands.addSkuAndListingOrNeither(c))
        {
            c.lines.add(pick(BAD_CODES), c.lines.warehouse(i), c.lines.quantity(i));
        }
    }
}
