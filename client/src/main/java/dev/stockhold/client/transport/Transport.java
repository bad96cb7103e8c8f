package dev.stockhold.client.transport;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The socket transport of the binary protocol: Linux epoll when its native library loads (measured
 * faster here for pipelined frames), NIO otherwise or when {@code -Dstockhold.binary.nio=true}.
 */
public enum Transport
{
    EPOLL,
    NIO;

    /** @return epoll when available and not disabled, else NIO. */
    public static Transport best()
    {
        return !Boolean.getBoolean("stockhold.binary.nio") && Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** @return the event loop I/O handler of this transport. */
    public IoHandlerFactory ioHandler()
    {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** @return the server socket channel class of this transport. */
    public Class<? extends ServerChannel> serverChannel()
    {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** @return the client socket channel class of this transport. */
    public Class<? extends SocketChannel> clientChannel()
    {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
