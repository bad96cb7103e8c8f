package dev.stockhold.gateway;

/** One default server shared by the test classes that need nothing special, closed when the JVM exits. */
final class SharedServer
{
    private static TestServer instance;

    private SharedServer()
    {
    }

    static synchronized TestServer get() throws Exception
    {
        if (instance == null)
        {
            final TestServer server = new TestServer();
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
            {
                try
                {
                    server.close();
                }
                catch (final Exception ex)
                {
                    ex.printStackTrace();
                }
            }));
            instance = server;
        }
        return instance;
    }
}
