package dev.stockhold.cluster.it;

import dev.stockhold.cluster.client.EngineClusterClient;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes to the cluster from a thread of its own at a steady rate with a window of commands in flight, and
 * records what was acknowledged: two-line locks of new orders (one unit of SKU-A and one of SKU-B each), and
 * adjusts of SKU-C by +1 (not idempotent: applied twice, the count would show it). Also records, after each
 * {@link #markKill()}, when the first command sent after it was acknowledged: the failover time a client sees.
 */
final class CommandLoad
{
    static final String WAREHOUSE = "WH1";

    private final EngineClusterClient client;
    private final int ratePerSecond;
    private final Semaphore window;
    private final Thread thread;
    private volatile boolean running = true;
    private final Set<String> lockedOrders = ConcurrentHashMap.newKeySet();
    private final AtomicLong unknownLocks = new AtomicLong();
    private final AtomicLong ackedAdjusts = new AtomicLong();
    private final AtomicLong unknownAdjusts = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicReference<String> unexpected = new AtomicReference<>();
    private volatile long killNanos = Long.MAX_VALUE;
    private final AtomicLong firstAckAfterKillNanos = new AtomicLong();
    private final String prefix;

    /** Creates the cells the load writes to. */
    static void createCells(final EngineClusterClient client) throws Exception
    {
        final Command set = new Command().setStock();
        for (final String sku : new String[] {"SKU-A", "SKU-B", "SKU-C"})
        {
            set.items.add(sku, WAREHOUSE, sku.equals("SKU-C") ? 0 : 1_000_000_000L, Command.ABSENT, Command.ABSENT,
                Command.ABSENT);
        }
        final CommandResult result = client.send(set).get(LocalCluster.WAIT_MILLIS, TimeUnit.MILLISECONDS);
        if (!result.isOk())
        {
            throw new AssertionError("set stock: " + result.code() + " " + result.detail());
        }
    }

    CommandLoad(final EngineClusterClient client, final String prefix, final int ratePerSecond, final int window)
    {
        this.client = client;
        this.prefix = prefix;
        this.ratePerSecond = ratePerSecond;
        this.window = new Semaphore(window);
        this.thread = new Thread(this::run, "command-load");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run()
    {
        final long intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        long next = System.nanoTime();
        long n = 0;
        final Command lock = new Command();
        final Command adjust = new Command();
        while (running)
        {
            final long now = System.nanoTime();
            if (now < next)
            {
                LockSupport.parkNanos(Math.min(next - now, 1_000_000));
                continue;
            }
            if (!window.tryAcquire())
            {
                LockSupport.parkNanos(100_000);
                continue;
            }
            next = Math.max(next + intervalNanos, now - TimeUnit.MILLISECONDS.toNanos(10));
            n++;
            final long sentNanos = System.nanoTime();
            sent.incrementAndGet();
            if ((n & 1) == 0)
            {
                final String orderId = prefix + "-" + n;
                lock.lock(orderId, "load", 0, false, false);
                lock.lines.add("SKU-A", WAREHOUSE, 1);
                lock.lines.add("SKU-B", WAREHOUSE, 1);
                client.send(lock).whenComplete((result, error) ->
                    onLock(orderId, sentNanos, result));
            }
            else
            {
                adjust.adjust("SKU-C", WAREHOUSE, 1, 0, 0, "load");
                client.send(adjust).whenComplete((result, error) -> onAdjust(sentNanos, result));
            }
        }
    }

    private void onLock(final String orderId, final long sentNanos, final CommandResult result)
    {
        answered.incrementAndGet();
        window.release();
        if (result.isOk())
        {
            lockedOrders.add(orderId);
            acked(sentNanos);
        }
        else if (result.code() == ErrorCode.OVERLOADED)
        {
            unknownLocks.incrementAndGet();
        }
        else
        {
            unexpected.compareAndSet(null, "lock " + orderId + ": " + result.code() + " " + result.detail());
        }
    }

    private void onAdjust(final long sentNanos, final CommandResult result)
    {
        answered.incrementAndGet();
        window.release();
        if (result.isOk())
        {
            ackedAdjusts.incrementAndGet();
            acked(sentNanos);
        }
        else if (result.code() == ErrorCode.OVERLOADED)
        {
            unknownAdjusts.incrementAndGet();
        }
        else
        {
            unexpected.compareAndSet(null, "adjust: " + result.code() + " " + result.detail());
        }
    }

    private void acked(final long sentNanos)
    {
        if (sentNanos >= killNanos)
        {
            firstAckAfterKillNanos.compareAndSet(0, System.nanoTime());
        }
    }

    /** Notes that the leader is being killed now; @return the time noted. */
    long markKill()
    {
        firstAckAfterKillNanos.set(0);
        killNanos = System.nanoTime();
        return killNanos;
    }

    /**
     * Waits for the first command sent after {@link #markKill()} to be acknowledged.
     *
     * @return milliseconds from the kill to that acknowledgement.
     */
    long awaitFailoverMillis(final long timeoutMillis) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        while (firstAckAfterKillNanos.get() == 0)
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("no command acknowledged within " + timeoutMillis + " ms of the kill");
            }
            Thread.sleep(5);
        }
        return TimeUnit.NANOSECONDS.toMillis(firstAckAfterKillNanos.get() - killNanos);
    }

    /** Stops sending and waits until every command sent has its answer (the client's deadline bounds it). */
    void stop() throws InterruptedException
    {
        running = false;
        thread.join();
        final long deadline = System.currentTimeMillis() + LocalCluster.WAIT_MILLIS;
        while (answered.get() < sent.get() && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(10);
        }
        if (answered.get() < sent.get())
        {
            throw new AssertionError("unanswered commands: " + (sent.get() - answered.get()) + " of " + sent.get());
        }
    }

    Set<String> lockedOrders()
    {
        return lockedOrders;
    }

    long unknownLocks()
    {
        return unknownLocks.get();
    }

    long ackedAdjusts()
    {
        return ackedAdjusts.get();
    }

    long unknownAdjusts()
    {
        return unknownAdjusts.get();
    }

    long sent()
    {
        return sent.get();
    }

    /** @return the first answer that was neither a success nor ERR_OVERLOADED, or null. */
    String unexpected()
    {
        return unexpected.get();
    }
}
