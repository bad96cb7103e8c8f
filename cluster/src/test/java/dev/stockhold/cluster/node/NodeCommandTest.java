package dev.stockhold.cluster.node;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeCommandTest
{
    private static String run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final CommandLine cli = new CommandLine(new NodeCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        final int status = cli.execute(args);
        return status + "\n" + out;
    }

    @Test
    void helpAndVersionNameTheOptions()
    {
        final String help = run("--help");
        assertTrue(help.startsWith("0\n"), help);
        assertTrue(help.contains("--cluster-members") && help.contains("--cluster-node")
            && help.contains("--data-dir") && help.contains("--snapshot-interval-seconds"), help);
        assertTrue(run("--version").contains("stockhold cluster-node"), "version");
    }

    @Test
    void membersAndNodeAreRequired()
    {
        assertEquals('2', run("--cluster-node", "0").charAt(0));
    }

    @Test
    void theJarsCommandLineNamesItsCommands()
    {
        final StringWriter out = new StringWriter();
        final CommandLine cli = dev.stockhold.cluster.ClusterCli.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--help"));
        assertTrue(out.toString().contains("node") && out.toString().contains("digest")
            && out.toString().contains("snapshot"), out.toString());
    }
}
