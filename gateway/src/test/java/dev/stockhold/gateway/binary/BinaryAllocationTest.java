package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.gateway.binary.client.StockholdClient;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's hot path allocates (next to) nothing per request once warm: decoding reuses the command
 * and interns codes, answers go into pooled buffers. Measured with the JVM's per-thread allocation
 * counters on the server's event loop and the engine's threads (ledger, responder).
 */
class BinaryAllocationTest
{
    private static final int REQUESTS = 20_000;
    /** Per-batch bookkeeping of Netty (a buffer handle, an outbound entry) spread over the batch. */
    private static final double MAX_BYTES_PER_REQUEST = 64;

    @Test
    void readsAllocateAlmostNothingOnTheServer() throws Exception
    {
        try (BinaryFixture fixture = new BinaryFixture())
        {
            try (StockholdClient client = fixture.client())
            {
                final Command set = new Command().setStock();
                set.items.add("A1", "WH", 5, Command.ABSENT, Command.ABSENT, Command.ABSENT);
                assertTrue(client.submit(set).get(10, TimeUnit.SECONDS).isOk());
            }
            sendReads(fixture);
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long[] ids = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().matches("stockhold-(binary|journal|ledger|responder).*"))
                .mapToLong(Thread::getId).toArray();
            final long before = sum(threads.getThreadAllocatedBytes(ids));
            sendReads(fixture);
            final double perRequest = (double)(sum(threads.getThreadAllocatedBytes(ids)) - before) / REQUESTS;
            System.out.println("server event loop and engine threads: " + perRequest + " bytes allocated per read");
            assertTrue(perRequest < MAX_BYTES_PER_REQUEST, () -> perRequest + " bytes per request");
        }
    }

    private static void sendReads(final BinaryFixture fixture) throws Exception
    {
        final CountDownLatch done = new CountDownLatch(REQUESTS);
        final AtomicReference<String> failure = new AtomicReference<>();
        try (StockholdClient client = StockholdClient.connect("127.0.0.1", fixture.server.port(),
            (correlationId, templateId, errorWireCode) ->
            {
                if (errorWireCode != 0)
                {
                    failure.set("error " + errorWireCode);
                }
                done.countDown();
            }))
        {
            final Command read = new Command();
            for (int i = 0; i < REQUESTS; i++)
            {
                read.getStock("A1", "WH").correlationId = i;
                client.send(read);
                if (i % 1000 == 999)
                {
                    // Keep the window bounded so the ring never fills.
                    while (done.getCount() > REQUESTS - i + 1000)
                    {
                        Thread.yield();
                    }
                }
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
        }
        assertTrue(failure.get() == null, failure::get);
    }

    private static long sum(final long[] values)
    {
        long sum = 0;
        for (final long value : values)
        {
            sum += value;
        }
        return sum;
    }
}
