package dev.stockhold.benchmarks;

import com.lmax.disruptor.EventTranslatorOneArg;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.pipeline.EnginePipeline;
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

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Commands through the ring into the ledger and out through a responder, without the journal: one
 * producer thread, and four. Each invocation publishes a lock and the deduct of the same order
 * (two commands) straight into ring slots; a full ring is retried, as a gateway would answer
 * "overloaded". The score is commands accepted per second; at the end of an iteration at most one
 * ring (16,384 commands) is still in flight, under 1% of an iteration's count.
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
    private static final int RING_SIZE = 1 << 14;

    /** The engine under test, shared by the producer threads. */
    @State(Scope.Benchmark)
    public static class Engine
    {
        @Param({"LOW_LATENCY", "BALANCED", "LOW_CPU"})
        public WaitPreset waitPreset;

        EnginePipeline pipeline;
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
                .ringSize(RING_SIZE)
                .waitPreset(waitPreset)
                .build()
                .start();
        }

        @TearDown(Level.Trial)
        public void stop()
        {
            pipeline.close();
        }
    }

    /** One producer's orders: its own order-id prefix, so producers never collide. */
    @State(Scope.Thread)
    public static class Producer
    {
        Workload workload;
        long order;

        @Setup(Level.Trial)
        public void setUp(final Engine engine)
        {
            workload = new Workload(7 + engine.producers.get(), "p" + engine.producers.getAndIncrement() + "-");
        }
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
            Thread.onSpinWait();
        }
        while (!pipeline.tryPublish(DEDUCT, producer))
        {
            Thread.onSpinWait();
        }
        producer.order++;
    }
}
