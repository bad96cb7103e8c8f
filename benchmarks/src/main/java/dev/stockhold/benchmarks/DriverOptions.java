package dev.stockhold.benchmarks;

import dev.stockhold.engine.pipeline.ThreadLayout;
import dev.stockhold.engine.pipeline.WaitPreset;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@link BinaryLoopbackDriver}: its usage text, its options with their defaults, and the
 * checks that refuse a run that makes no sense before any connection opens.
 */
final class DriverOptions
{
    /** What {@code --help} prints, and what a bad command line is answered with on stderr. */
    static final String USAGE = """
        Usage: java -cp benchmarks/target/benchmarks.jar dev.stockhold.benchmarks.BinaryLoopbackDriver [options]
          --target HOST:PORT   a running server's binary port (default: a server in this JVM)
          --api-key SECRET     authenticate every connection (a key with the stock and reservations scopes)
          --tls-ca PEM         connect over TLS, trusting this CA certificate
          --mix lock|lock-only|read   lock then release (default), locks only, or reads
          --lines N            lines per lock, 1 or 2 (default 2)
          --skus K             SKUs to spread the load over (default 1000)
          --stock N            units seeded per SKU and warehouse (default 1000000000)
          --connections N      connections (default 1)
          --window N           requests in flight per connection (default 4096)
          --seconds N          measured seconds per run (default 5)
          --warmup N           seconds before each run's measure (default 3)
          --runs N             runs (default 3)
          --server-pid PID     with --target: also report that process's CPU over each run
          --wait LOW_CPU|BALANCED|LOW_LATENCY, --layout SINGLE|STAGED   the in-JVM server's engine
          --help, --version
        """;

    String host;
    int port;
    String apiKey;
    Path tlsCa;
    String mix = "lock";
    int lines = 2;
    int skus = 1000;
    long stock = 1_000_000_000L;
    int connections = 1;
    int window = 4096;
    int seconds = 5;
    int warmupSeconds = 3;
    int runs = 3;
    long serverPid;
    boolean help;
    boolean version;
    WaitPreset wait = WaitPreset.LOW_CPU;
    ThreadLayout layout = ThreadLayout.forThisMachine();

    /** @return the options {@code args} give; @throws IllegalArgumentException with what is wrong in them. */
    static DriverOptions parse(final String[] args)
    {
        final DriverOptions options = new DriverOptions();
        for (int i = 0; i < args.length; i++)
        {
            if (args[i].equals("--help") || args[i].equals("-h"))
            {
                options.help = true;
                continue;
            }
            if (args[i].equals("--version") || args[i].equals("-V"))
            {
                options.version = true;
                continue;
            }
            if (i + 1 >= args.length)
            {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            final String value = args[++i];
            try
            {
                options.set(args[i - 1], value);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("option " + args[i - 1] + ": not a number: " + value);
            }
        }
        options.check();
        return options;
    }

    private void set(final String option, final String value)
    {
        switch (option)
        {
            case "--target" ->
            {
                final int colon = value.lastIndexOf(':');
                if (colon <= 0)
                {
                    throw new IllegalArgumentException("--target wants HOST:PORT, got " + value);
                }
                host = value.substring(0, colon);
                port = Integer.parseInt(value.substring(colon + 1));
            }
            case "--api-key" -> apiKey = value;
            case "--tls-ca" -> tlsCa = Path.of(value);
            case "--mix" -> mix = value;
            case "--lines" -> lines = Integer.parseInt(value);
            case "--skus" -> skus = Integer.parseInt(value);
            case "--stock" -> stock = Long.parseLong(value);
            case "--connections" -> connections = Integer.parseInt(value);
            case "--window" -> window = Integer.parseInt(value);
            case "--seconds" -> seconds = Integer.parseInt(value);
            case "--warmup" -> warmupSeconds = Integer.parseInt(value);
            case "--runs" -> runs = Integer.parseInt(value);
            case "--server-pid" -> serverPid = Long.parseLong(value);
            case "--wait" -> wait = WaitPreset.valueOf(value);
            case "--layout" -> layout = ThreadLayout.valueOf(value);
            default -> throw new IllegalArgumentException("unknown option " + option);
        }
    }

    private void check()
    {
        if (!List.of("lock", "lock-only", "read").contains(mix))
        {
            throw new IllegalArgumentException("--mix is lock, lock-only or read, got " + mix);
        }
        if (lines < 1 || lines > 2 || skus < 2 || connections < 1 || window < 1 || seconds < 1 || runs < 1
            || warmupSeconds < 0 || stock < 1)
        {
            throw new IllegalArgumentException("out of range: --lines 1..2, --skus >= 2, --connections,"
                + " --window, --seconds, --runs, --stock >= 1, --warmup >= 0");
        }
        if (host == null && (apiKey != null || tlsCa != null || serverPid != 0))
        {
            throw new IllegalArgumentException("--api-key, --tls-ca and --server-pid need --target");
        }
    }
}
