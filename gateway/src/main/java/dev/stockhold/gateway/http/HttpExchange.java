package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * The request being dispatched on this event loop: its connection and place in the connection's order, the
 * path parameters and query the route table matched, and its body. What a route's decoder or local answer
 * reads comes from here. One per event-loop thread, refilled for every request: nothing is allocated for it.
 */
final class HttpExchange
{
    /** Most parameters a path pattern holds ({@code /v1/channels/{channel}/allocations/{sku}/{warehouse}}). */
    static final int MAX_PARAMETERS = 3;

    private final String[] parameters = new String[MAX_PARAMETERS];
    /** The ring slot's template: filled, published (the ring copies it) and cleared for every request. */
    private final Command scratch = new Command();
    private byte[] bodyCopy = new byte[4096];
    private HttpConnection connection;
    private FullHttpRequest request;
    private long index;
    private boolean close;
    private boolean head;
    private String query;
    private byte[] body;
    private int offset;
    private int length;

    /** Starts request {@code index} of {@code connection}; a HEAD is answered as a GET without the body. */
    void start(final HttpConnection connection, final FullHttpRequest request, final long index, final boolean close,
        final boolean head)
    {
        this.connection = connection;
        this.request = request;
        this.index = index;
        this.close = close;
        this.head = head;
        this.query = null;
        this.body = null;
        for (int i = 0; i < MAX_PARAMETERS; i++)
        {
            parameters[i] = null;
        }
    }

    /** Drops the references to the request, which Netty releases after dispatch. */
    void finish()
    {
        connection = null;
        request = null;
        body = null;
    }

    // Filled by the route table.

    void parameter(final int position, final String value)
    {
        parameters[position] = value;
    }

    String parameter(final int position)
    {
        return parameters[position];
    }

    void query(final String matchedQuery)
    {
        query = matchedQuery;
    }

    // Read by decoders and local answers.

    /** @return the first path parameter (SKU, order id, channel or kit). */
    String first()
    {
        return parameters[0];
    }

    /** @return the second path parameter (warehouse, listing id or an allocation's SKU), or null. */
    String second()
    {
        return parameters[1];
    }

    /** @return the third path parameter (an allocation's warehouse), or null. */
    String third()
    {
        return parameters[2];
    }

    /** @return the query string, without '?', or null. */
    String query()
    {
        return query;
    }

    /** @return the value of header {@code name}, or null. */
    String header(final CharSequence name)
    {
        return request.headers().get(name);
    }

    HttpConnection connection()
    {
        return connection;
    }

    HttpContext context()
    {
        return connection.context();
    }

    ByteBufAllocator allocator()
    {
        return connection.channel().alloc();
    }

    /** @return true when the connection closes after this answer. */
    boolean closes()
    {
        return close;
    }

    /** The connection closes after this request's answer, whatever the request asked (a feed's start). */
    void closeAfterAnswer()
    {
        close = true;
    }

    /** @return true for a HEAD: the answer goes out without its body. */
    boolean head()
    {
        return head;
    }

    /** @return JSON decoding with the server's line and batch limits. */
    RequestDecoder decoder()
    {
        return connection.context().decoder();
    }

    /**
     * Exposes the body as an array slice ({@link #body()}, {@link #offset()}, {@link #length()}), copying it
     * only when Netty holds it off-heap.
     */
    void readBody()
    {
        final ByteBuf content = request.content();
        length = content.readableBytes();
        if (content.hasArray())
        {
            body = content.array();
            offset = content.arrayOffset() + content.readerIndex();
            return;
        }
        if (bodyCopy.length < length)
        {
            bodyCopy = new byte[Math.max(length, bodyCopy.length * 2)];
        }
        content.getBytes(content.readerIndex(), bodyCopy, 0, length);
        body = bodyCopy;
        offset = 0;
    }

    byte[] body()
    {
        return body;
    }

    int offset()
    {
        return offset;
    }

    int length()
    {
        return length;
    }

    // Answers.

    /** Answers this request now, in its turn. */
    void answer(final ByteBuf answer)
    {
        connection.immediate(index, answer);
    }

    /** Answers this request with a problem of {@code code}'s own status. */
    void problem(final ErrorCode code, final String detail)
    {
        answer(Answers.forThread().problem(allocator(), code, detail, null, close));
    }

    /**
     * Publishes {@code command}, filled by a decoder, as this request's; when the ring refuses it, answers
     * why: the engine failed (ERR_INTERNAL), is recovering or is busy (ERR_OVERLOADED).
     */
    void publish(final Command command)
    {
        command.requestId = context().nextRequestId();
        command.replyTo = connection;
        command.correlationId = index;
        final boolean published = context().publish(command);
        command.clear();
        if (!published)
        {
            final HttpContext context = context();
            answer(context.failure() != null ? Answers.forThread().engineFailed(allocator(), context.failure(), 500,
                close) : Answers.forThread().problem(allocator(), ErrorCode.OVERLOADED,
                context.isReady() ? "the engine is busy; retry shortly" : "the engine is recovering", null, close));
        }
    }

    /** @return the command a decoder fills; empty until then. */
    Command scratch()
    {
        return scratch;
    }

    long index()
    {
        return index;
    }
}
