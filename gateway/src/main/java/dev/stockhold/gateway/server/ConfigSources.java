package dev.stockhold.gateway.server;

import dev.stockhold.gateway.security.ApiKey;
import dev.stockhold.gateway.security.ApiKeys;
import dev.stockhold.gateway.security.RateLimit;
import dev.stockhold.gateway.security.Scope;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a server setting comes from when the command line does not give it: the environment variable
 * {@code STOCKHOLD_…}, then the configuration file ({@code --config}, or {@code STOCKHOLD_CONFIG}), then the
 * option's own default. A picocli default-value provider, so the command line's options are the one model
 * of every setting: each option's {@code descriptionKey} is its key in the file, and its environment
 * variable is that key in upper snake case ({@code limits.maxBodyBytes}: {@code STOCKHOLD_LIMITS_MAX_BODY_BYTES}).
 * Picocli converts and checks a value from here exactly as one typed on the command line.
 *
 * <p>API keys are the exception: secrets belong in neither a command line nor its history, so they come
 * from the file ({@code key.<id>.secret}, {@code key.<id>.scopes}) and the environment
 * ({@code STOCKHOLD_KEY_<id>_SECRET}, {@code STOCKHOLD_KEY_<id>_SCOPES}) only, the environment first.
 */
final class ConfigSources implements IDefaultValueProvider
{
    /** The environment variables' prefix. */
    static final String PREFIX = "STOCKHOLD_";
    /** The option that names the configuration file, and its environment variable. */
    static final String CONFIG_OPTION = "--config";
    static final String CONFIG_VARIABLE = PREFIX + "CONFIG";
    /** Variables that are not settings of the server but are read by the launcher or the logging setup. */
    static final Set<String> OTHER_VARIABLES =
        Set.of(PREFIX + "JAVA_OPTS", PREFIX + "LOG_FORMAT", PREFIX + "LOG_LEVEL");

    private static final Pattern FILE_KEY = Pattern.compile("key\\.(\\d+)\\.(secret|scopes|rate|burst)");
    private static final Pattern ENV_KEY = Pattern.compile(PREFIX + "KEY_(\\d+)_(SECRET|SCOPES|RATE|BURST)");

    private final Map<String, String> env;
    /** Which options took their value from here, and where it came from: for messages about bad values. */
    private final Map<OptionSpec, String> origins = new IdentityHashMap<>();
    private boolean fileRead;
    private ConfigFile file;

    /** @param env the environment variables (the process's, or a test's). */
    ConfigSources(final Map<String, String> env)
    {
        this.env = Map.copyOf(env);
    }

    /** @return the key of {@code option} in the configuration file, or null when it has none. */
    static String key(final OptionSpec option)
    {
        final String key = option.descriptionKey();
        return key == null || key.isEmpty() || option.usageHelp() || option.versionHelp() ? null : key;
    }

    /** @return the environment variable of a configuration key: {@code http.port}: {@code STOCKHOLD_HTTP_PORT}. */
    static String variable(final String key)
    {
        final StringBuilder name = new StringBuilder(PREFIX);
        for (int i = 0; i < key.length(); i++)
        {
            final char c = key.charAt(i);
            if (c == '.')
            {
                name.append('_');
            }
            else if (Character.isUpperCase(c))
            {
                name.append('_').append(c);
            }
            else
            {
                name.append(Character.toUpperCase(c));
            }
        }
        return name.toString();
    }

