package dev.stockhold.cluster.node;

import dev.stockhold.cluster.client.ClientSettings;
import dev.stockhold.cluster.client.EngineClusterClient;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import io.aeron.cluster.RecordingLog;
import io.aeron.cluster.service.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One member in this JVM: the node, the engine and the client end to end, and a restart from a snapshot. */
class SingleNodeClusterTest
{
    @TempDir
    Path dir;

    @Test
    void theLeaderTakesTimedSnapshots() throws Exception
    {
        final ClusterMembers members = TestPorts.members(1);
        final NodeSettings settings = NodeSettings.defaults(members, 0, dir.resolve("node0"))
            .withSnapshotInterval(Duration.ofMillis(500));
        try (ClusterNode node = ClusterNode.launch(settings, Throwable::printStackTrace);
             EngineClusterClient client = EngineClusterClient.start(ClientSettings.defaults(members.ingressEndpoints())
                 .withDeadline(Duration.ofSeconds(20))))
        {
            assertTrue(call(client, new Command().getDigest()).isOk());
            final long deadline = System.currentTimeMillis() + 30_000;
            while (snapshots(settings) < 2 && System.currentTimeMillis() < deadline)
            {
                Thread.sleep(100);
            }
            assertEquals(Cluster.Role.LEADER, node.status().role());
        }
        assertTrue(snapshots(settings) >= 2, "snapshots in the recording log: " + snapshots(settings));
    }

    private static long snapshots(final NodeSettings settings)
    {
        try (RecordingLog log = new RecordingLog(settings.dataDir().resolve("cluster").toFile(), false))
        {
            // Each snapshot has an entry for the consensus module (service id -1) and one for the engine (0).
            return log.entries().stream()
                .filter(entry -> entry.type == RecordingLog.ENTRY_TYPE_SNAPSHOT && entry.serviceId == 0).count();
        }
    }

    private static CommandResult call(final EngineClusterClient client, final Command command) throws Exception
    {
        return client.send(command).get(30, TimeUnit.SECONDS);
    }

    @Test
    void commandsSentTogetherTravelInBatchesAndEachIsAppliedAndAnsweredAsAlone() throws Exception
    {
        final ClusterMembers members = TestPorts.members(1);
        final NodeSettings settings = NodeSettings.defaults(members, 0, dir.resolve("node0"))
            .withSnapshotInterval(Duration.ZERO);
        try (ClusterNode node = ClusterNode.launch(settings, Throwable::printStackTrace);
             EngineClusterClient client = EngineClusterClient.start(ClientSettings.defaults(members.ingressEndpoints())
                 .withDeadline(Duration.ofSeconds(20))))
        {
            final Command set = new Command().setStock();
            set.items.add("SKU-B", "WH1", 1_000, Command.ABSENT, Command.ABSENT, Command.ABSENT);
            assertTrue(call(client, set).isOk());
            final long messagesBefore = client.messagesOffered();
            final int orders = 500;
            final List<CompletableFuture<CommandResult>> answers = new ArrayList<>();
            final Command lock = new Command();
            for (int i = 0; i < orders; i++)
            {
                lock.lock("batch-" + i, "shop", 0, false, false);
                lock.lines.add("SKU-B", "WH1", 1 + i % 2);
                answers.add(client.send(lock));
            }
            final Set<Long> sequences = new HashSet<>();
            for (int i = 0; i < orders; i++)
            {
                final CommandResult result = answers.get(i).get(30, TimeUnit.SECONDS);
                assertTrue(result.isOk(), "batch-" + i + ": " + result.detail());
                assertEquals(1 + i % 2, result.reservation().quantity(0), "the answer is this order's own");
                assertTrue(sequences.add(result.sequence()), "each command has its own sequence");
                assertEquals("batch-" + i, result.reservation().orderId());
            }
            final long messages = client.messagesOffered() - messagesBefore;
            assertTrue(messages < orders, "500 commands sent at once left in " + messages + " messages");
            // 250 orders of 1 and 250 of 2: 750 units locked, one by one, nothing twice.
            assertEquals(250, call(client, new Command().getStock("SKU-B", "WH1")).levels().available(0));
            assertTrue(node.status().appliedSequence() >= 501, "the set and every lock applied");
        }
    }

    @Test
    void commandsAreAppliedAnsweredAndRecoveredFromASnapshot() throws Exception
    {
        final ClusterMembers members = TestPorts.members(1);
        final NodeSettings settings = NodeSettings.defaults(members, 0, dir.resolve("node0"))
            .withSnapshotInterval(Duration.ZERO);
        final ClientSettings clientSettings = ClientSettings.defaults(members.ingressEndpoints())
            .withDeadline(Duration.ofSeconds(20));
        final long digest;
        final long sequence;
        try (ClusterNode node = ClusterNode.launch(settings, Throwable::printStackTrace);
             EngineClusterClient client = EngineClusterClient.start(clientSettings))
        {
            final Command set = new Command().setStock();
            set.items.add("SKU-1", "WH1", 100, Command.ABSENT, Command.ABSENT, Command.ABSENT);
            assertTrue(call(client, set).isOk());
            final Command lock = new Command().lock("order-1", "shop", 0, false, false);
            lock.lines.add("SKU-1", "WH1", 3);
            final CommandResult locked = call(client, lock);
            assertTrue(locked.isOk(), String.valueOf(locked.detail()));
            assertEquals(Cluster.Role.LEADER, node.status().role());
            assertTrue(client.requestSnapshot().get(30, TimeUnit.SECONDS));
            final Command lock2 = new Command().lock("order-2", "shop", 0, false, false);
            lock2.lines.add("SKU-1", "WH1", 4);
            assertTrue(call(client, lock2).isOk());
            final CommandResult digestResult = call(client, new Command().getDigest());
            digest = digestResult.digest();
            sequence = digestResult.sequence();
            assertTrue(node.status().appliedSequence() >= sequence, "a tick may have followed the query");
        }
        try (ClusterNode node = ClusterNode.launch(settings, Throwable::printStackTrace);
             EngineClusterClient client = EngineClusterClient.start(clientSettings))
        {
            final CommandResult digestResult = call(client, new Command().getDigest());
            assertTrue(digestResult.sequence() >= sequence, "ticks may have followed");
            final CommandResult order = call(client, new Command().getReservation("order-2"));
            assertTrue(order.isOk());
            final CommandResult cell = call(client, new Command().getStock("SKU-1", "WH1"));
            assertEquals(93, cell.levels().available(0));
            assertEquals(ErrorCode.ORDER_NOT_FOUND, call(client, new Command().getReservation("order-3")).code());
            assertTrue(digest != 0);
            assertEquals(Cluster.Role.LEADER, node.status().role());
        }
    }
}
