package dev.stockhold.gateway.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A start that fails after recovery and the pipeline (here: the HTTP port is taken) stops every thread it
 * started and releases the data directory, and nothing was listening before recovery finished.
 */
class FailedStartTest
{
    @Test
    void aStartThatFailsLateStopsEveryThreadItStarted(@TempDir final Path dataDir) throws Exception
    {
        final Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()))
        {
            final ServerSettings settings = ServerSettings.defaults().withDataDir(dataDir)
                .withPorts(taken.getLocalPort(), 0);
            assertThrows(Exception.class, () -> Server.start(settings), "the HTTP port is in use");
        }
        List<String> leftOver = List.of();
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline)
        {
            leftOver = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive() && thread.getName().startsWith("stockhold"))
                .map(Thread::getName).sorted().collect(Collectors.toList());
            if (leftOver.isEmpty())
            {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals(List.of(), leftOver, "threads the failed start left running");
        // The data directory was released: a start on it now works, and answers.
        try (Server server = Server.start(ServerSettings.defaults().withDataDir(dataDir).withPorts(0, 0)))
        {
            assertTrue(server.httpAddress().getPort() > 0);
            assertTrue(!server.failure().isFailed());
        }
    }
}
