package dev.stockhold.journal;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random command streams for journal tests: stock counts, locks with and without expiry,
 * idempotent repeats, key reuse with another body, settlements of known and unknown orders, adjusts,
 * receives and ticks that move time on. Commands carry sequences and timestamps as the pipeline stamps
 * them; about one in twelve is a read, which the journal must skip.
 */
public final class CommandStreams
{
    static final String[] SKUS = {"SKU-A", "SKU-B", "SKU-C", "SKU-D", "SKU-É", "SKU-F"};
    static final String[] WAREHOUSES = {"WH1", "WH2", "WH3"};
    static final String[] LISTINGS = {"LST-1", "LST-2", "LST-ü"};

    private final Random random;
    private final String orderPrefix;
    private final List<String> orders = new ArrayList<>();
    private final Command previousKeyed = new Command();
    private long sequence;
    private long timeMillis = 1_767_225_600_000L;
    private int orderCounter;

    /** @param seed print it in the test so a failure re-runs exactly. */
    public CommandStreams(final long seed)
    {
        this(seed, "order-");
    }

    /** @param orderPrefix starts every order id, so several streams into one journal do not collide. */
    public CommandStreams(final long seed, final String orderPrefix)
    {
        this.random = new Random(seed);
        this.orderPrefix = orderPrefix;
    }

    /** @return the orders locked so far (some may have failed or expired). */
    public List<String> orders()
    {
        return orders;
    }

    /** Fills {@code into} with the next command, stamped with the next sequence and time. */
    public Command next(final Command into)
    {
        final int pick = random.nextInt(100);
        if (sequence < 3)
        {
            setStock(into, true);
        }
        else if (pick < 5)
        {
            setStock(into, random.nextInt(4) == 0);
        }
        else if (pick < 40)
        {
            lock(into);
        }
        else if (pick < 48 && previousKeyed.type != null)
        {
            repeatKeyed(into);
        }
        else if (pick < 65)
        {
            settle(into);
        }
        else if (pick < 72)
        {
            into.adjust(sku(), warehouse(), random.nextInt(21) - 10, random.nextInt(5), random.nextInt(3) - 1,
                random.nextBoolean() ? "damaged" : "found ü");
        }
        else if (pick < 80)
        {
            into.receive(sku(), warehouse(), 1 + random.nextInt(20));
        }
        else if (pick < 88)
        {
            timeMillis += random.nextInt(120_000);
            into.tick();
        }
        else if (pick < 92)
        {
            into.getReservation(order());
        }
        else if (pick < 96 || sequence < 6)
        {
            channelCommand(into);
        }
        else
        {
            lockMultiLine(into);
        }
        timeMillis += random.nextInt(50);
        into.sequence = ++sequence;
        into.timestampMillis = timeMillis;
        into.clientId = random.nextInt(3);
        into.requestId = random.nextLong();
        if (into.type.isMutating() && into.type != CommandType.TICK && into.idempotencyKey == null
            && random.nextInt(4) == 0)
        {
            into.idempotencyKey = "key-" + random.nextInt(1_000);
            previousKeyed.copyFrom(into);
        }
        return into;
    }

    private void setStock(final Command into, final boolean batch)
    {
        into.setStock();
        final int count = batch ? SKUS.length * WAREHOUSES.length : 1;
        for (int i = 0; i < count; i++)
        {
            final String sku = batch ? SKUS[i % SKUS.length] : sku();
            final String wh = batch ? WAREHOUSES[i / SKUS.length] : warehouse();
            into.items.add(sku, wh, 50 + random.nextInt(200), random.nextBoolean() ? random.nextInt(50) : Command.ABSENT,
                random.nextInt(4) == 0 ? random.nextInt(5) : Command.ABSENT, Command.ABSENT);
        }
    }

    private void lock(final Command into)
    {
        final String order = random.nextInt(10) == 0 && !orders.isEmpty() ? order() : orderPrefix + (++orderCounter);
        orders.add(order);
        into.lock(order, random.nextBoolean() ? "shopify" : null, random.nextInt(3) == 0 ? 60 + random.nextInt(300) : 0,
            random.nextInt(5) == 0, random.nextInt(5) == 0);
        into.lines.add(sku(), random.nextInt(3) == 0 ? null : warehouse(), 1 + random.nextInt(8));
    }

