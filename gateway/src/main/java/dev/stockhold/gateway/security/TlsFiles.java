package dev.stockhold.gateway.security;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS for both protocols from PEM files: the server's certificate chain and its private key (PKCS#8, not
 * encrypted), as a certificate authority or {@code openssl req -x509 -newkey rsa:2048 -nodes} writes them.
 *
 * @param certificate the certificate chain, PEM.
 * @param privateKey  the private key, PEM.
 */
public record TlsFiles(Path certificate, Path privateKey)
{
    public TlsFiles
    {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /**
     * @return the server side of TLS, shared by every connection of both protocols.
     * @throws IllegalArgumentException naming the file that is missing or unreadable.
     */
    public SslContext serverContext()
    {
        for (final Path file : new Path[] {certificate, privateKey})
        {
            if (!Files.isReadable(file))
            {
                throw new IllegalArgumentException("cannot read " + file);
            }
        }
        try
        {
            return SslContextBuilder.forServer(certificate.toFile(), privateKey.toFile()).build();
        }
        catch (final SSLException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("not a PEM certificate and PKCS#8 private key: " + certificate + ", "
                + privateKey + " (" + ex.getMessage() + ")", ex);
        }
    }

    /**
     * @param trustedCertificate the server's certificate (or its authority's), PEM.
     * @return the client side of TLS, trusting {@code trustedCertificate}.
     */
    public static SslContext clientContext(final Path trustedCertificate)
    {
        try
        {
            return SslContextBuilder.forClient().trustManager(trustedCertificate.toFile()).build();
        }
        catch (final SSLException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("not a PEM certificate: " + trustedCertificate, ex);
        }
    }
}
