package dev.stockhold.cluster.node;

import dev.stockhold.cluster.client.ClientSettings;
import dev.stockhold.cluster.client.CommandAnswer;
import dev.stockhold.cluster.client.EngineClusterClient;
import dev.stockhold.cluster.service.LocalReplica;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member's write path allocates little per command once warm: a member's own client sends a command, the
 * cluster commits it, the member's replica applies it and answers into the sender's result. Measured with the
 * JVM's per-thread allocation counters over every thread of this JVM (the sender, the client, the media driver,
 * the consensus module, the clustered service), while one member takes stock adjustments (no new strings).
 * What is left per command is its record in flight and encoded bytes on the sender's side, and the
 * exactly-once window's entry on the service's.
 */
class MemberAllocationTest
{
    private static final int COMMANDS = 50_000;
    private static final int WINDOW = 256;
    /**
     * About twice what is left today (a record in flight and the encoded command, ~150 bytes; the window's entry
     * and its map, ~60 bytes); a copy of the command per request, as there once was, costs more than 1,000.
     */
    private static final double MAX_BYTES_PER_COMMAND = 512;

    @TempDir
    Path dir;

    @Test
    void aWarmMemberAllocatesLittlePerWrite() throws Exception
    {
        final ClusterMembers members = TestPorts.members(1);
        final NodeSettings settings = NodeSettings.defaults(members, 0, dir.resolve("node0"))
            .withSnapshotInterval(Duration.ZERO);
        final LocalReplica replica = new LocalReplica(null, 16);
        try (ClusterNode node = ClusterNode.launch(settings, replica, Throwable::printStackTrace);
             EngineClusterClient client = EngineClusterClient.start(ClientSettings.defaults(members.ingressEndpoints())
                 .withAeronDir(node.settings().aeronDir().toString())
                 .withDeadline(Duration.ofSeconds(30))
                 .besideMember(node::leads)))
        {
            replica.answerTo(client::onReplicaAnswer);
            final Command set = new Command().setStock();
            set.items.add("SKU-A", "WH1", 1_000_000, Command.ABSENT, Command.ABSENT, Command.ABSENT);
            assertTrue(client.send(set).get(30, TimeUnit.SECONDS).isOk());

            final Adjustments adjustments = new Adjustments(client);
            adjustments.send(COMMANDS); // warm: code compiled, pools and maps grown
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long[] ids = threads.getAllThreadIds();
            final long[] before = threads.getThreadAllocatedBytes(ids);
            adjustments.send(COMMANDS);
            final long[] after = threads.getThreadAllocatedBytes(ids);
            final double perCommand = (double)(sum(after) - sum(before)) / COMMANDS;
            System.out.printf("a member's write path: %.0f bytes allocated per command%n", perCommand);
            for (int i = 0; i < ids.length; i++)
            {
                final long bytes = after[i] - before[i];
                final java.lang.management.ThreadInfo info = threads.getThreadInfo(ids[i]);
                if (bytes > COMMANDS && info != null)
                {
                    System.out.printf("  %6.0f bytes per command on %s%n", (double)bytes / COMMANDS, info.getThreadName());
                }
            }
            assertTrue(perCommand < MAX_BYTES_PER_COMMAND, () -> perCommand + " bytes per command");

            final CommandResult stock = client.send(new Command().getStock("SKU-A", "WH1")).get(30, TimeUnit.SECONDS);
            assertEquals(1_000_000 + 2L * COMMANDS, stock.levels().onHand(0), "every adjustment applied once");
        }
    }

    /** Sends +1 adjustments with at most {@link #WINDOW} in flight, each answered into a result of its own. */
    private static final class Adjustments
    {
        private final EngineClusterClient client;
        private final Command adjust = new Command();
        private final CommandResult[] results = new CommandResult[WINDOW];
        private final CommandAnswer[] answers = new CommandAnswer[WINDOW];
        private final AtomicInteger answered = new AtomicInteger();
        private final AtomicReference<String> failure = new AtomicReference<>();

        Adjustments(final EngineClusterClient client)
        {
            this.client = client;
            for (int i = 0; i < WINDOW; i++)
            {
                results[i] = new CommandResult();
                answers[i] = result ->
                {
                    if (!result.isOk())
                    {
                        failure.compareAndSet(null, result.code() + ": " + result.detail());
                    }
                    answered.incrementAndGet();
                };
            }
        }

        void send(final int count) throws InterruptedException
        {
            final int first = answered.get();
            for (int i = 0; i < count; i++)
            {
                // A slot is free again once the command sent WINDOW before it was answered.
                while (i - (answered.get() - first) >= WINDOW)
                {
                    Thread.onSpinWait();
                }
                adjust.adjust("SKU-A", "WH1", 1, 0, 0, null);
                client.send(adjust, results[i % WINDOW], answers[i % WINDOW]);
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (answered.get() - first < count && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            assertEquals(count, answered.get() - first, "every command answered");
            assertNull(failure.get());
        }
    }

    private static long sum(final long[] values)
    {
        long sum = 0;
        for (final long value : values)
        {
            sum += value > 0 ? value : 0;
        }
        return sum;
    }
}
