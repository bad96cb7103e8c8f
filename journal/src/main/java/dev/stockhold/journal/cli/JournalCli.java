package dev.stockhold.journal.cli;

import dev.stockhold.logging.Logging;
import dev.stockhold.logging.LoggingOptions;
import dev.stockhold.logging.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;

/**
 * {@code stockhold journal dump|verify|stats --data-dir DIR}: reads a journal offline. Safe beside a
 * running server: the queue is opened read-only.
 */
@Command(name = "stockhold journal", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Reads a stockhold journal (the Chronicle queue under DIR/journal and the snapshots under"
        + " DIR/snapshots).",
    subcommands = {DumpCommand.class, VerifyCommand.class, StatsCommand.class, CommandLine.HelpCommand.class})
public final class JournalCli implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    /** Runs the tool and exits with its status: 0 success, 1 a check failed, 2 bad usage or no journal. */
    public static void main(final String[] args)
    {
        Logging.start();
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Runs the tool with the given output streams (for the server's launcher and tests).
     *
     * @return the exit status.
     */
    public static int run(final PrintWriter out, final PrintWriter err, final String... args)
    {
        final CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
        {
            commandLine.getErr().println("error: " + ex.getMessage());
            return 2;
        });
        final int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** @return the command line of {@code stockhold journal} and its subcommands. */
    public static CommandLine commandLine()
    {
        return new CommandLine(new JournalCli());
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
