package dev.stockhold.benchmarks;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.Reply;
import dev.stockhold.journal.JournalConfig;
import dev.stockhold.journal.JournalService;
import dev.stockhold.journal.RecoveryReport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Cold-start recovery time: journals N commands (default 10 M: lock + deduct pairs over the benchmark
 * workload) through the real pipeline with one snapshot half-way, then times {@link JournalService#open}
 * with that snapshot (half the journal replayed) and without any (the whole journal replayed), several
 * times each. Run: {@code java <flags> -Xmx6g -cp benchmarks/target/benchmarks.jar
 * dev.stockhold.benchmarks.JournalRecoveryBenchmark [commands] [runs] [keep-dir] [--cold]}.
 * <p>
 * By default every recovery runs in this JVM, so all but the first find the code compiled. With
 * {@code --cold} each runs in a fresh JVM (same java, flags and class path), as a restarted server does:
 * the time then includes the JIT's warm-up, though not the JVM's own start.
 * <p>
 * By default the journal goes to a temporary directory deleted at the end. With a {@code keep-dir} the
 * journal is written there once (with the live digest beside it) and kept, and later runs with the same
 * directory only time recovery: about 16 s saved per run when comparing variants.
 */
public final class JournalRecoveryBenchmark
{
    private static final String LIVE_DIGEST_FILE = "live-digest.txt";
    private static final String SNAPSHOTS_ASIDE = "snapshots-aside";
    private static final String COLD = "--cold";
    /** The child process's mode: recover the journal in a directory once, print one report, exit. */
    private static final String RECOVER_ONCE = "--recover-once";
    private static final String REPORT_PREFIX = "report ";
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
        (com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();

    private JournalRecoveryBenchmark()
    {
    }

    public static void main(final String[] rawArgs) throws Exception
    {
        if (rawArgs.length == 3 && RECOVER_ONCE.equals(rawArgs[0]))
        {
            recoverOnce(Path.of(rawArgs[1]), Long.parseUnsignedLong(rawArgs[2], 16));
            return;
        }
        final boolean cold = List.of(rawArgs).contains(COLD);
        final String[] args = Stream.of(rawArgs).filter(arg -> !COLD.equals(arg)).toArray(String[]::new);
        final long commands = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        final int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        final Path keepDir = args.length > 2 ? Path.of(args[2]) : null;
        final Path dir = keepDir != null ? Files.createDirectories(keepDir)
            : Files.createTempDirectory("stockhold-recovery-bench");
        try
        {
            final JournalConfig config = config(dir);
            final long liveDigest = journalOrReuse(config, commands, dir.resolve(LIVE_DIGEST_FILE));
            System.out.println("with the half-way snapshot:");
            final List<Timing> withSnapshot = recoverTimes(config, runs, liveDigest, cold);
            final Path aside = dir.resolve(SNAPSHOTS_ASIDE);
            Files.move(config.snapshotDir(), aside);
            System.out.println("without a snapshot:");
            final List<Timing> fromScratch = recoverTimes(config, runs, liveDigest, cold);
            if (keepDir != null)
            {
                // Recovery recreates an empty snapshot directory: put the half-way snapshot back for the next run.
                deleteTree(config.snapshotDir());
                Files.move(aside, config.snapshotDir());
            }
            System.out.printf("median with snapshot: %d ms (%,d entries replayed, %,.0f entries/s)%n",
                median(withSnapshot).millis(), median(withSnapshot).entriesReplayed(),
                median(withSnapshot).perSecond());
            System.out.printf("median from scratch: %d ms (%,d entries replayed, %,.0f entries/s)%n",
                median(fromScratch).millis(), median(fromScratch).entriesReplayed(),
                median(fromScratch).perSecond());
        }
        finally
        {
            if (keepDir == null)
            {
                deleteTree(dir);
            }
        }
    }

    private static JournalConfig config(final Path dir)
    {
        return JournalConfig.defaults(dir).withSnapshots(0, Duration.ZERO).withRetentionDays(0);
    }

    /**
     * @return the live digest: of the journal already in the kept directory when {@code digestFile} exists
     * there, else of a journal written now (and then recorded in {@code digestFile}).
     */
    private static long journalOrReuse(final JournalConfig config, final long commands, final Path digestFile)
        throws Exception
    {
        if (Files.exists(digestFile))
        {
            final long digest = Long.parseUnsignedLong(Files.readString(digestFile).trim(), 16);
            System.out.printf("reusing the journal in %s (live digest %016x)%n", config.dataDir(), digest);
            final Path aside = config.dataDir().resolve(SNAPSHOTS_ASIDE);
            if (Files.exists(aside))
            {
                // A run interrupted while the snapshot was set aside.
                if (Files.exists(config.snapshotDir()))
                {
                    deleteTree(config.snapshotDir());
                }
                Files.move(aside, config.snapshotDir());
            }
            return digest;
        }
        final long digest = journal(config, commands);
        Files.writeString(digestFile, Long.toHexString(digest));
        return digest;
    }

    private static long journal(final JournalConfig config, final long commands) throws Exception
    {
        final JournalService journal = JournalService.open(config, Workload.ledgerConfig());
        final boolean[] tookOne = {false};
        final EnginePipeline pipeline = EnginePipeline.builder().ledger(journal.ledger())
            .firstSequence(journal.nextSequence()).journaler(journal.journaler())
            .responder((command, endOfBatch) ->
            {
                if (command.replyTo instanceof Reply)
                {
                    ((Reply)command.replyTo).complete(command, endOfBatch);
                }
            })
            .snapshots((buffer, length, covered, pause) ->
            {
                // Only the half-way snapshot: the final one would leave nothing to replay.
                if (!tookOne[0])
                {
                    tookOne[0] = true;
                    journal.snapshotSink().onSnapshot(buffer, length, covered, pause);
                }
            }, 0)
            .ringSize(1 << 14).build().start();
        final Workload workload = new Workload(7, "r-");
        seedThroughPipeline(workload, pipeline);
        final long seedBytes = awaitJournaled(journal, pipeline);
        final Command command = new Command();
        final long startNanos = System.nanoTime();
        for (long i = 0; i < commands / 2; i++)
        {
            if (i == commands / 4)
            {
                publish(pipeline, command.snapshot());
            }
            publish(pipeline, workload.lock(command, i));
            publish(pipeline, command.settle(CommandType.DEDUCT, workload.orderId(i)));
        }
        final long digest = digest(pipeline);
        final double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("journaled %,d commands in %.1f s (%,.0f commands/s), %.1f bytes/entry + 4 framing;"
            + " snapshot pause %.2f ms (of which copy %.2f ms)%n", commands, seconds, commands / seconds,
            (double)(journal.journalBytesWritten() - seedBytes) / commands, journal.lastSnapshotPauseNanos() / 1e6,
            journal.lastSnapshotCopyNanos() / 1e6);
        pipeline.close();
        journal.close();
        return digest;
    }

    /** @return the journal's byte count once everything published so far is journaled. */
    private static long awaitJournaled(final JournalService journal, final EnginePipeline pipeline)
    {
        final long last = pipeline.nextSequence() - 1;
        while (journal.lastJournaledSequence() < last)
        {
            Thread.onSpinWait();
        }
        return journal.journalBytesWritten();
    }

    /** What one recovery took: its wall time and the entries it replayed. */
    private record Timing(long millis, long entriesReplayed)
    {
        double perSecond()
        {
            return entriesReplayed * 1000.0 / Math.max(1, millis);
        }
    }

    private static List<Timing> recoverTimes(final JournalConfig config, final int runs, final long liveDigest,
        final boolean cold) throws IOException, InterruptedException
    {
        final List<Timing> timings = new ArrayList<>();
        for (int run = 0; run < runs; run++)
        {
            timings.add(cold ? recoverInFreshJvm(config.dataDir(), liveDigest) : recoverAndPrint(config, liveDigest));
        }
        return timings;
    }

    private static Timing recoverAndPrint(final JournalConfig config, final long liveDigest)
    {
        System.gc();
        final long cpuStartNanos = PROCESS.getProcessCpuTime();
        try (JournalService recovered = JournalService.open(config, Workload.ledgerConfig()))
        {
            final long cpuMillis = (PROCESS.getProcessCpuTime() - cpuStartNanos) / 1_000_000;
            final RecoveryReport report = recovered.recovery();
            // CPU time (all threads, GC and JIT included) varies less than wall time on a shared machine.
            System.out.printf("  %d ms, %,d entries replayed, %,.0f entries/s, digest %s; snapshot load %d ms;"
                + " CPU: process %d ms, applying %d ms, reading ahead %d ms%n",
                report.millis(), report.entriesReplayed(), report.entriesPerSecond(),
                report.digest() == liveDigest ? "= live" : "DIFFERS FROM LIVE", report.snapshotMillis(), cpuMillis,
                report.applyCpuMillis(), report.readAheadCpuMillis());
            return new Timing(report.millis(), report.entriesReplayed());
        }
    }

    /** The child's side of {@code --cold}: one recovery, its line, then a line the parent parses. */
    private static void recoverOnce(final Path dir, final long liveDigest)
    {
        final Timing timing = recoverAndPrint(config(dir), liveDigest);
        System.out.printf("%s%d %d %d%n", REPORT_PREFIX, timing.millis(), timing.entriesReplayed(),
            ManagementFactory.getRuntimeMXBean().getUptime());
    }

    /** Runs {@link #recoverOnce} in a new JVM with this one's java, flags and class path. */
    private static Timing recoverInFreshJvm(final Path dir, final long liveDigest)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), JournalRecoveryBenchmark.class.getName(),
            RECOVER_ONCE, dir.toString(), Long.toHexString(liveDigest)));
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String reportLine = null;
        try (BufferedReader lines =
            new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)))
        {
            for (String line = lines.readLine(); line != null; line = lines.readLine())
            {
                if (line.startsWith(REPORT_PREFIX))
                {
                    reportLine = line.substring(REPORT_PREFIX.length());
                }
                else
                {
                    System.out.println(line);
                }
            }
        }
        if (child.waitFor() != 0 || reportLine == null)
        {
            throw new IllegalStateException("the recovery process failed (exit " + child.exitValue() + ")");
        }
        final String[] fields = reportLine.split(" ");
        System.out.printf("    (fresh JVM: %s ms from its start to recovered)%n", fields[2]);
        return new Timing(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
    }

    private static Timing median(final List<Timing> timings)
    {
        final List<Timing> sorted = new ArrayList<>(timings);
        sorted.sort(Comparator.comparingLong(Timing::millis));
        return sorted.get(sorted.size() / 2);
    }

    /** Publishes the workload's stock counts through the ring, so the journal holds them too. */
    static void seedThroughPipeline(final Workload workload, final EnginePipeline pipeline)
    {
        final Command command = new Command();
        for (int s = 0; s < Workload.SKUS; s += 2_000)
        {
            command.setStock();
            for (int sku = s; sku < Math.min(Workload.SKUS, s + 2_000); sku++)
            {
                for (int w = 0; w < Workload.WAREHOUSES; w++)
                {
                    command.items.add(workload.skus[sku], workload.warehouses[w], 1_000_000_000L, 0, 0, Command.ABSENT);
                }
            }
            publish(pipeline, command);
        }
    }

    private static void publish(final EnginePipeline pipeline, final Command command)
    {
        while (!pipeline.tryPublish(command))
        {
            Thread.onSpinWait();
        }
    }

    private static long digest(final EnginePipeline pipeline) throws InterruptedException, ExecutionException
    {
        final CompletableFuture<Long> digest = new CompletableFuture<>();
        final Command read = new Command().getDigest();
        read.replyTo = (Reply)(command, endOfBatch) -> digest.complete(command.result.digest());
        publish(pipeline, read);
        return digest.get();
    }

    /** Deletes a directory tree. */
    static void deleteTree(final Path dir) throws IOException
    {
        final List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir))
        {
            walk.forEach(paths::add);
        }
        Collections.reverse(paths);
        for (final Path path : paths)
        {
            Files.deleteIfExists(path);
        }
    }
}
