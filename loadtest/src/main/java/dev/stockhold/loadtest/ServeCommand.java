package dev.stockhold.loadtest;

import dev.stockhold.loadtest.server.LocalServer;
import dev.stockhold.logging.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code loadtest serve}: a memory-only engine behind the binary protocol in this process, for measuring the
 * engine and binary gateway without the full server (no journal, no HTTP). Stops on Ctrl-C.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    description = {"Starts a memory-only engine behind the binary protocol (no journal, no HTTP) and waits.",
        "For load tests of the engine and binary gateway alone; the real server is `bin/stockhold server`."})
final class ServeCommand implements Callable<Integer>
{
    @Option(names = "--binary-port", paramLabel = "P", defaultValue = "7070",
        description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception
    {
        final CountDownLatch stopped = new CountDownLatch(1);
        try (LocalServer server = new LocalServer("127.0.0.1", port, false))
        {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            System.out.println("serving " + server.sbeUrl() + " (memory only); Ctrl-C stops");
            stopped.await();
        }
        return 0;
    }
}
