package dev.stockhold.loadtest.targets;

import dev.stockhold.gateway.security.TlsFiles;
import io.netty.handler.ssl.SslContext;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

/**
 * How the harness gets into a server that asks for it: an API key (HTTP {@code Authorization: Bearer}, the
 * binary protocol's Authenticate message first on each connection) and the certificate to trust for TLS
 * ({@code https://} and {@code sbes://} targets). A target without TLS or keys needs neither.
 *
 * @param apiKey    the key's secret, or null for a server without keys.
 * @param trustedCa a PEM certificate (the server's own, or its CA) to trust, or null for the JDK's trust store.
 */
public record TargetAccess(String apiKey, Path trustedCa)
{
    /** @return no key, the JDK's trust store. */
    public static TargetAccess open()
    {
        return new TargetAccess(null, null);
    }

    /** @return the Netty client side of TLS. */
    SslContext nettyTls()
    {
        if (trustedCa != null)
        {
            return TlsFiles.clientContext(trustedCa);
        }
        try
        {
            return io.netty.handler.ssl.SslContextBuilder.forClient().build();
        }
        catch (final javax.net.ssl.SSLException ex)
        {
            throw new IllegalStateException("cannot set up TLS: " + ex.getMessage(), ex);
        }
    }

    /** @return the JDK client side of TLS, for {@link java.net.http.HttpClient}. */
    SSLContext jdkTls() throws IOException
    {
        try
        {
            if (trustedCa == null)
            {
                return SSLContext.getDefault();
            }
            final KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream pem = Files.newInputStream(trustedCa))
            {
                int i = 0;
                for (final Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem))
                {
                    trust.setCertificateEntry("trusted-" + i++, certificate);
                }
            }
            final TrustManagerFactory factory = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IOException("cannot trust " + trustedCa + ": " + ex.getMessage(), ex);
        }
    }
}
