package dev.stockhold.benchmarks;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.Sequence;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.ThreadLayout;
import dev.stockhold.engine.pipeline.WaitPreset;
import dev.stockhold.journal.Durability;
import dev.stockhold.journal.JournalConfig;
import dev.stockhold.journal.JournalService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Commands through the ring with the journal (Chronicle Queue on disk, in a temporary directory) in
 * parallel with the ledger, the responder after both, as the server runs. {@code throughput}: one
 * producer publishing lock + deduct pairs as fast as the ring takes them, in commands per second.
 * {@code commitLatency}: one command pair in flight, timed from publish until the responder has released
 * the deduct, i.e. journaled (and in FSYNC mode forced to disk) and applied: JMH's sample mode gives the
 * percentiles.
 * <p>
 * As in {@link PipelineBenchmark}, a producer refused by a full ring parks before it tries again, as a
 * gateway answers "overloaded" and goes on: four engine threads (producer, journaler, ledger, responder)
 * share two cores, and a producer spinning on a full ring took the CPU the ledger and journaler needed.
 * The responder publishes how far it got once per batch, in a padded sequence of its own, so the
 * throughput run does not pay a shared cache line per command for the latency run's bookkeeping. Each
 * trial first journals {@link PipelineBenchmark#WARM_UP_PAIRS} pairs, so the stage threads' code is
 * compiled before JMH's warm-up iterations start, and then runs a full GC, as {@link PipelineBenchmark}
 * does, so that both measure ring slots in the old generation.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true",
    "-Dchronicle.disk.monitor.disable=true",
    "-Dstockhold.log.level=warn",
    "-Xms2g",
    "-Xmx2g"})
public class JournaledPipelineBenchmark
{
    private static final int RING_SIZE = 1 << 14;

    @Param({"MMAP", "FSYNC"})
    public Durability durability;

    @Param({"BALANCED"})
    public WaitPreset waitPreset;

    /** How the stages map onto threads ({@link ThreadLayout}). */
    @Param({"STAGED", "SINGLE"})
    public ThreadLayout layout;

    private Path dir;
    private JournalService journal;
    private EnginePipeline pipeline;
    private Workload workload;
    private long order;
    private long firstSequence;
    private long lastRingSequence;
    private final Sequence answered = new Sequence(0);
    private long seedBytes;
    private long seedSequence;

    private static final EventTranslatorOneArg<Command, JournaledPipelineBenchmark> LOCK =
        (slot, sequence, bench) -> bench.workload.lock(slot, bench.order);

    private static final EventTranslatorOneArg<Command, JournaledPipelineBenchmark> DEDUCT = (slot, sequence, bench) ->
    {
        slot.settle(CommandType.DEDUCT, bench.workload.orderId(bench.order));
        bench.lastRingSequence = sequence;
    };

    @Setup(Level.Trial)
    public void start() throws IOException
    {
        dir = Files.createTempDirectory("stockhold-journal-bench");
        final JournalConfig config = JournalConfig.defaults(dir).withDurability(durability)
            .withSnapshots(0, Duration.ZERO).withRetentionDays(0);
        journal = JournalService.open(config, Workload.ledgerConfig());
        firstSequence = journal.nextSequence();
        pipeline = EnginePipeline.builder()
            .ledger(journal.ledger())
            .firstSequence(firstSequence)
            .journaler(journal.journaler())
            .responder((command, endOfBatch) ->
            {
                if (endOfBatch)
                {
                    answered.set(command.sequence);
                }
            })
            .ringSize(RING_SIZE)
            .waitPreset(waitPreset)
            .layout(layout)
            .build()
            .start();
        workload = new Workload(7, "j-");
        JournalRecoveryBenchmark.seedThroughPipeline(workload, pipeline);
        final long seeded = pipeline.nextSequence() - 1;
        while (journal.lastJournaledSequence() < seeded)
        {
            Thread.onSpinWait();
        }
        for (long pair = 0; pair < PipelineBenchmark.WARM_UP_PAIRS; pair++)
        {
            publishPair();
        }
        final long warmedUp = pipeline.nextSequence() - 1;
        while (answered.get() < warmedUp)
        {
            LockSupport.parkNanos(PipelineBenchmark.FULL_RING_PARK_NANOS);
        }
        PipelineBenchmark.settleHeap();
        seedBytes = journal.journalBytesWritten();
        seedSequence = warmedUp;
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException
    {
        pipeline.close();
        journal.close();
        final long bytes = journal.journalBytesWritten() - seedBytes;
        System.out.printf("%njournal: %,d bytes of lock and deduct entries, %.1f bytes per command"
            + " (+4 bytes Chronicle header)%n", bytes, (double)bytes / Math.max(1, journal.lastJournaledSequence()
            - seedSequence));
        JournalRecoveryBenchmark.deleteTree(dir);
    }

    /** Commands per second through ring, journal and ledger, one producer. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    @OperationsPerInvocation(2)
    public void throughput()
    {
        publishPair();
    }

    /** Publish-to-release time of a lock + deduct pair with nothing else in flight. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public void commitLatency()
    {
        publishPair();
        final long target = firstSequence + lastRingSequence;
        while (answered.get() < target)
        {
            Thread.onSpinWait();
        }
    }

    private void publishPair()
    {
        while (!pipeline.tryPublish(LOCK, this))
        {
            LockSupport.parkNanos(PipelineBenchmark.FULL_RING_PARK_NANOS);
        }
        while (!pipeline.tryPublish(DEDUCT, this))
        {
            LockSupport.parkNanos(PipelineBenchmark.FULL_RING_PARK_NANOS);
        }
        order++;
    }
}
