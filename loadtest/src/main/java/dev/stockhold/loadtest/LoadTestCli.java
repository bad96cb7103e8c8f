package dev.stockhold.loadtest;

import dev.stockhold.logging.Logging;
import dev.stockhold.logging.LoggingOptions;
import dev.stockhold.logging.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The load and replay harness: {@code run} drives a named scenario against a live server and audits the
 * result; {@code replay} re-sends a recorded journal and checks every answer. {@code bin/stockhold loadtest}
 * runs this.
 */
@Command(name = "stockhold loadtest", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    description = {"Load generator and replay harness for stockhold.",
        "Latency is recorded with HdrHistogram, corrected for coordinated omission in open-loop runs."},
    subcommands = {RunCommand.class, ReplayCommand.class, ServeCommand.class, MarketplaceCommand.class,
        CommandLine.HelpCommand.class})
public final class LoadTestCli
{
    @Mixin
    LoggingOptions logging;

    private LoadTestCli()
    {
    }

    /** @return the exit status of the command line {@code args}. */
    public static int execute(final String... args)
    {
        return commandLine().execute(args);
    }

    /** @return the command line of {@code stockhold loadtest} and its subcommands. */
    public static CommandLine commandLine()
    {
        return new CommandLine(new LoadTestCli());
    }

    public static void main(final String[] args)
    {
        Logging.start();
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }
}
