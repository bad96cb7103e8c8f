package dev.stockhold.loadtest;

import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.loadtest.replay.CommandSource;
import dev.stockhold.loadtest.replay.JournalSources;
import dev.stockhold.loadtest.replay.Replay;
import dev.stockhold.loadtest.report.Report;
import dev.stockhold.loadtest.targets.Target;
import dev.stockhold.loadtest.targets.Targets;
import dev.stockhold.logging.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code loadtest replay}: re-sends a recorded journal to a fresh server and checks every answer. */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = {"Re-sends a recorded journal's commands to a FRESH server, with their original pacing, N times"
        + " faster or as fast as possible, and checks every answer against the recorded run's (computed by"
        + " applying the journal to a fresh ledger offline) and every cell's final levels. Push outcomes, written by"
        + " the recorded server's pusher, are skipped (reported as internal) unless the target is a replay target.",
        "Exit status: 0 when everything matched, 1 otherwise, 2 for bad arguments."})
final class ReplayCommand implements Callable<Integer>
{
    @Option(names = "--journal", required = true, paramLabel = "DIR",
        description = "The recorded server's data directory (holding journal/), or the journal directory itself.")
    Path journal;

    @Option(names = "--target", required = true, paramLabel = "URL",
        description = "http://HOST:PORT or sbe://HOST:PORT of a fresh server (https:// and sbes:// over TLS).")
    String target;

    @Mixin
    TargetAccessOptions targetAccess = new TargetAccessOptions();

    @Option(names = "--speed", paramLabel = "1x|Nx|max", defaultValue = "1x",
        description = "Pacing: as recorded (1x), N times faster (e.g. 10x), or none (max) (default ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--warehouse-priority", paramLabel = "WH", split = ",",
        description = "The recorded server's warehouse priority, comma-separated (the expected answers need it).")
    List<String> warehousePriority = new ArrayList<>();

    @Option(names = "--replay-target",
        description = "The target was started with `bin/stockhold server --replay-target` (sbe:// only): send the "
            + "recorded engine times, ticks and push outcomes, with every command at its recorded sequence, so the "
            + "state must match exactly, digest included.")
    boolean replayTarget;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default ./results/<timestamp>-replay).")
    Path out;

    @Override
    public Integer call() throws Exception
    {
        final double factor = parseSpeed(speed);
        final Path dir = out != null ? out : Path.of("results",
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-replay");
        final LedgerConfig ledger = LedgerConfig.defaults().withWarehousePriority(warehousePriority);
        try (Target server = Targets.open(target, 1, targetAccess.access()); CommandSource source = JournalSources.open(journal))
        {
            final Report report = new Replay(server, factor, ledger, System.out, replayTarget).run(source);
            report.write(dir);
            System.out.print(report.summary());
            System.out.println("report: " + dir.toAbsolutePath().resolve("report.html"));
            return report.passed() ? 0 : 1;
        }
    }

    /** @return the speed factor; 0 for "max". */
    static double parseSpeed(final String text)
    {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("max"))
        {
            return 0;
        }
        final double factor = Double.parseDouble(value.endsWith("x") ? value.substring(0, value.length() - 1) : value);
        if (factor <= 0)
        {
            throw new IllegalArgumentException("speed must be positive, or max");
        }
        return factor;
    }
}
