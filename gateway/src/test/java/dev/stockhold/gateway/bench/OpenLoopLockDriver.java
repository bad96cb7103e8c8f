package dev.stockhold.gateway.bench;

import org.HdrHistogram.Histogram;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop latency driver: sends lock requests at a fixed rate over a few keep-alive connections
 * (pipelined, so a slow answer never delays the next send) and records each answer's latency from the
 * time it was scheduled to be sent, which corrects for coordinated omission. Not a unit test.
 * <p>
 * {@code java -cp … dev.stockhold.gateway.bench.OpenLoopLockDriver [port] [ratePerSecond] [seconds] [connections]}
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
        final int connections = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final Thread[] threads = new Thread[connections * 2];
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        final long intervalNanos = TimeUnit.SECONDS.toNanos(1) * connections / rate;
        final int perConnection = rate * seconds / connections;
        final long warmupCount = perConnection / 5;
        for (int c = 0; c < connections; c++)
        {
            final Socket socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            final AtomicLongArray scheduled = new AtomicLongArray(perConnection);
            final int connection = c;
            threads[2 * c] = new Thread(() -> send(socket, connection, scheduled, start + connection * intervalNanos
                / connections, intervalNanos, perConnection));
            threads[2 * c + 1] = new Thread(() -> receive(socket, scheduled, histogram, perConnection, warmupCount));
        }
        for (final Thread thread : threads)
        {
            thread.start();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        System.out.printf("rate=%d/s seconds=%d connections=%d measured=%d%n", rate, seconds, connections,
            histogram.getTotalCount());
        System.out.printf("p50=%.1fus p90=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus%n",
            histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
            histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
            histogram.getMaxValue() / 1e3);
    }

    private static void send(final Socket socket, final int connection, final AtomicLongArray scheduled,
        final long first, final long intervalNanos, final int count)
    {
        try
        {
            final OutputStream out = socket.getOutputStream();
            for (int i = 0; i < count; i++)
            {
                final long due = first + i * intervalNanos;
                final long early = due - System.nanoTime();
                if (early > 0)
                {
                    // One sleep: the timer's slack makes the send late, never early, and the latency is
                    // measured from `due`, so the slack counts against the server, and the driver does not
                    // spend the cores the server needs on wake-ups.
                    LockSupport.parkNanos(early);
                }
                scheduled.set(i, due);
                final String body = "{\"orderId\":\"L" + connection + "-" + i + "-" + first
                    + "\",\"lines\":[{\"sku\":\"BENCH\",\"warehouse\":\"W1\",\"quantity\":1}]}";
                out.write(("POST /v1/reservations HTTP/1.1\r\nHost: b\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static void receive(final Socket socket, final AtomicLongArray scheduled, final Histogram histogram,
        final int count, final long warmupCount)
    {
        try (socket)
        {
            final InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
            for (int i = 0; i < count; i++)
            {
                final int length = readHead(in);
                in.readNBytes(length);
                final long latency = System.nanoTime() - scheduled.get(i);
                if (i >= warmupCount)
                {
                    synchronized (histogram)
                    {
                        histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Reads a response head; @return its Content-Length. */
    private static int readHead(final InputStream in) throws IOException
    {
        final StringBuilder line = new StringBuilder();
        int length = 0;
        boolean ok = false;
        while (true)
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new IOException("closed");
            }
            if (b != '\n')
            {
                if (b != '\r')
                {
                    line.append((char)b);
                }
                continue;
            }
            if (line.length() == 0)
            {
                if (!ok)
                {
                    throw new IOException("not a 2xx answer");
                }
                return length;
            }
            final String text = line.toString();
            if (text.startsWith("HTTP/1.1 2"))
            {
                ok = true;
            }
            if (text.regionMatches(true, 0, "Content-Length:", 0, 15))
            {
                length = Integer.parseInt(text.substring(15).trim());
            }
            line.setLength(0);
        }
    }
}
