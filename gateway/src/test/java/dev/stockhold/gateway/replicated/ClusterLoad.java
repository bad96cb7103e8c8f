package dev.stockhold.gateway.replicated;

import dev.stockhold.gateway.crash.ServerProcess;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes to every member of a {@link ThreeNodes} cluster from a few threads per member, while a test kills
 * one, and sorts each request's outcome: acknowledged (200 or 201), uncertain (503, or the connection broke
 * after sending: it may or may not have been applied), or never sent (the member could not be reached; the
 * thread goes on with the next request). Any other status fails the test. A subclass says what each request
 * is and keeps what its test checks of the outcomes.
 */
abstract class ClusterLoad
{
    /**
     * One request.
     *
     * @param key what the test records of its outcome (an order id, a listing's path), or null.
     */
    record Request(String method, String path, String body, String key)
    {
    }

    private final ThreeNodes cluster;
    private final int threadsPerNode;
    private final String name;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile long killedAt = Long.MAX_VALUE;
    private volatile long firstAckAfterKill;
    private long next;

    /** @param name names the load threads. */
    ClusterLoad(final ThreeNodes cluster, final int threadsPerNode, final String name)
    {
        this.cluster = cluster;
        this.threadsPerNode = threadsPerNode;
        this.name = name;
    }

    /** @return the {@code n}th request of the load (from 1); on a load thread. */
    abstract Request request(long n);

    /** Records a request's outcome: acknowledged, else uncertain; on a load thread. */
    abstract void outcome(Request request, boolean acknowledged);

    /** Starts the threads; a load may be started again after {@link #stop}. */
    void start()
    {
        running = true;
        firstAckAfterKill = 0;
        killedAt = Long.MAX_VALUE;
        threads.clear();
        for (int i = 0; i < ThreeNodes.SIZE * threadsPerNode; i++)
        {
            final ServerProcess node = cluster.node(i % ThreeNodes.SIZE);
            final Thread thread = new Thread(() -> run(node), name + "-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    /** Notes when a member was killed, so that {@link #firstAckAfterKill} measures the failover. */
    void markKill(final long nanos)
    {
        killedAt = nanos;
    }

    /** @return the {@link System#nanoTime} of the first acknowledgement of a request sent after the kill, or 0. */
    long firstAckAfterKill()
    {
        return firstAckAfterKill;
    }

    void stop() throws InterruptedException
    {
        running = false;
        for (final Thread thread : threads)
        {
            thread.join();
        }
    }

    private void run(final ServerProcess node)
    {
        while (running && node.isAlive())
        {
            final Request request = request(nextNumber());
            final long sentAt = System.nanoTime();
            final int status = send(node, request);
            if (status == 0)
            {
                continue;
            }
            if (status == 200 || status == 201)
            {
                outcome(request, true);
                if (sentAt > killedAt && firstAckAfterKill == 0)
                {
                    firstAckAfterKill = System.nanoTime();
                }
            }
            else if (status == 503 || status < 0)
            {
                outcome(request, false);
            }
            else
            {
                throw new AssertionError("unexpected status " + status + " for " + request);
            }
        }
    }

    /** @return the status, 0 when the request never reached a server, -1 when its outcome is unknown. */
    private static int send(final ServerProcess node, final Request request)
    {
        try
        {
            return node.send(request.method(), request.path(), request.body()).statusCode();
        }
        catch (final ConnectException ex)
        {
            return 0;
        }
        catch (final Exception ex)
        {
            return -1;
        }
    }

    private synchronized long nextNumber()
    {
        return ++next;
    }
}
