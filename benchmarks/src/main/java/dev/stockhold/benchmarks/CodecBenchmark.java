package dev.stockhold.benchmarks;

import dev.stockhold.client.ReplyDecoder;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ReservationState;
import dev.stockhold.gateway.binary.CommandEncoder;
import dev.stockhold.gateway.binary.ReplyEncoder;
import dev.stockhold.gateway.binary.RequestDecoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * SBE encode and decode of the binary protocol's hottest messages: a 2-line lock request (client encode,
 * server decode into a ring command) and its reservation answer (server encode, client decode).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar CodecBenchmark}. The fork flags are the root
 * pom's {@code stockhold.jvm.flags}, written out because JMH forks ignore the jar's manifest and an
 * annotation value cannot name an array constant.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
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
    "-Xms2g",
    "-Xmx2g",
})
@State(Scope.Thread)
public class CodecBenchmark
{
    private final CommandEncoder requestEncoder = new CommandEncoder();
    private final RequestDecoder requestDecoder = new RequestDecoder();
    private final ReplyEncoder replyEncoder = new ReplyEncoder();
    private final ReplyDecoder replyDecoder = new ReplyDecoder();
    private final ExpandableArrayBuffer requestBuffer = new ExpandableArrayBuffer(512);
    private final Command lock = new Command();
    private final Command decoded = new Command();
    private final Command answered = new Command();
    private UnsafeBuffer encodedRequest;
    private int encodedRequestLength;
    private UnsafeBuffer encodedReply;

    @Setup
    public void setUp()
    {
        lock.lock("AE-8812", "aliexpress", 900, false, false);
        lock.lines.add("A1", "CN-SZ", 2).add("B7", null, 1);
        lock.correlationId = 42;
        encodedRequestLength = requestEncoder.encode(lock, requestBuffer, 0);
        encodedRequest = new UnsafeBuffer(new byte[encodedRequestLength]);
        encodedRequest.putBytes(0, requestBuffer, 0, encodedRequestLength);

        answered.copyFrom(lock);
        answered.sequence = 1234;
        answered.result.sequence(1234);
        answered.result.reservation().set("AE-8812", "aliexpress", ReservationState.LOCKED, 1_763_884_800_000L,
            1_763_885_700_000L);
        answered.result.reservation().addLine("A1", "CN-SZ", 2, false, 0, 0, 0);
        answered.result.reservation().addLine("B7", "CN-SZ", 1, false, 0, 0, 0);
        final int replyLength = replyEncoder.encodeResult(answered);
        encodedReply = new UnsafeBuffer(new byte[replyLength]);
        encodedReply.putBytes(0, replyEncoder.buffer(), 0, replyLength);
        if (answered.type != CommandType.LOCK)
        {
            throw new IllegalStateException("fixture is not a lock");
        }
    }

    /** Client side: a 2-line lock (an engine command, as the load harness sends it) into an SBE message. */
    @Benchmark
    public int encodeLock()
    {
        return requestEncoder.encode(lock, requestBuffer, 0);
    }

    /** Server side: an SBE lock, validated, into a ring command (allocates the code Strings). */
    @Benchmark
    public int decodeLock()
    {
        return requestDecoder.decode(encodedRequest, 0, encodedRequestLength, decoded) + decoded.lines.count();
    }

    /** Server side, on the responder thread: a 2-line reservation result into an SBE message. */
    @Benchmark
    public int encodeReservationResult()
    {
        return replyEncoder.encodeResult(answered);
    }

    /** Client side: the answer's correlation id and outcome, without allocating (the raw listener path). */
    @Benchmark
    public long scanReservationResult()
    {
        replyDecoder.scan(encodedReply, 0);
        return replyDecoder.correlationId() + replyDecoder.end();
    }

    /** Client side: the answer into immutable result objects (the futures path). */
    @Benchmark
    public Object decodeReservationResult()
    {
        return replyDecoder.decode(encodedReply, 0);
    }
}