    @Override
    public String defaultValue(final ArgSpec arg)
    {
        if (!(arg instanceof OptionSpec option) || helpRequested(option.command()))
        {
            return null;
        }
        if (option.longestName().equals(CONFIG_OPTION))
        {
            final String path = env.get(CONFIG_VARIABLE);
            if (path != null)
            {
                origins.put(option, "environment " + CONFIG_VARIABLE + "=" + path);
            }
            return path;
        }
        final String key = key(option);
        if (key == null)
        {
            return null;
        }
        final String variable = variable(key);
        final String fromEnv = env.get(variable);
        if (fromEnv != null)
        {
            origins.put(option, "environment " + variable + "=" + fromEnv);
            return fromEnv;
        }
        final ConfigFile config = file(option.command());
        final String fromFile = config == null ? null : config.get(key);
        if (fromFile != null)
        {
            origins.put(option, config.describe(key));
        }
        return fromFile;
    }

    /** @return where the value of {@code option} came from, or null when the command line gave it. */
    String origin(final OptionSpec option)
    {
        return origins.get(option);
    }

    /**
     * @return the configuration file, read (and its keys checked) on first use; null when none is named.
     * @throws ConfigException when it is missing, unreadable or holds an unknown key.
     */
    ConfigFile file(final CommandSpec command)
    {
        if (!fileRead)
        {
            fileRead = true;
            final OptionSpec option = command.findOption(CONFIG_OPTION);
            final Path fromCommandLine = option.getValue();
            final String fromEnv = env.get(CONFIG_VARIABLE);
            if (fromCommandLine != null && !origins.containsKey(option))
            {
                file = ConfigFile.read(fromCommandLine, CONFIG_OPTION + " " + fromCommandLine, known(command));
            }
            else if (fromEnv != null)
            {
                file = ConfigFile.read(Path.of(fromEnv), "environment " + CONFIG_VARIABLE + "=" + fromEnv,
                    known(command));
            }
        }
        return file;
    }

    /** @return the keys a configuration file may set: every option's, and the API keys'. */
    private static Predicate<String> known(final CommandSpec command)
    {
        final Set<String> keys = new TreeSet<>();
        for (final OptionSpec option : command.options())
        {
            final String key = key(option);
            if (key != null)
            {
                keys.add(key);
            }
        }
        return name -> keys.contains(name) || FILE_KEY.matcher(name).matches();
    }

