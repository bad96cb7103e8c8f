package dev.stockhold.cluster.node;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Picks base ports for test clusters on loopback: random (other builds on this machine run clusters too), each
 * member's five UDP ports free when checked, and prints the seed that chose them.
 */
public final class TestPorts
{
    private TestPorts()
    {
    }

    /** @return {@code 127.0.0.1:base,...} for {@code count} members whose ports are free now. */
    public static ClusterMembers members(final int count)
    {
        final long seed = System.nanoTime();
        System.out.println("cluster ports seed=" + seed);
        final Random random = new Random(seed);
        for (int attempt = 0; attempt < 100; attempt++)
        {
            // Below Linux's ephemeral range (32768 and up): a port checked free there can be taken by any
            // process's outgoing socket before a member (re)binds it.
            final int first = 20_000 + random.nextInt(600) * 20;
            final List<String> members = new ArrayList<>();
            boolean free = true;
            for (int i = 0; i < count && free; i++)
            {
                final int base = first + i * 10;
                for (int offset = 0; offset < ClusterMembers.PORTS_PER_MEMBER && free; offset++)
                {
                    free = isFree(base + offset);
                }
                members.add("127.0.0.1:" + base);
            }
            if (free)
            {
                return ClusterMembers.parse(String.join(",", members));
            }
        }
        throw new IllegalStateException("no free ports found");
    }

    private static boolean isFree(final int port)
    {
        try (DatagramSocket socket = new DatagramSocket(null))
        {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        }
        catch (final java.io.IOException ex)
        {
            return false;
        }
    }
}
