package dev.stockhold.gateway.server;

import dev.stockhold.engine.pipeline.EngineFailure;
import dev.stockhold.engine.threads.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * A started server's life in the foreground process: it runs until SIGTERM or SIGINT (an orderly stop: drain,
 * final snapshot, exit 0) or until its engine fails (fail-stop: a moment of ERR_INTERNAL answers, then the
 * process ends at once with {@link #FAIL_STOP_STATUS}, so that a supervisor restarts it on its journal).
 */
final class ServerLifetime
{
    /** The exit status after an internal failure: EX_SOFTWARE of sysexits.h. */
    static final int FAIL_STOP_STATUS = 70;
    /**
     * How long a failed server keeps answering ERR_INTERNAL and 503 before it exits: one second, or
     * {@code -Dstockhold.failStopGraceMillis} (a load balancer that should see the 503 first).
     */
    static final long FAIL_STOP_GRACE_MILLIS = Long.getLong("stockhold.failStopGraceMillis", 1_000);

    private static final Logger LOG = LoggerFactory.getLogger(ServerLifetime.class);

    private ServerLifetime()
    {
    }

    /** Why the server stops: asked to (SIGTERM, SIGINT), or because its engine failed. */
    private enum Ending
    {
        SIGNAL, FAILURE
    }

    /**
     * Starts a server with {@code settings} and runs it until it is asked to stop or fails.
     *
     * @return the process's exit status after an orderly stop: 0, or 70 if the engine failed meanwhile.
     */
    static int run(final ServerSettings settings) throws Exception
    {
        final CompletableFuture<Ending> ending = new CompletableFuture<>();
        Signals.onTerminate(() -> ending.complete(Ending.SIGNAL));
        final Server server = Server.start(settings);
        server.failure().onFailure(report ->
        {
            if (!ending.complete(Ending.FAILURE))
            {
                // A failure during the orderly stop: the stop may wait forever on the stage that died.
                NamedThreads.create("stockhold-fail-stop", ServerLifetime::exitAfterFailureQuietly).start();
            }
        });
        // A thread of the server that dies of an exception nobody caught is an internal failure too.
        Thread.setDefaultUncaughtExceptionHandler((thread, ex) ->
            server.failure().fail("thread " + thread.getName(), EngineFailure.NO_SEQUENCE, ex));
        LOG.info("event=serving http={}", server.httpAddress());
        if (ending.get() == Ending.FAILURE)
        {
            exitAfterFailure();
        }
        try
        {
            server.close();
        }
        catch (final Throwable ex)
        {
            // An error out of the stop (a final snapshot that ran out of heap) would leave the process up with
            // its threads half stopped: fail-stop instead; the journal is consistent by construction.
            LOG.error("event=stop_failed error=\"{}\"", ex, ex);
            halt("stop_failed");
        }
        // A failure during an orderly stop still exits non-zero: the last commands may be unanswered.
        return server.failure().isFailed() ? FAIL_STOP_STATUS : 0;
    }

    /**
     * Fail-stop: gives in-flight requests a moment to hear their ERR_INTERNAL, then ends the process at once,
     * without a final snapshot or any shutdown hook (the state in memory is not to be trusted), so that a
     * supervisor restarts it on the journal, which is consistent by construction.
     */
    private static void exitAfterFailure() throws InterruptedException
    {
        Thread.sleep(FAIL_STOP_GRACE_MILLIS);
        halt("engine_failed");
    }

    private static void exitAfterFailureQuietly()
    {
        try
        {
            exitAfterFailure();
        }
        catch (final InterruptedException ex)
        {
            halt("engine_failed");
        }
    }

    private static void halt(final String reason)
    {
        LOG.error("event=exiting status={} reason={}", FAIL_STOP_STATUS, reason);
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(FAIL_STOP_STATUS);
    }
}