    /**
     * @return the {@code STOCKHOLD_…} variables that are neither a setting nor read elsewhere (a misspelt
     * name, most likely), sorted.
     */
    List<String> unknownVariables(final CommandSpec command)
    {
        final Set<String> settings = new TreeSet<>(OTHER_VARIABLES);
        settings.add(CONFIG_VARIABLE);
        for (final OptionSpec option : command.options())
        {
            final String key = key(option);
            if (key != null)
            {
                settings.add(variable(key));
            }
        }
        final List<String> unknown = new ArrayList<>();
        for (final String name : new TreeSet<>(env.keySet()))
        {
            if (name.startsWith(PREFIX) && !settings.contains(name) && !ENV_KEY.matcher(name).matches())
            {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /**
     * @return the API keys of the environment and the file; none turns authentication off.
     * @throws ConfigException for a key without a secret or scopes, an unknown scope, a reused secret.
     */
    ApiKeys apiKeys(final CommandSpec command)
    {
        final ConfigFile config = file(command);
        // id -> part ("secret", "scopes") -> {value, where it came from}
        final Map<Integer, Map<String, String[]>> parts = new TreeMap<>();
        if (config != null)
        {
            for (final String name : config.keys())
            {
                final Matcher matcher = FILE_KEY.matcher(name);
                if (matcher.matches())
                {
                    final String where = matcher.group(2).equals("secret") ? config.describeKey(name)
                        : config.describe(name);
                    parts.computeIfAbsent(id(matcher.group(1), config.describeKey(name)), id -> new HashMap<>())
                        .putIfAbsent(matcher.group(2), new String[] {config.get(name), where});
                }
            }
        }
        for (final Map.Entry<String, String> variable : env.entrySet())
        {
            final Matcher matcher = ENV_KEY.matcher(variable.getKey());
            if (matcher.matches())
            {
                final String part = matcher.group(2).toLowerCase(Locale.ROOT);
                final String where = part.equals("secret") ? "environment " + variable.getKey()
                    : "environment " + variable.getKey() + "=" + variable.getValue();
                // The environment wins over the file.
                parts.computeIfAbsent(id(matcher.group(1), "environment " + variable.getKey()), id -> new HashMap<>())
                    .put(part, new String[] {variable.getValue().trim(), where});
            }
        }
        final List<ApiKey> keys = new ArrayList<>();
        final Map<String, Integer> idsBySecret = new HashMap<>();
        for (final Map.Entry<Integer, Map<String, String[]>> entry : parts.entrySet())
        {
            final int id = entry.getKey();
            final String[] secret = entry.getValue().get("secret");
            final String[] scopes = entry.getValue().get("scopes");
            if (secret == null || scopes == null)
            {
                final String[] present = secret == null ? scopes : secret;
                final String missing = secret == null ? "secret" : "scopes";
                throw new ConfigException(present[1] + ": key " + id + " has no " + missing + " (key." + id + "."
                    + missing + " or " + PREFIX + "KEY_" + id + "_" + missing.toUpperCase(Locale.ROOT) + ")");
            }
            if (secret[0].isEmpty())
            {
                throw new ConfigException(secret[1] + ": must not be empty");
            }
            final Integer reused = idsBySecret.putIfAbsent(secret[0], id);
            if (reused != null)
            {
                throw new ConfigException(secret[1] + ": the same secret as key " + reused);
            }
            keys.add(new ApiKey(id, secret[0], scopes(scopes), rate(entry.getValue())));
        }
        return new ApiKeys(keys);
    }

    /**
     * @return the key's rate limit from {@code key.<id>.rate} (requests per second) and {@code key.<id>.burst}
     * (default: the rate), or null for none.
     */
    private static RateLimit rate(final Map<String, String[]> parts)
    {
        final String[] rate = parts.get("rate");
        final String[] burst = parts.get("burst");
        if (rate == null)
        {
            if (burst != null)
            {
                throw new ConfigException(burst[1] + ": a burst needs a rate");
            }
            return null;
        }
        final int perSecond = positive(rate);
        return new RateLimit(perSecond, burst == null ? perSecond : positive(burst));
    }

    private static int positive(final String[] part)
    {
        try
        {
            final int value = Integer.parseInt(part[0]);
            if (value >= 1)
            {
                return value;
            }
        }
        catch (final NumberFormatException ex)
        {
            // Told below.
        }
        throw new ConfigException(part[1] + ": must be a whole number from 1 to 2147483647");
    }

    private static int id(final String digits, final String where)
    {
        final int id;
        try
        {
            id = Integer.parseInt(digits);
        }
        catch (final NumberFormatException ex)
        {
            throw new ConfigException(where + ": the key id is too large");
        }
        if (id == 0)
        {
            throw new ConfigException(where + ": key ids start at 1 (0 is reserved for requests without a key)");
        }
        return id;
    }

    private static Set<Scope> scopes(final String[] scopes)
    {
        final Set<Scope> parsed = EnumSet.noneOf(Scope.class);
        for (final String name : scopes[0].split(","))
        {
            if (name.isBlank())
            {
                continue;
            }
            try
            {
                parsed.add(Scope.parse(name));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException(scopes[1] + ": not a scope: " + name.trim() + " (scopes: "
                    + ConfigValues.Named.names(Scope.class) + ")");
            }
        }
        if (parsed.isEmpty())
        {
            throw new ConfigException(scopes[1] + ": names no scope (scopes: " + ConfigValues.Named.names(Scope.class)
                + ")");
        }
        return parsed;
    }

    private static boolean helpRequested(final CommandSpec command)
    {
        for (final OptionSpec option : command.options())
        {
            if ((option.usageHelp() || option.versionHelp()) && Boolean.TRUE.equals(option.getValue()))
            {
                return true;
            }
        }
        return false;
    }
}
