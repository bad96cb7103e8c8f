package dev.stockhold.benchmarks;

import com.lmax.disruptor.EventTranslatorOneArg;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.ThreadLayout;
import dev.stockhold.engine.pipeline.WaitPreset;
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
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Commands through the ring into the ledger and out through a responder, without the journal: one
 * producer thread, and four. Each invocation publishes a lock and the deduct of the same order
 * (two commands) straight into ring slots. The score is commands accepted per second; at the end of an
 * iteration at most one ring (16,384 commands by default) is still in flight, under 1% of an iteration's
 * count.
 * <p>
 * The producers model a gateway: when the ring is full, {@code tryPublish} refuses and the gateway
 * answers "overloaded" and goes on with other work, so a producer here parks for
 * {@link #FULL_RING_PARK_NANOS} before it tries again. A producer that spins on a full ring instead takes
 * a core the ledger needs: on two cores that halved the score. The producers share one workload (each
 * takes every n-th order), so four producers drive the ledger over the same cells and order ids as one.
 * Each trial first sends {@link #WARM_UP_PAIRS} pairs through the engine and waits for them to be
 * answered, so the stage threads' code is compiled before JMH's own warm-up iterations start, then runs a
 * full GC: the ring's slots are then in the old generation, as in a server that has run for a while.
 * Without it nothing here allocates, the slots stay young for the whole run and G1's write barrier never
 * takes its slow path: with them old, G1's barrier and its refinement threads cost this pipeline more than
 * half its throughput on two cores (the journaled benchmark's setup always ran a GC, which is most of why
 * it scored a third of this one). docs/BENCHMARKS.md has the same runs under ZGC, Shenandoah and Parallel GC
 * ({@code -jvmArgsPrepend -XX:+UseZGC}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "-Xms2g", "-Xmx2g"})
public class PipelineBenchmark
{
    /**
     * How long a producer waits after the ring refused a command: far less than the ring takes to drain
     * (16,384 commands at even 3 M/s is 5 ms), so the ledger never runs dry.
     */
    static final long FULL_RING_PARK_NANOS = 500_000;
    /** Lock + deduct pairs sent before measuring: on two shared cores the JIT needs seconds to finish. */
    static final long WARM_UP_PAIRS = 1_000_000;

    /** The engine under test, shared by the producer threads. */
    @State(Scope.Benchmark)
    public static class Engine
    {
        @Param({"LOW_LATENCY", "BALANCED", "LOW_CPU"})
        public WaitPreset waitPreset;

        /** How the stages map onto threads ({@link ThreadLayout}). */
        @Param({"STAGED", "SINGLE"})
        public ThreadLayout layout;

        /**
         * Slots in the ring. With the ring full, as here, the ledger reads each slot a whole ring after the
         * producer wrote it: 16,384 slots of about 1 KB stay in the 32 MB L3 cache, 65,536 do not.
         */
        @Param({"16384"})
        public int ringSize;

        EnginePipeline pipeline;
        final Workload workload = new Workload(7, "p-");
        final AtomicInteger producers = new AtomicInteger();

        @Setup(Level.Trial)
        public void start()
        {
            final Ledger ledger = new Ledger(Workload.ledgerConfig());
            new Workload(42, "seed-").seed(ledger);
            pipeline = EnginePipeline.builder()
                .ledger(ledger)
                .responder((command, endOfBatch) ->
                {
                })
                .ringSize(ringSize)
                .waitPreset(waitPreset)
                .layout(layout)
                .build()
                .start();
            final Producer warmUp = new Producer();
            warmUp.workload = workload;
            warmUp.step = 1;
            while (warmUp.order < WARM_UP_PAIRS)
            {
                lockThenDeduct(pipeline, warmUp);
            }
            while (pipeline.occupancy() > 0)
            {
                LockSupport.parkNanos(FULL_RING_PARK_NANOS);
            }
            settleHeap();
        }

        @TearDown(Level.Trial)
        public void stop()
        {
            pipeline.close();
        }
    }

    /**
     * One producer's orders: producer k of n takes orders w + k, w + k + n, ... of the shared workload (w is
 * {@link #WARM_UP_PAIRS}), so
     * producers never collide and together touch the same order ids as one producer would.
     */
    @State(Scope.Thread)
    public static class Producer
    {
        Workload workload;
        long order;
        long step;

        @Setup(Level.Trial)
        public void setUp(final Engine engine, final BenchmarkParams params)
        {
            workload = engine.workload;
            order = WARM_UP_PAIRS + engine.producers.getAndIncrement();
            step = params.getThreads();
        }
    }

    /** Promotes everything set up so far, the ring's slots included, to the old generation. */
    static void settleHeap()
    {
        System.gc();
        System.gc();
    }

    private static final EventTranslatorOneArg<Command, Producer> LOCK =
        (slot, sequence, producer) -> producer.workload.lock(slot, producer.order);

    private static final EventTranslatorOneArg<Command, Producer> DEDUCT =
        (slot, sequence, producer) -> slot.settle(CommandType.DEDUCT, producer.workload.orderId(producer.order));

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(2)
    public void oneProducer(final Engine engine, final Producer producer)
    {
        lockThenDeduct(engine.pipeline, producer);
    }

    @Benchmark
    @Threads(4)
    @OperationsPerInvocation(2)
    public void fourProducers(final Engine engine, final Producer producer)
    {
        lockThenDeduct(engine.pipeline, producer);
    }

    private static void lockThenDeduct(final EnginePipeline pipeline, final Producer producer)
    {
        while (!pipeline.tryPublish(LOCK, producer))
        {
            LockSupport.parkNanos(FULL_RING_PARK_NANOS);
        }
        while (!pipeline.tryPublish(DEDUCT, producer))
        {
            LockSupport.parkNanos(FULL_RING_PARK_NANOS);
        }
        producer.order += producer.step;
    }
}
