package dev.stockhold.gateway.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop latency driver: sends lock requests at a fixed rate over a few keep-alive connections
 * (pipelined, so a slow answer never delays the next send) and records each answer's latency from the
 * time it was scheduled to be sent, which corrects for coordinated omission. Not a unit test.
 * <p>
 * Two threads drive every connection, like wrk2: a sender that sleeps until each request is due and a
 * receiver on a selector. The server under test shares this machine's two cores, and the earlier driver,
 * a thread per connection and direction, took about as much CPU as the server.
 * <p>
 * {@code java -cp … dev.stockhold.gateway.bench.OpenLoopLockDriver [port] [ratePerSecond] [seconds] [connections]
 * [warmUpSeconds] [timeline]}: the first {@code warmUpSeconds} (default 10) run at the same rate unmeasured, so
 * that this JVM's own compiler is done before the measured {@code seconds} begin: a trace showed the driver's C2
 * thread holding a core for 4 ms while the server's threads queued behind it. Sending allocates nothing, so the
 * driver's collector stays out of the measured run too. With {@code timeline}, it also prints the slowest answer of
 * each 100 ms of the measured run that took over 1 ms, to match the tail against what the server did then.
 * <p>
 * Beside the corrected latency it reports how late the sender put each request on the wire (this driver's own
 * delay: its thread was not running when the request fell due) and the service time, from the request's
 * actual send to its answer. The corrected latency is at most about their sum.
 */
