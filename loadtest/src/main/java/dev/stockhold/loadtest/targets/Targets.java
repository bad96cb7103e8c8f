package dev.stockhold.loadtest.targets;

import java.io.IOException;
import java.net.URI;

/**
 * Opens the {@link Target} a URL names: {@code http://host:port} or {@code sbe://host:port}, or the same over TLS,
 * {@code https://host:port} or {@code sbes://host:port}.
 */
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
        return open(url, connections, TargetAccess.open());
    }

    /**
     * @param connections connections to open.
     * @param access      the API key and the TLS trust to use.
     * @throws IOException when the server cannot be reached.
     * @throws IllegalArgumentException for an unknown scheme.
     */
    public static Target open(final String url, final int connections, final TargetAccess access) throws IOException
    {
        final URI uri = URI.create(url);
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        switch (scheme)
        {
            case "http", "https":
                return new HttpTarget(url, connections, access);
            case "sbe", "sbes":
                return new SbeTarget(uri.getHost(), uri.getPort() < 0 ? 7070 : uri.getPort(), connections,
                    "sbes".equals(scheme), access);
            default:
                throw new IllegalArgumentException("target must be http://, https://, sbe:// or sbes://host:port, not "
                    + url);
        }
    }
}
