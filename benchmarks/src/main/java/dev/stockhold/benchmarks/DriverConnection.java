package dev.stockhold.benchmarks;

import dev.stockhold.client.StockholdClient;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One raw client connection and its window: {@link #start} fills it, then each answer sends the next
 * request (closed loop, from the client's event loop). Latency is recorded per request from send to answer;
 * the requests themselves come from a {@link MixRequests}, so a request allocates nothing.
 */
final class DriverConnection
{
    /** Latency of each answered request, in nanoseconds; the driver takes its interval histograms. */
    final Recorder latency = new Recorder(3);
    /** Answers received, ok or not; written by the event loop, read by the driver's thread. */
    final AtomicLong completed = new AtomicLong();
    private final int window;
    private final StockholdClient client;
    private final MixRequests requests;
    private final long[] sentAtNanos;
    private final int mask;
    private long sent;
    private volatile boolean running = true;
    private volatile long errors;

    DriverConnection(final DriverOptions options, final StockholdClient.Builder builder, final String prefix)
        throws IOException
    {
        this.window = options.window;
        final int slots = Integer.highestOneBit(options.window * 2 - 1) * 2;
        this.sentAtNanos = new long[slots];
        this.mask = slots - 1;
        this.requests = new MixRequests(options, prefix);
        this.client = builder.replyListener(this::onReply).build();
    }

    /** Fills the window; the answers keep it full. */
    void start()
    {
        for (int i = 0; i < window; i++)
        {
            sendNext();
        }
    }

    /** @return the answers that carried an error so far. */
    long errors()
    {
        return errors;
    }

    private void onReply(final long correlationId, final int templateId, final int errorWireCode)
    {
        latency.recordValue(System.nanoTime() - sentAtNanos[(int)(correlationId & mask)]);
        if (errorWireCode != 0)
        {
            errors++;
        }
        completed.lazySet(completed.get() + 1);
        if (running)
        {
            sendNext();
        }
    }

    /**
     * Sends the next request of the mix. The event loop calls it for each answer; {@link #start} on the
     * caller's thread while the first answers may already arrive, hence the (uncontended) lock.
     */
    private synchronized void sendNext()
    {
        requests.choose(sent);
        sentAtNanos[(int)(sent & mask)] = System.nanoTime();
        if (!client.send(sent, requests))
        {
            running = false;
            System.err.println("connection lost");
            return;
        }
        sent++;
    }

    void stop()
    {
        running = false;
        client.close();
    }
}