public final class OpenLoopLockDriver
{
    private OpenLoopLockDriver()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        final int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        final int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        final int connectionCount = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        final boolean timeline = Arrays.asList(args).contains("timeline");
        final int warmUpSeconds = args.length > 4 && !"timeline".equals(args[4]) ? Integer.parseInt(args[4]) : 10;
        final long warmup = (long)rate * warmUpSeconds;
        final long total = warmup + (long)rate * seconds;
        final long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        // Each answer's three times go into arrays, and the histograms are built after the run: the
        // receiver runs no code that changes behaviour when measuring starts. Recording into a second
        // histogram from then on made the JIT throw away the receiver loop (an untaken branch in
        // HdrHistogram's min/max update), and recompiling it held a core in the measured first second.
        final long[] scheduledAt = new long[Math.toIntExact(total)];
        final long[] sentAt = new long[scheduledAt.length];
        final long[] answeredAt = new long[scheduledAt.length];
        final long runId = System.nanoTime();
        final String cpu;
        // The connections open within the 200 ms before the first send is due.
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        final long measuredStart = start + TimeUnit.SECONDS.toNanos(warmUpSeconds);
        final long measuredStartWallMillis = System.currentTimeMillis() + (measuredStart - System.nanoTime()) / 1_000_000;
        try (Selector selector = Selector.open())
        {
            final Connection[] connections = new Connection[connectionCount];
            for (int c = 0; c < connectionCount; c++)
            {
                final SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                connections[c] = new Connection(channel, total / connectionCount + 1, runId);
                channel.register(selector, SelectionKey.OP_READ, connections[c]);
            }
            final byte[][] measuredFrom = new byte[1][];
            final Thread cpuMark = new Thread(() ->
            {
                // Reads the counters when measuring starts and parses them after the run (MachineCpu.read);
                // this first read loads the classes the reading needs before then.
                MachineCpu.read();
                LockSupport.parkNanos(measuredStart - System.nanoTime());
                measuredFrom[0] = MachineCpu.read();
            }, "cpu-mark");
            cpuMark.start();
            final Thread sender = new Thread(() -> send(connections, start, intervalNanos, total), "sender");
            sender.start();
            int received = 0;
            while (received < total)
            {
                selector.select(100);
                for (final SelectionKey key : selector.selectedKeys())
                {
                    final Connection connection = (Connection)key.attachment();
                    connection.fill();
                    // After the read: what it returned was all in by now.
                    final long now = System.nanoTime();
                    long scheduled;
                    while ((scheduled = connection.nextAnswer()) >= 0)
                    {
                        scheduledAt[received] = scheduled;
                        sentAt[received] = connection.sentAt.get(connection.nextAnswered - 1);
                        answeredAt[received++] = now;
                    }
                }
                selector.selectedKeys().clear();
            }
            sender.join();
            cpuMark.join();
            cpu = MachineCpu.since(MachineCpu.parse(measuredFrom[0]));
            for (final Connection connection : connections)
            {
                connection.channel.close();
            }
        }
        final Histogram latency = newHistogram();
        final Histogram sendDelay = newHistogram();
        final Histogram service = newHistogram();
        final long[] slowestPerWindow = new long[seconds * 10 + 1];
        for (int i = (int)warmup; i < scheduledAt.length; i++)
        {
            final long nanos = answeredAt[i] - scheduledAt[i];
            record(latency, nanos);
            record(sendDelay, sentAt[i] - scheduledAt[i]);
            record(service, answeredAt[i] - sentAt[i]);
            final int window = (int)Math.min(slowestPerWindow.length - 1,
                Math.max(0, (scheduledAt[i] - measuredStart) / TimeUnit.MILLISECONDS.toNanos(100)));
            slowestPerWindow[window] = Math.max(slowestPerWindow[window], nanos);
        }
        System.out.printf("rate=%d/s seconds=%d connections=%d measured=%d%n", rate, seconds, connectionCount,
            latency.getTotalCount());
        printPercentiles("", latency);
        printPercentiles("send delay: ", sendDelay);
        printPercentiles("service:    ", service);
        System.out.println("machine CPU while measured: " + cpu);
        if (timeline)
        {
            printTimeline(slowestPerWindow, measuredStartWallMillis);
        }
    }

    private static Histogram newHistogram()
    {
        return new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    }

    private static void record(final Histogram histogram, final long nanos)
    {
        histogram.recordValue(Math.min(Math.max(0, nanos), histogram.getHighestTrackableValue()));
    }

    private static void printPercentiles(final String label, final Histogram histogram)
    {
        System.out.printf("%sp50=%.1fus p90=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus%n", label,
            histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
            histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
            histogram.getMaxValue() / 1e3);
    }

    /** The windows' wall-clock times (UTC) match them against the server's logs. */
    private static void printTimeline(final long[] slowestPerWindow, final long measuredStartWallMillis)
    {
        for (int window = 0; window < slowestPerWindow.length; window++)
        {
            if (slowestPerWindow[window] > TimeUnit.MILLISECONDS.toNanos(1))
            {
                System.out.printf("t=%.1fs (%s) slowest=%.2fms%n", window / 10.0,
                    Instant.ofEpochMilli(measuredStartWallMillis + window * 100L), slowestPerWindow[window] / 1e6);
            }
        }
    }

    private static void send(final Connection[] connections, final long start, final long intervalNanos,
        final long total)
    {
        try
        {
            for (long sent = 0; sent < total; sent++)
            {
                final long due = start + sent * intervalNanos;
                long early;
                while ((early = due - System.nanoTime()) > 0)
                {
                    // The timer's slack makes a send late, never early, and latency is measured from `due`,
                    // so the slack counts against the server, not for it.
                    LockSupport.parkNanos(early);
                }
                connections[(int)(sent % connections.length)].send(due, sent);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** One keep-alive connection: requests go out in order, answers come back in the same order. */
    private static final class Connection
    {
        private static final int ORDER_DIGITS = 10;
        final SocketChannel channel;
        /** Written by the sender before each request goes out, read by the receiver when its answer is in. */
        final AtomicLongArray scheduled;
        /** When the sender began writing each request: set by the sender, read by the receiver. */
        final AtomicLongArray sentAt;
        final ByteBuffer in = ByteBuffer.allocate(1 << 16);
        /** One lock request, rewritten in place for each order. */
        private final ByteBuffer request;
        /** Where the order id's fixed-width number ends in {@link #request}. */
        private final int orderDigitsEnd;
        int nextSent;
        int nextAnswered;

        Connection(final SocketChannel channel, final long capacity, final long runId)
        {
            this.channel = channel;
            this.scheduled = new AtomicLongArray((int)capacity);
            this.sentAt = new AtomicLongArray((int)capacity);
            final String body = "{\"orderId\":\"L" + runId + "-" + "0".repeat(ORDER_DIGITS)
                + "\",\"lines\":[{\"sku\":\"BENCH\",\"warehouse\":\"W1\",\"quantity\":1}]}";
            final String request = "POST /v1/reservations HTTP/1.1\r\nHost: b\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
            this.request = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            this.orderDigitsEnd = request.indexOf("\",\"lines\"");
        }

        /** Sends the lock of order {@code number}: its digits go into the request template, nothing is allocated. */
        void send(final long due, final long number) throws IOException
        {
            final int index = nextSent++;
            scheduled.set(index, due);
            long digits = number;
            for (int at = orderDigitsEnd - 1; at >= orderDigitsEnd - ORDER_DIGITS; at--)
            {
                request.put(at, (byte)('0' + digits % 10));
                digits /= 10;
            }
            request.clear();
            // Stamped before the write: the answer can be read before the sender runs again.
            sentAt.set(index, System.nanoTime());
            while (request.hasRemaining())
            {
                // Loopback with a few KB in flight: the socket buffer does not fill; spin if it ever does.
                channel.write(request);
            }
        }

        /** Reads what has arrived; the buffer is then ready for {@link #nextAnswer}. */
        void fill() throws IOException
        {
            if (channel.read(in) < 0)
            {
                throw new IOException("server closed the connection");
            }
            in.flip();
        }

        /** @return the scheduled time of the next complete answer, or -1 (buffer compacted) when none is. */
        long nextAnswer()
        {
            final int length = completeAnswerLength(in);
            if (length < 0)
            {
                in.compact();
                return -1;
            }
            in.position(in.position() + length);
            return scheduled.get(nextAnswered++);
        }

        /** @return the length of the complete 2xx answer at the buffer's position, or -1 if incomplete. */
        private static int completeAnswerLength(final ByteBuffer buffer)
        {
            final int start = buffer.position();
            final int limit = buffer.limit();
            for (int i = start; i + 3 < limit; i++)
            {
                if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n' && buffer.get(i + 2) == '\r'
                    && buffer.get(i + 3) == '\n')
                {
                    final String head = StandardCharsets.US_ASCII.decode(buffer.slice(start, i - start)).toString();
                    if (!head.startsWith("HTTP/1.1 2"))
                    {
                        throw new IllegalStateException("not a 2xx answer: " + head.lines().findFirst().orElse(""));
                    }
                    final int bodyLength = contentLength(head);
                    final int total = i + 4 - start + bodyLength;
                    return limit - start >= total ? total : -1;
                }
            }
            return -1;
        }

        private static int contentLength(final String head)
        {
            for (final String line : head.split("\r\n"))
            {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15))
                {
                    return Integer.parseInt(line.substring(15).trim());
                }
            }
            return 0;
        }
    }
}
