package dev.stockhold.gateway;

import dev.stockhold.client.Result;
import dev.stockhold.gateway.binary.TestClient;
import dev.stockhold.gateway.security.TlsFiles;
import dev.stockhold.gateway.server.ServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS on both protocols from PEM files (a self-signed certificate for localhost and 127.0.0.1 in the test
 * resources): the JDK's HTTPS client and the binary client trusting it talk to the server; a plain client
 * gets nowhere.
 */
class TlsTest
{
    private static final Path CERT = Path.of("src", "test", "resources", "tls", "cert.pem");
    private static final Path KEY = Path.of("src", "test", "resources", "tls", "key.pem");
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        server = new TestServer(ServerSettings.defaults().withTls(new TlsFiles(CERT, KEY)));
    }

    @AfterAll
    static void stop() throws Exception
    {
        server.close();
    }

    @Test
    void httpsWithATrustedCertificate() throws Exception
    {
        final HttpClient https = HttpClient.newBuilder().sslContext(trusting(CERT))
            .connectTimeout(Duration.ofSeconds(5)).build();
        final String base = "https://127.0.0.1:" + server.server.httpAddress().getPort();
        final HttpResponse<String> put = https.send(HttpRequest.newBuilder(URI.create(base + "/v1/stock/TLS/W"))
            .PUT(HttpRequest.BodyPublishers.ofString("{\"onHand\":7}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        final HttpResponse<String> get = https.send(HttpRequest.newBuilder(URI.create(base + "/v1/stock/TLS/W"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(get.body().contains("\"onHand\":7"), get.body());

        // A client that does not trust the certificate, and one that speaks plain HTTP, get nothing.
        final HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(SSLHandshakeException.class, () -> untrusting.send(HttpRequest.newBuilder(
            URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString()));
        assertThrows(java.io.IOException.class, () -> untrusting.send(HttpRequest.newBuilder(
            URI.create(base.replace("https", "http") + "/health")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void theBinaryProtocolOverTls() throws Exception
    {
        try (TestClient client = TestClient.connect("127.0.0.1", server.server.binaryAddress().getPort(),
            TlsFiles.clientContext(CERT)))
        {
            assertInstanceOf(Result.Levels.class, client.setOnHand("TLSB", "W", 3).get(10, TimeUnit.SECONDS));
            final Result locked = client.lock("TLS-1", "TLSB", "W", 2).get(10, TimeUnit.SECONDS);
            assertInstanceOf(Result.Reservation.class, locked, locked.toString());
        }
    }

    @Test
    void badFilesAreRefusedWithTheirNames()
    {
        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> new TlsFiles(Path.of("nope.pem"), KEY).serverContext());
        assertTrue(missing.getMessage().contains("nope.pem"), missing.getMessage());
        final IllegalArgumentException swapped = assertThrows(IllegalArgumentException.class,
            () -> new TlsFiles(KEY, CERT).serverContext());
        assertTrue(swapped.getMessage().contains("not a PEM certificate"), swapped.getMessage());
    }

    private static SSLContext trusting(final Path certificate) throws Exception
    {
        final KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate))
        {
            store.setCertificateEntry("stockhold", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
