package dev.stockhold.gateway.http;

import io.netty.handler.codec.http.HttpMethod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route rows compiled for matching: a tree of path segments, walked once per request. A literal segment
 * is compared in place in the request target (no substring); only a parameter's segment is copied out. A
 * literal wins over a parameter at the same depth. Built once, then read by every event loop.
 */
final class RouteTable
{
    private final List<RouteSpec> rows;
    private final Node root = new Node();

    /** @throws IllegalArgumentException for a malformed pattern, an unknown parameter or a repeated row. */
    RouteTable(final List<RouteSpec> rows)
    {
        this.rows = List.copyOf(rows);
        final Map<String, List<RouteSpec>> byPath = new LinkedHashMap<>();
        for (final RouteSpec row : this.rows)
        {
            byPath.computeIfAbsent(row.path(), path -> new ArrayList<>()).add(row);
        }
        for (final Map.Entry<String, List<RouteSpec>> path : byPath.entrySet())
        {
            add(path.getKey(), path.getValue());
        }
    }

    /** @return the rows in their declared order. */
    List<RouteSpec> rows()
    {
        return rows;
    }

    /**
     * Matches a request target, filling {@code exchange}'s path parameters (percent-decoded and checked) and
     * query.
     *
     * @return the matched path's methods, or null when no route has this path (answer ERR_NOT_FOUND).
     * @throws RejectedRequest when a path parameter is malformed.
     */
    MatchedPath match(final String uri, final HttpExchange exchange)
    {
        final int queryAt = uri.indexOf('?');
        final int end = queryAt < 0 ? uri.length() : queryAt;
        if (end == 0 || uri.charAt(0) != '/')
        {
            return null;
        }
        Node node = root;
        int parameters = 0;
        int start = 1;
        while (true)
        {
            int slash = uri.indexOf('/', start);
            if (slash < 0 || slash > end)
            {
                slash = end;
            }
            if (slash == start)
            {
                return null;
            }
            Node next = node.literal(uri, start, slash);
            if (next == null)
            {
                if (node.parameter == null)
                {
                    return null;
                }
                exchange.parameter(parameters++, uri.substring(start, slash));
                next = node.parameter;
            }
            node = next;
            if (slash == end)
            {
                break;
            }
            start = slash + 1;
        }
        final MatchedPath path = node.path;
        if (path == null)
        {
            return null;
        }
        path.check(exchange);
        exchange.query(queryAt < 0 ? null : uri.substring(queryAt + 1));
        return path;
    }

    private void add(final String pattern, final List<RouteSpec> methods)
    {
        if (!pattern.startsWith("/") || pattern.endsWith("/") || pattern.contains("//"))
        {
            throw new IllegalArgumentException("malformed path pattern " + pattern);
        }
        final List<PathParameter> parameters = new ArrayList<>();
        Node node = root;
        for (final String segment : pattern.substring(1).split("/"))
        {
            if (segment.startsWith("{") && segment.endsWith("}"))
            {
                parameters.add(PathParameter.named(segment.substring(1, segment.length() - 1)));
                node = node.parameter();
            }
            else
            {
                node = node.literal(segment);
            }
        }
        if (parameters.size() > HttpExchange.MAX_PARAMETERS)
        {
            throw new IllegalArgumentException(pattern + " has more than " + HttpExchange.MAX_PARAMETERS
                + " parameters");
        }
        node.path = new MatchedPath(pattern, methods, parameters);
    }

    /**
     * A path of the API with what it accepts: its rows by method, the {@code Allow} header of a 405, and the
     * rules of its parameters.
     */
    static final class MatchedPath
    {
        private final RouteSpec[] rows;
        private final PathParameter[] parameters;
        private final String allow;

        private MatchedPath(final String pattern, final List<RouteSpec> rows, final List<PathParameter> parameters)
        {
            this.rows = rows.toArray(new RouteSpec[0]);
            this.parameters = parameters.toArray(new PathParameter[0]);
            final List<String> names = new ArrayList<>();
            for (final RouteSpec row : rows)
            {
                if (names.contains(row.method().name()))
                {
                    throw new IllegalArgumentException(row.method() + " " + pattern + " is declared twice");
                }
                names.add(row.method().name());
            }
            this.allow = String.join(", ", names);
        }

        /** @return the row of {@code method} on this path, or null (answer 405 with {@link #allow()}). */
        RouteSpec row(final HttpMethod method)
        {
            for (final RouteSpec row : rows)
            {
                if (row.method().equals(method))
                {
                    return row;
                }
            }
            return null;
        }

        /** @return the {@code Allow} header value: this path's methods in the table's order. */
        String allow()
        {
            return allow;
        }

        private void check(final HttpExchange exchange)
        {
            for (int i = 0; i < parameters.length; i++)
            {
                exchange.parameter(i, parameters[i].check(exchange.parameter(i)));
            }
        }
    }

    /** One segment of the tree: its literal children, its parameter child and the path ending here. */
    private static final class Node
    {
        private final List<String> literals = new ArrayList<>();
        private final List<Node> children = new ArrayList<>();
        private Node parameter;
        private MatchedPath path;

        /** @return the child for the literal {@code uri[start, end)}, or null; compared in place. */
        Node literal(final String uri, final int start, final int end)
        {
            final int length = end - start;
            for (int i = 0; i < literals.size(); i++)
            {
                final String literal = literals.get(i);
                if (literal.length() == length && uri.startsWith(literal, start))
                {
                    return children.get(i);
                }
            }
            return null;
        }

        Node literal(final String segment)
        {
            final int at = literals.indexOf(segment);
            if (at >= 0)
            {
                return children.get(at);
            }
            final Node child = new Node();
            literals.add(segment);
            children.add(child);
            return child;
        }

        Node parameter()
        {
            if (parameter == null)
            {
                parameter = new Node();
            }
            return parameter;
        }
    }
}
