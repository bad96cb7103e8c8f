package dev.stockhold.loadtest;

import dev.stockhold.loadtest.targets.TargetAccess;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options that get the harness into a server with API keys or TLS. */
final class TargetAccessOptions
{
    @Option(names = "--api-key", paramLabel = "SECRET", defaultValue = "${env:STOCKHOLD_API_KEY}",
        description = "API key secret for a server with keys (default: the STOCKHOLD_API_KEY variable, else none). "
            + "It needs the scopes of the requests sent; read, reserve and stock for a load run.")
    private String apiKey;

    @Option(names = "--tls-ca", paramLabel = "FILE",
        description = "PEM certificate to trust for https:// and sbes:// targets (default: the JDK's trust store).")
    private Path trustedCa;

    TargetAccess access()
    {
        return new TargetAccess(apiKey == null || apiKey.isBlank() ? null : apiKey, trustedCa);
    }
}
