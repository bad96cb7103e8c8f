package dev.stockhold.gateway.http;

import dev.stockhold.gateway.feed.ChangeFeed;
import dev.stockhold.gateway.feed.ChangeLog;
import dev.stockhold.gateway.metrics.GatewayMetrics;
import dev.stockhold.gateway.os.RealtimeScheduling;
import dev.stockhold.gateway.security.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Closing the HTTP gateway ends every keep-alive connection it accepted: a client must see its connection end
 * rather than wait on one that no server reads. Many gateways in a row, because stopping the event loops alone
 * misses a connection only when the stop lands while a loop finishes its last task, a few times in a hundred.
 */
class HttpGatewayCloseTest
{
    private static final int GATEWAYS = 40;
    private static final byte[] HEALTH = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void closeEndsEveryKeepAliveConnection() throws Exception
    {
        try (ChangeLog log = ChangeLog.open(dir, 1); ChangeFeed feed = new ChangeFeed(log, 64 * 1024))
        {
            final HttpContext context = new HttpContext(ApiKeys.none(), HttpLimits.defaults(),
                new RequestDecoder(100, 1000), new GatewayMetrics(), feed, new byte[0]);
            for (int i = 0; i < GATEWAYS; i++)
            {
                serveOneRequestAndClose(context, i);
            }
        }
    }

    private static void serveOneRequestAndClose(final HttpContext context, final int index) throws Exception
    {
        final HttpGateway gateway = new HttpGateway(context, 1, RealtimeScheduling.OFF);
        try (Socket socket = new Socket())
        {
            final InetSocketAddress address = gateway.start("127.0.0.1", 0);
            socket.connect(address, 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(HEALTH);
            final String response = readResponse(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 200"), "gateway " + index + " served: " + response);
            assertTrue(!response.toLowerCase().contains("connection: close"), "the connection is kept alive");
            gateway.close();
            try
            {
                assertEquals(-1, socket.getInputStream().read(), "gateway " + index + " sent more after its close");
            }
            catch (final SocketTimeoutException ex)
            {
                fail("gateway " + index + " closed and left its keep-alive connection open (the read timed out)");
            }
            catch (final IOException reset)
            {
                // a reset also ends the connection
            }
        }
        finally
        {
            gateway.close();
        }
    }

    /** Reads one response whose body length is given by Content-Length. */
    private static String readResponse(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int contentLength = -1;
        int headerEnd = -1;
        while (headerEnd < 0 || bytes.size() < headerEnd + contentLength)
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new IOException("the connection ended inside a response: " + bytes);
            }
            bytes.write(b);
            if (headerEnd < 0 && bytes.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n"))
            {
                headerEnd = bytes.size();
                final String headers = bytes.toString(StandardCharsets.US_ASCII).toLowerCase();
                final int at = headers.indexOf("content-length:");
                contentLength = at < 0 ? 0 : Integer.parseInt(
                    headers.substring(at + 15, headers.indexOf("\r\n", at)).trim());
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
