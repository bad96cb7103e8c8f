package dev.stockhold.gateway.server;

import dev.stockhold.engine.pipeline.ThreadLayout;
import dev.stockhold.engine.pipeline.WaitPreset;
import dev.stockhold.journal.SnapshotMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The command line over the config file over the defaults, for the snapshot policy and engine threads. */
class SettingsTest
{
    @TempDir
    Path dir;

    private ServerSettings parse(final String... args) throws Exception
    {
        final var commandLine = StockholdServer.commandLine(Map.of());
        commandLine.parseArgs(args);
        return ((StockholdServer)commandLine.getCommand()).settings();
    }

    @Test
    void defaultsSnapshotEveryMillionCommandsAndTenMinutes() throws Exception
    {
        final ServerSettings settings = parse();
        assertEquals(new SnapshotPolicy(1_000_000, Duration.ofMinutes(10), SnapshotMode.BACKGROUND),
            settings.snapshots());
        assertEquals(ThreadLayout.forThisMachine(), settings.serverThreads().layout());
        assertEquals(WaitPreset.LOW_CPU, settings.serverThreads().waitPreset());
        assertEquals(0, settings.serverThreads().realtimePriority());
    }

    @Test
    void aRealtimePriorityComesFromTheFileOrTheCommandLine() throws Exception
    {
        final Path config = dir.resolve("realtime.properties");
        Files.writeString(config, "engine.realtimePriority=7\n");
        assertEquals(7, parse("--config", config.toString()).serverThreads().realtimePriority());
        assertEquals(0, parse("--config", config.toString(), "--realtime-priority", "0").serverThreads()
            .realtimePriority());
        assertEquals(20, parse("--realtime-priority", "20").serverThreads().scheduling().priority());
    }

    @Test
    void aRealtimePriorityNeedsStagesThatBlockWhileIdle()
    {
        // A spinning stage at real-time priority would keep a core from every other thread.
        assertThrows(ConfigException.class, () -> parse("--realtime-priority", "10", "--wait-preset", "balanced"));
        assertThrows(ParameterException.class, () -> parse("--realtime-priority", "100"));
        assertThrows(ParameterException.class, () -> parse("--realtime-priority", "-1"));
        // Told like a bad option (exit code 2), before anything starts.
        assertEquals(2, StockholdServer.commandLine(Map.of()).execute("--realtime-priority", "10", "--wait-preset",
            "low_latency"));
    }

    @Test
    void theConfigFileSetsThemAndTheCommandLineWins() throws Exception
    {
        final Path config = dir.resolve("stockhold.properties");
        Files.writeString(config, "snapshot.everyCommands=5000\nsnapshot.intervalSeconds=30\nsnapshot.mode=inline\n"
            + "engine.layout=staged\nengine.waitPreset=balanced\n");
        final ServerSettings fromFile = parse("--config", config.toString());
        assertEquals(new SnapshotPolicy(5000, Duration.ofSeconds(30), SnapshotMode.INLINE), fromFile.snapshots());
        assertEquals(new ServerThreads(ThreadLayout.STAGED, WaitPreset.BALANCED), fromFile.serverThreads());

        final ServerSettings overridden = parse("--config", config.toString(), "--snapshot-every", "0",
            "--snapshot-interval", "5", "--snapshot-mode", "background", "--thread-layout", "single", "--wait-preset",
            "low_latency");
        assertEquals(new SnapshotPolicy(0, Duration.ofSeconds(5), SnapshotMode.BACKGROUND), overridden.snapshots());
        assertEquals(new ServerThreads(ThreadLayout.SINGLE, WaitPreset.LOW_LATENCY), overridden.serverThreads());
    }

    @Test
    void badValuesAreRefused() throws Exception
    {
        final Path config = dir.resolve("bad.properties");
        Files.writeString(config, "engine.layout=sideways\n");
        assertThrows(ParameterException.class, () -> parse("--config", config.toString()));
        assertThrows(IllegalArgumentException.class, () -> new SnapshotPolicy(-1, Duration.ZERO, SnapshotMode.INLINE));
        assertEquals(2, StockholdServer.commandLine(Map.of()).execute("--thread-layout", "sideways"));
    }
}
