package dev.stockhold.cluster;

import dev.stockhold.cluster.client.RequestCommands;
import dev.stockhold.cluster.node.NodeCommand;
import dev.stockhold.logging.Logging;
import dev.stockhold.logging.LoggingOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code java -jar stockhold-cluster-node.jar node|digest|snapshot ...}: the runnable jar's entry point. {@code node}
 * runs one member ({@link NodeCommand}); {@code digest} and {@code snapshot} are requests to a running cluster
 * ({@link RequestCommands}).
 */
@Command(name = "stockhold-cluster", mixinStandardHelpOptions = true,
    version = "stockhold cluster 0.1 (Aeron Cluster 1.51)",
    description = "Runs a member of a replicated stockhold engine, or sends an operator request to a cluster.")
public final class ClusterCli implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    private ClusterCli()
    {
    }

    /** Runs the command line and exits with its status. */
    public static void main(final String[] args)
    {
        Logging.start();
        System.exit(run(args));
    }

    /** @return the exit status of the command line {@code args}. */
    public static int run(final String... args)
    {
        return commandLine().execute(args);
    }

    /** @return the jar's command line with its subcommands, ready to execute. */
    public static CommandLine commandLine()
    {
        final CommandLine cli = new CommandLine(new ClusterCli())
            .addSubcommand("node", new NodeCommand())
            .addSubcommand("digest", new RequestCommands.Digest())
            .addSubcommand("snapshot", new RequestCommands.Snapshot());
        return NodeCommand.configure(cli);
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