    private void lockMultiLine(final Command into)
    {
        final String order = orderPrefix + (++orderCounter);
        orders.add(order);
        into.lock(order, "amazon", random.nextInt(600), random.nextBoolean(), random.nextBoolean());
        final int lines = 2 + random.nextInt(3);
        for (int i = 0; i < lines; i++)
        {
            final int kind = random.nextInt(6);
            final String warehouse = random.nextBoolean() ? null : warehouse();
            if (kind == 0)
            {
                into.lines.addListing(LISTINGS[random.nextInt(LISTINGS.length)], warehouse, 1 + random.nextInt(5));
            }
            else
            {
                into.lines.add(kind == 1 ? "KIT-1" : SKUS[(i + random.nextInt(2)) % SKUS.length], warehouse,
                    1 + random.nextInt(5));
            }
        }
    }

    /**
     * Channels (pushing half the time), kits, listings, allocations and push outcomes, with now and then a
     * refused one (unknown channel).
     */
    private void channelCommand(final Command into)
    {
        final String channel = random.nextInt(10) == 0 ? "ebay" : "amazon";
        switch (random.nextInt(7))
        {
            case 0 ->
            {
                into.putChannel("amazon", random.nextInt(3), 50 + random.nextInt(51),
                    random.nextBoolean() ? Command.ABSENT : 100 + random.nextInt(100), random.nextBoolean());
                if (random.nextBoolean())
                {
                    into.channelWarehouses.add(WAREHOUSES[0]).add(WAREHOUSES[1 + random.nextInt(2)]);
                }
                if (random.nextBoolean())
                {
                    into.push("http://127.0.0.1:9/stock", "secret", 1 + random.nextInt(20), 1 + random.nextInt(20),
                        1 + random.nextInt(3));
                }
            }
            case 6 -> pushOutcome(channel, into);
            case 1 -> into.putKit("KIT-1").lines.add(SKUS[0], null, 1 + random.nextInt(2))
                .add(SKUS[1 + random.nextInt(2)], null, 1 + random.nextInt(3));
            case 2, 3 -> into.bindListing(channel, LISTINGS[random.nextInt(LISTINGS.length)],
                random.nextInt(3) == 0 ? "KIT-1" : sku());
            case 4 -> into.unbindListing(channel, LISTINGS[random.nextInt(LISTINGS.length)]);
            default -> into.setAllocation(channel, sku(), warehouse(), random.nextInt(30));
        }
    }

    /** A delivery's outcome: acknowledged, refused (parked), or failed, of listings with plausible values. */
    private void pushOutcome(final String channel, final Command into)
    {
        final int[] statuses = {200, 200, 204, 400, 429, 503, 0};
        final int status = statuses[random.nextInt(statuses.length)];
        into.pushOutcome(channel, "d-" + random.nextInt(1_000_000), status, status == 200 || status == 204 ? null
            : "HTTP " + status);
        final int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++)
        {
            into.pushed.add(LISTINGS[random.nextInt(LISTINGS.length)], sku(), random.nextInt(50), random.nextInt(2_000));
        }
    }

    private void repeatKeyed(final Command into)
    {
        into.clear();
        into.copyFrom(previousKeyed);
        if (random.nextInt(4) == 0 && into.type == CommandType.LOCK && into.lines.count() > 0)
        {
            // Same key, another body: ERR_IDEMPOTENCY_KEY_REUSED.
            final String sku = into.lines.sku(0);
            final String wh = into.lines.warehouse(0);
            final long quantity = into.lines.quantity(0) + 1;
            into.lines.clear();
            into.lines.add(sku, wh, quantity);
        }
    }

    private void settle(final Command into)
    {
        final int kind = random.nextInt(3);
        final CommandType type = kind == 0 ? CommandType.RELEASE : kind == 1 ? CommandType.DEDUCT : CommandType.RETURN;
        into.settle(type, random.nextInt(15) == 0 ? "no-such-order" : order());
        if (random.nextInt(4) == 0)
        {
            into.lines.add(sku(), warehouse(), 1 + random.nextInt(3));
        }
    }

    private String order()
    {
        return orders.isEmpty() ? "order-none" : orders.get(random.nextInt(orders.size()));
    }

    private String sku()
    {
        return SKUS[random.nextInt(SKUS.length)];
    }

    private String warehouse()
    {
        return WAREHOUSES[random.nextInt(WAREHOUSES.length)];
    }
}
