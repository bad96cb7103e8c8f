package dev.stockhold.gateway.server;

import dev.stockhold.gateway.security.TlsFiles;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** The options of {@code stockhold server} that put both protocols under TLS. */
final class TlsOptions
{
    @Option(names = "--tls-cert", paramLabel = "FILE", descriptionKey = "tls.certFile",
        converter = ConfigValues.NotBlank.class,
        description = "[tls.certFile] Serve both protocols over TLS with this certificate chain (PEM); needs "
            + "--tls-key. Default: none, plain HTTP and TCP.")
    private String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", descriptionKey = "tls.keyFile",
        converter = ConfigValues.NotBlank.class,
        description = "[tls.keyFile] The private key of --tls-cert (PEM, PKCS#8, not encrypted).")
    private String tlsKey;

    /** @return the TLS files, or null for plain protocols; both files or neither. */
    TlsFiles files(final UnaryOperator<String> describe)
    {
        if (tlsCert == null && tlsKey == null)
        {
            return null;
        }
        if (tlsCert == null || tlsKey == null)
        {
            throw new ConfigException("--tls-cert and --tls-key go together: TLS needs the certificate and its key");
        }
        final TlsFiles files = new TlsFiles(Path.of(tlsCert), Path.of(tlsKey));
        try
        {
            files.serverContext();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(describe.apply("--tls-cert") + ", " + describe.apply("--tls-key") + ": "
                + ex.getMessage());
        }
        return files;
    }
}
