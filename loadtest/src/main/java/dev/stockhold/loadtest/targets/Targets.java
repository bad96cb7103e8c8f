package dev.stockhold.loadtest.targets;

import java.io.IOException;
import java.net.URI;

/** Opens the {@link Target} a URL names: {@code http://host:port} or {@code sbe://host:port}. */
public final class Targets
{
    private Targets()
    {
    }

    /**
     * @param connections connections to open.
     * @throws IOException when the server cannot be reached.
     * @throws IllegalArgumentException for an unknown scheme.
     */
    public static Target open(final String url, final int connections) throws IOException
    {
        final URI uri = URI.create(url);
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        switch (scheme)
        {
            case "http":
                return new HttpTarget(url, connections);
            case "sbe":
                return new SbeTarget(uri.getHost(), uri.getPort() < 0 ? 7070 : uri.getPort(), connections);
            default:
                throw new IllegalArgumentException("target must be http://host:port or sbe://host:port, not " + url);
        }
    }
}
