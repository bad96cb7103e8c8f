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
