package dev.stockhold.logging;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code --version} of every command and subcommand: {@code stockhold <version>}, the Maven project version
 * the build wrote into {@code version.properties}. It lives beside {@link LoggingOptions} because every
 * command line of the project mixes in both.
 */
public final class VersionProvider implements IVersionProvider
{
    private static final String RESOURCE = "version.properties";

    /** @return the project's version, e.g. {@code 0.1.0}. */
    public static String version()
    {
        final Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return properties.getProperty("version");
    }

    @Override
    public String[] getVersion()
    {
        return new String[] {"stockhold " + version()};
    }
}
