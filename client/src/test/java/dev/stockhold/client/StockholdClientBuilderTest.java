package dev.stockhold.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StockholdClientBuilderTest
{
    @Test
    void refusesSettingsOutOfRange()
    {
        final StockholdClient.Builder builder = StockholdClient.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.port(0));
        assertThrows(IllegalArgumentException.class, () -> builder.port(65_536));
        assertThrows(IllegalArgumentException.class, () -> builder.requestTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> builder.connectTimeout(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class,
            () -> builder.reconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(NullPointerException.class, () -> builder.host(null));
    }

    @Test
    void aCaFileThatIsNotPemIsAClearError() throws IOException
    {
        final Path notPem = Files.createTempFile("not-a-ca", ".pem");
        try
        {
            Files.writeString(notPem, "not a certificate");
            final IOException error = assertThrows(IOException.class, () -> StockholdClient.builder().tls(notPem));
            assertTrue(error.getMessage().contains(notPem.toString()), error.getMessage());
        }
        finally
        {
            Files.delete(notPem);
        }
    }

    @Test
    void buildFailsWithinTheConnectTimeoutWhenNothingListens() throws IOException
    {
        final int port;
        try (ServerSocket free = new ServerSocket(0))
        {
            port = free.getLocalPort();
        }
        final long start = System.nanoTime();
        final IOException error = assertThrows(IOException.class, () -> StockholdClient.builder()
            .port(port).connectTimeout(Duration.ofSeconds(2)).build());
        assertTrue(error.getMessage().contains("cannot connect to 127.0.0.1:" + port), error.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }
}
