package dev.stockhold.gateway.server;

import dev.stockhold.engine.pipeline.ThreadLayout;
import dev.stockhold.gateway.TestServer;
import dev.stockhold.gateway.os.LinuxThreads;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A real server started with a real-time priority: which of its threads run at it. */
class RealtimeServerTest
{
    /** The threads every request passes through, by their Linux names (cut to 15 characters). */
    private static boolean onTheRequestPath(final LinuxThreads thread)
    {
        return thread.name().startsWith("stockhold-http") || thread.name().startsWith("stockhold-binar")
            || List.of("stockhold-engin", "stockhold-journ", "stockhold-ledge", "stockhold-respo").contains(thread.name());
    }

    private static List<LinuxThreads> raisedTo(final int priority)
    {
        return LinuxThreads.ofThisProcess().stream()
            .filter(thread -> thread.realtime() && thread.realtimePriority() == priority)
            .collect(Collectors.toList());
    }

    @Test
    void theEventLoopsAndTheEngineThreadsRunAtThePriorityAndNothingElseDoes() throws Exception
    {
        assumeTrue(LinuxThreads.realtimePermitted(), "this machine does not let the tests raise a thread");
        // Other tests' servers may share this JVM: count this one's threads by a priority only it uses.
        final int priority = 5;
        final int before = raisedTo(priority).size();
        final ServerThreads threads = ServerThreads.forThisMachine().withRealtimePriority(priority);
        try (TestServer server = new TestServer(ServerSettings.defaults().withServerThreads(threads)))
        {
            // Serving requests starts whatever threads serving starts.
            assertEquals(200, server.put("/v1/stock/RT-1/W1", "{\"onHand\":5}").statusCode());
            assertEquals(201, server.post("/v1/reservations", "{\"orderId\":\"RT-O1\",\"lines\":[{\"sku\":\"RT-1\","
                + "\"warehouse\":\"W1\",\"quantity\":2}]}").statusCode());
            final List<LinuxThreads> raised = raisedTo(priority);
            // Netty starts an event loop's thread with its first channel: at least one HTTP loop and the binary one.
            final List<String> engine = threads.layout() == ThreadLayout.SINGLE ? List.of("stockhold-engin")
                : List.of("stockhold-journ", "stockhold-ledge", "stockhold-respo");
            assertTrue(raised.size() >= before + 2 + engine.size(), raised::toString);
            assertTrue(raised.stream().map(LinuxThreads::name).collect(Collectors.toList()).containsAll(engine),
                raised::toString);
            assertTrue(raised.stream().allMatch(RealtimeServerTest::onTheRequestPath), raised::toString);
            assertTrue(raised.stream().anyMatch(thread -> thread.name().startsWith("stockhold-http")), raised::toString);
            assertTrue(raised.stream().anyMatch(thread -> thread.name().startsWith("stockhold-binar")), raised::toString);
        }
    }
}
