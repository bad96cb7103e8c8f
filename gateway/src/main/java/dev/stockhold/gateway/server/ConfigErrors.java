package dev.stockhold.gateway.server;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;

/**
 * Tells a bad setting in one line on stderr and exits 2: the option, environment variable or configuration
 * key, its value and what is wrong with it, and never a stack trace or the whole usage text.
 * <pre>
 *   stockhold: --http-port: not a number: "x"
 *   stockhold: environment STOCKHOLD_HTTP_PORT=x: not a number
 *   stockhold: config key limits.maxBodyBytes=abc (file stockhold.properties): not a number
 *   stockhold: --config /etc/stockhold/missing.properties: no such file
 * </pre>
 */
final class ConfigErrors implements IParameterExceptionHandler
{
    private final ConfigSources sources;

    ConfigErrors(final ConfigSources sources)
    {
        this.sources = sources;
    }

    @Override
    public int handleParseException(final ParameterException ex, final String[] args)
    {
        final CommandLine commandLine = ex.getCommandLine();
        final PrintWriter err = commandLine.getErr();
        err.println("stockhold: " + describe(ex));
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** @return the one line that tells what is wrong. */
    String describe(final ParameterException ex)
    {
        for (Throwable cause = ex; cause != null; cause = cause.getCause())
        {
            if (cause instanceof ConfigException config)
            {
                return oneLine(config.getMessage());
            }
        }
        if (ex.getCause() instanceof TypeConversionException conversion && ex.getArgSpec() instanceof OptionSpec option)
        {
            final String origin = sources.origin(option);
            return oneLine(origin != null ? origin + ": " + conversion.getMessage()
                : option.longestName() + ": " + conversion.getMessage() + ": \"" + ex.getValue() + "\"");
        }
        return oneLine(ex.getMessage()) + " (stockhold server --help lists the options)";
    }

    private static String oneLine(final String text)
    {
        return String.valueOf(text).replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }
}
