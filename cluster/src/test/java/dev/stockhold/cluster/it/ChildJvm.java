package dev.stockhold.cluster.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A main class in a child JVM, for tests that crash, kill or cluster real processes: it runs with the test
 * JVM's class path, its module flags and the ledger's full checks. Its whole output is kept in memory, to be
 * waited for and searched, and in a log file (under {@code target/}) for a look after a failure. It is
 * stopped with SIGTERM or killed like {@code kill -9}. The node of a cluster ({@link NodeProcess}) and the
 * gateway's server process are both one of these.
 */
public final class ChildJvm implements AutoCloseable
{
    private static final long STOP_WAIT_SECONDS = 30;

    private final String name;
    private final Process process;
    private final long startNanos = System.nanoTime();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean ended;

    private ChildJvm(final String name, final Process process, final Path logFile) throws IOException
    {
        this.name = name;
        this.process = process;
        Files.createDirectories(logFile.getParent());
        final PrintWriter file = new PrintWriter(Files.newBufferedWriter(logFile), true);
        final BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8));
        final Thread drain = new Thread(() ->
        {
            try (file)
            {
                String line;
                while ((line = out.readLine()) != null)
                {
                    log.add(line);
                    file.println(line);
                }
            }
            catch (final IOException ignored)
            {
                // The process was killed: its output ends.
            }
            ended = true;
        }, "child-log-" + name);
        drain.setDaemon(true);
        drain.start();
    }

    /**
     * Starts {@code mainClass} in a child JVM.
     *
     * @param name       names the process in messages and its log file, {@code target/<logDir>/<name>.log}.
     * @param jvmOptions options after the test JVM's module flags (heap, collector, {@code -D} settings).
     * @param arguments  the main class's arguments.
     */
    public static ChildJvm start(final String name, final String logDir, final List<String> jvmOptions,
        final String mainClass, final List<String> arguments) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access")
                || argument.startsWith("-Dchronicle") || argument.startsWith("--sun-misc")
                || argument.startsWith("-Dstockhold.checks"))
            {
                command.add(argument);
            }
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(arguments);
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ChildJvm(name, process, Path.of("target", logDir, name + ".log"));
    }

    /** @return milliseconds since the process was started. */
    public long millisSinceStart()
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** @return the first log line containing {@code text}, or null. */
    public String line(final String text)
    {
        synchronized (log)
        {
            for (final String line : log)
            {
                if (line.contains(text))
                {
                    return line;
                }
            }
        }
        return null;
    }

    /** @return the last log line that {@code test} accepts, or null. */
    public String lastLine(final Predicate<String> test)
    {
        synchronized (log)
        {
            for (int i = log.size() - 1; i >= 0; i--)
            {
                if (test.test(log.get(i)))
                {
                    return log.get(i);
                }
            }
        }
        return null;
    }

    /** @return every log line containing {@code text}, in order. */
    public List<String> lines(final String text)
    {
        synchronized (log)
        {
            return log.stream().filter(line -> line.contains(text)).toList();
        }
    }

    /**
     * Waits until a log line contains {@code text}; @return it.
     *
     * @throws AssertionError when the process ends first (its output closed) or the time runs out, with the
     *                        log's last lines.
     */
    public String await(final String text, final long timeoutMillis) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        String found;
        while ((found = line(text)) == null)
        {
            if (ended && line(text) == null)
            {
                throw new AssertionError(name + " ended before it logged '" + text + "':\n" + tail(40));
            }
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError(name + " never logged '" + text + "':\n" + tail(40));
            }
            Thread.sleep(20);
        }
        return found;
    }

    /** @return the last {@code lines} lines of the log, for failure messages. */
    public String tail(final int lines)
    {
        synchronized (log)
        {
            return String.join("\n", log.subList(Math.max(0, log.size() - lines), log.size()));
        }
    }

    public boolean isAlive()
    {
        return process.isAlive();
    }

    /** Kills the process like {@code kill -9}; returns once it is gone. */
    public void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Sends SIGTERM without waiting. */
    public void requestStop()
    {
        terminate();
    }

    /**
     * SIGTERM through the process's handle: {@link Process#destroy()} sends it too but also closes the pipes
     * of its output, and what the process logs while it stops would be lost.
     */
    private void terminate()
    {
        process.toHandle().destroy();
    }

    /**
     * @return the exit status, waiting at most {@code seconds}; -1 if it is still running. Once it has exited,
     * waits for its last output lines too, so that {@link #line} sees what it logged on its way out.
     */
    public int awaitExit(final long seconds) throws InterruptedException
    {
        if (!process.waitFor(seconds, TimeUnit.SECONDS))
        {
            return -1;
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!ended && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        return process.exitValue();
    }

    /** Stops it with SIGTERM (an orderly stop), or kills it if it does not stop within 30 s; @return its status. */
    public int stop() throws InterruptedException
    {
        terminate();
        if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS))
        {
            kill();
        }
        return process.exitValue();
    }

    /** Stops the process if it still runs. */
    @Override
    public void close()
    {
        try
        {
            if (process.isAlive())
            {
                stop();
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
