package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Closing the binary server ends every connection it accepted: a client must see its connection end, and
 * reconnect, rather than wait on one that no server reads. Many servers in a row, because stopping the event
 * loops alone misses a connection only when the stop lands while the loop finishes its last task (the close of
 * the listening socket), a few times in a hundred.
 */
class BinaryServerCloseTest
{
    private static final int SERVERS = 60;

    @Test
    void closeEndsEveryAcceptedConnection() throws Exception
    {
        try (BinaryFixture engine = new BinaryFixture())
        {
            for (int i = 0; i < SERVERS; i++)
            {
                serveOneRequestAndClose(engine, i);
            }
        }
    }

    private static void serveOneRequestAndClose(final BinaryFixture engine, final int index) throws Exception
    {
        final BinaryServer server = new BinaryServer(engine.pipeline, "127.0.0.1", 0).start();
        try (RawConnection connection = new RawConnection(server.port()))
        {
            connection.sendMessages(connection.encode(new Command().getStock("A1", "WH")));
            assertNotNull(connection.readFrame(), "the connection is served before the server closes");
            server.close();
            assertDoesNotThrow(connection::closedByServer,
                () -> "server " + index + " stopped and left its connection open (the read timed out)");
        }
        finally
        {
            server.close();
        }
    }
}
