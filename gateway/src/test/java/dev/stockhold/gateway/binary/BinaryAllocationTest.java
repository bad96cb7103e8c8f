package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.Validation;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's hot path allocates (next to) nothing per request once warm: decoding reuses the command
 * and interns codes and listing ids, answers go into pooled buffers. Measured with the JVM's per-thread allocation
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
            try (TestClient client = fixture.client())
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

    @Test
    void aLockByListingDecodesWithoutMakingItsListingId()
    {
        final String listing = "L".repeat(Validation.MAX_LISTING_LENGTH);
        final double bySku = bytesPerDecode(new Command().lock("O1", "ch", 0, false, false), "A1", null);
        final double byListing = bytesPerDecode(new Command().lock("O1", "ch", 0, false, false), null, listing);
        System.out.println("decoding a lock: " + bySku + " bytes by SKU, " + byListing + " bytes by listing");
        // Only the order id's String is new per request; a 128-character listing id made afresh would cost more
        // than 150 bytes.
        assertTrue(byListing < MAX_BYTES_PER_REQUEST, () -> byListing + " bytes per lock by listing");
        assertTrue(byListing <= bySku + 8, () -> byListing + " bytes by listing, " + bySku + " by SKU");
    }

    /** Decodes one lock line naming {@code sku} or {@code listing} many times on this thread; @return bytes each. */
    private static double bytesPerDecode(final Command lock, final String sku, final String listing)
    {
        lock.lines.add(sku, listing, null, 1);
        final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(512);
        final int length = new CommandEncoder().encode(lock, frame, 0);
        final RequestDecoder decoder = new RequestDecoder();
        final Command into = new Command();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        long before = 0;
        for (int i = 0; i < 2 * REQUESTS; i++)
        {
            if (i == REQUESTS)
            {
                before = threads.getThreadAllocatedBytes(thread);
            }
            if (decoder.decode(frame, 0, length, into) != RequestDecoder.COMMAND)
            {
                throw new AssertionError(decoder.errorDetail());
            }
        }
        final long bytes = threads.getThreadAllocatedBytes(thread) - before;
        assertEquals(listing, into.lines.listing(0));
        return (double)bytes / REQUESTS;
    }

    private static void sendReads(final BinaryFixture fixture) throws Exception
    {
        final CountDownLatch done = new CountDownLatch(REQUESTS);
        final AtomicReference<String> failure = new AtomicReference<>();
        try (TestClient client = TestClient.connect("127.0.0.1", fixture.server.port(),
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
