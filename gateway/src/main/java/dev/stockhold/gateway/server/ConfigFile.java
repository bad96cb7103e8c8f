package dev.stockhold.gateway.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The server's configuration file, a Java properties file in UTF-8 ({@code config/stockhold.properties}
 * is a commented sample; docs/operations.md, "Configuration", lists every key). It only holds text: the
 * server's command line converts and checks each value ({@link ConfigSources}). Unknown keys are errors,
 * so a typo never passes silently.
 */
final class ConfigFile
{
    private final Path path;
    private final Properties properties;

    private ConfigFile(final Path path, final Properties properties)
    {
        this.path = path;
        this.properties = properties;
    }

    /**
     * Reads {@code path}.
     *
     * @param named how the file was named, for messages: {@code --config FILE} or the environment variable.
     * @param known the keys the server knows.
     * @throws ConfigException when the file is missing, unreadable or holds a key the server does not know.
     */
    static ConfigFile read(final Path path, final String named, final Predicate<String> known)
    {
        if (!Files.exists(path))
        {
            throw new ConfigException(named + ": no such file");
        }
        if (!Files.isRegularFile(path))
        {
            throw new ConfigException(named + ": not a file");
        }
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final IOException ex)
        {
            throw new ConfigException(named + ": cannot read it: " + ex, ex);
        }
        catch (final IllegalArgumentException ex)
        {
            // A malformed \\u escape (four hex digits expected).
            throw new ConfigException(named + ": " + ex.getMessage(), ex);
        }
        final ConfigFile file = new ConfigFile(path, properties);
        for (final String key : file.keys())
        {
            if (!known.test(key))
            {
                throw new ConfigException(file.describeKey(key) + ": unknown key");
            }
        }
        return file;
    }

    /** @return the value of {@code key}, trimmed, or null when the file does not set it. */
    String get(final String key)
    {
        final String value = properties.getProperty(key);
        return value == null ? null : value.trim();
    }

    /** @return the keys the file sets, sorted. */
    Set<String> keys()
    {
        return new TreeSet<>(properties.stringPropertyNames());
    }

    /** @return {@code config key KEY=VALUE (file PATH)}, for messages. */
    String describe(final String key)
    {
        return "config key " + key + "=" + get(key) + " (file " + path + ")";
    }

    /** @return {@code config key KEY (file PATH)}, for messages that must not show the value. */
    String describeKey(final String key)
    {
        return "config key " + key + " (file " + path + ")";
    }
}
