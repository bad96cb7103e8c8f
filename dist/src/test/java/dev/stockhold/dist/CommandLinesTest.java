package dev.stockhold.dist;

import dev.stockhold.gateway.server.StockholdServer;
import dev.stockhold.journal.cli.JournalCli;
import dev.stockhold.loadtest.LoadTestCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --help} and {@code --version} of every command and subcommand, found by walking each command line's
 * tree, so that a new subcommand cannot miss them: exit status 0, the usage text naming the command, and
 * {@code stockhold <the Maven project version>}.
 */
class CommandLinesTest
{
    private static final String VERSION = System.getProperty("stockhold.version");

    private record Run(int status, String out, String err)
    {
    }

    private static Run execute(final Supplier<CommandLine> root, final List<String> args)
    {
        final CommandLine commandLine = root.get();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int status = commandLine.execute(args.toArray(String[]::new));
        return new Run(status, out.toString(), err.toString());
    }

    /** @return the paths of every command below {@code commandLine}, itself first. */
    private static List<List<String>> paths(final CommandLine commandLine, final List<String> path)
    {
        final List<List<String>> paths = new ArrayList<>();
        paths.add(path);
        for (final Map.Entry<String, CommandLine> sub : commandLine.getSubcommands().entrySet())
        {
            final List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getKey());
            paths.addAll(paths(sub.getValue(), subPath));
        }
        return paths;
    }

    @Test
    void everyCommandAndSubcommandHasHelpAndVersion()
    {
        assertTrue(VERSION != null && !VERSION.isBlank(), "the build passes the project version");
        final Map<String, Supplier<CommandLine>> roots = Map.of(
            "stockhold server", () -> StockholdServer.commandLine(Map.of()),
            "stockhold journal", JournalCli::commandLine,
            "stockhold loadtest", LoadTestCli::commandLine);
        final List<String> checked = new ArrayList<>();
        for (final Map.Entry<String, Supplier<CommandLine>> root : roots.entrySet())
        {
            for (final List<String> path : paths(root.getValue().get(), List.of()))
            {
                final String name = String.join(" ", path);
                final List<String> help = new ArrayList<>(path);
                help.add("--help");
                final Run usage = execute(root.getValue(), help);
                assertEquals(0, usage.status(), root.getKey() + " " + name + " --help: " + usage.err());
                // picocli's help subcommand puts a line of description before its usage
                assertTrue(usage.out().lines().anyMatch(line -> line.startsWith("Usage: " + (root.getKey() + " " + name)
                    .trim())), root.getKey() + " " + name + " --help: " + usage.out());
                assertFalse(usage.out().contains("dev.stockhold"), usage.out());
                checked.add((root.getKey() + " " + name).trim());
                if (path.contains("help"))
                {
                    continue; // picocli's help subcommand prints other commands' help, and has no version
                }
                final List<String> version = new ArrayList<>(path);
                version.add("--version");
                final Run printed = execute(root.getValue(), version);
                assertEquals(0, printed.status(), name + " --version: " + printed.err());
                assertEquals("stockhold " + VERSION + System.lineSeparator(), printed.out(), name + " --version");
            }
        }
        // The tree walk found the subcommands.
        assertTrue(checked.containsAll(List.of("stockhold journal dump", "stockhold journal verify",
            "stockhold journal stats",
            "stockhold loadtest run", "stockhold loadtest replay", "stockhold loadtest serve", "stockhold server")),
            checked.toString());
    }
}
