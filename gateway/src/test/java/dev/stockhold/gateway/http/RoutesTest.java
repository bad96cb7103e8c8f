package dev.stockhold.gateway.http;

import com.sun.management.ThreadMXBean;
import dev.stockhold.gateway.security.Scope;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The route table against the API's documents: the same operations as docs/openapi.yaml (method, path, and
 * whether a key is needed), the scopes docs/api.md gives, every row reachable by matching its own path, and a
 * lock's match free of allocation.
 */
class RoutesTest
{
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    /** @return "METHOD /path key|open" for every operation docs/openapi.yaml documents. */
    private static TreeSet<String> documented() throws Exception
    {
        final TreeSet<String> operations = new TreeSet<>();
        String path = null;
        String operation = null;
        boolean open = false;
        for (final String line : Files.readAllLines(Path.of("../docs/openapi.yaml")))
        {
            if (!line.startsWith(" ") && !line.isBlank())
            {
                path = null;
            }
            else if (line.startsWith("  /") && line.endsWith(":"))
            {
                path = line.trim().substring(0, line.trim().length() - 1);
            }
            else if (path != null && line.startsWith("    ") && !line.startsWith("     ") && line.endsWith(":")
                && METHODS.contains(line.trim().substring(0, line.trim().length() - 1)))
            {
                if (operation != null)
                {
                    operations.add(operation + (open ? " open" : " key"));
                }
                operation = line.trim().substring(0, line.trim().length() - 1).toUpperCase() + " " + path;
                open = false;
                continue;
            }
            if (operation != null && line.equals("      security: []"))
            {
                open = true;
            }
            if (operation != null && (path == null || line.startsWith("  /")))
            {
                operations.add(operation + (open ? " open" : " key"));
                operation = null;
            }
        }
        return operations;
    }

    @Test
    void theTableHasExactlyTheDocumentedOperations() throws Exception
    {
        final TreeSet<String> table = new TreeSet<>();
        for (final RouteSpec row : Routes.TABLE.rows())
        {
            table.add(row.method().name() + " " + row.path() + (row.scope() == null ? " open" : " key"));
        }
        final TreeSet<String> documented = documented();
        assertTrue(documented.size() > 20, "docs/openapi.yaml read: " + documented);
        assertEquals(documented, table, "docs/openapi.yaml vs the route table");
    }

    @Test
    void scopesFollowTheDocumentedRule()
    {
        for (final RouteSpec row : Routes.TABLE.rows())
        {
            if (row.scope() == null)
            {
                continue;
            }
            final Scope expected = row.method() == HttpMethod.GET ? Scope.READ
                : row.method() == HttpMethod.POST && row.path().startsWith("/v1/reservations") ? Scope.RESERVE
                : Scope.STOCK;
            assertSame(expected, row.scope(), row.method() + " " + row.path());
        }
    }

    @Test
    void everyRowIsFoundByItsOwnPathWithItsParameters()
    {
        final HttpExchange exchange = new HttpExchange();
        for (final RouteSpec row : Routes.TABLE.rows())
        {
            final String uri = row.path().replace("{sku}", "SKU%2D1").replace("{warehouse}", "W1")
                .replace("{orderId}", "order 1".replace(" ", "%20")).replace("{channel}", "shop")
                .replace("{listingId}", "L-1").replace("{kit}", "KIT") + "?after=5";
            final RouteTable.MatchedPath path = Routes.TABLE.match(uri, exchange);
            assertSame(row, path.row(row.method()), uri);
            assertEquals("after=5", exchange.query(), uri);
            if (row.path().contains("{sku}") && !row.path().contains("{channel}"))
            {
                assertEquals("SKU-1", exchange.first(), uri);
            }
            if (row.path().contains("{orderId}"))
            {
                assertEquals("order 1", exchange.first(), uri);
            }
        }
        Routes.TABLE.match("/v1/channels/shop/allocations/S1/W2", exchange);
        assertEquals(List.of("shop", "S1", "W2"), List.of(exchange.first(), exchange.second(), exchange.third()));
    }

    @Test
    void unknownPathsMethodsAndBadParameters()
    {
        final HttpExchange exchange = new HttpExchange();
        for (final String uri : List.of("/", "", "v1/reservations", "/v2/stock/A/B", "/v1/stock/A/B/C/D",
            "/v1/stock/A/B/", "/v1//A", "/v1/reservations/", "/v1/channels/c/listings", "/healthz"))
        {
            assertNull(Routes.TABLE.match(uri, exchange), uri);
        }
        final RouteTable.MatchedPath listing = Routes.TABLE.match("/v1/channels/c/listings/L", exchange);
        assertEquals("GET, PUT, DELETE", listing.allow());
        assertNull(listing.row(HttpMethod.POST));
        assertEquals("POST", Routes.TABLE.match("/v1/reservations", exchange).allow());
        assertThrows(RejectedRequest.class, () -> Routes.TABLE.match("/v1/stock/A%20B/W", exchange));
        assertThrows(RejectedRequest.class, () -> Routes.TABLE.match("/v1/stock/A%2/W", exchange));
        assertThrows(RejectedRequest.class, () -> Routes.TABLE.match("/v1/channels/c/listings/a%2Fb", exchange));
    }

    /**
     * A lock's path is matched without allocating: over many matches the thread allocates less than one byte
     * per match (the smallest object is 16 bytes; what remains is the JIT's and the measurement's own).
     */
    @Test
    void matchingALockAllocatesNothing()
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final HttpExchange exchange = new HttpExchange();
        final long thread = Thread.currentThread().getId();
        final int matches = 100_000;
        RouteTable.MatchedPath path = null;
        for (int i = 0; i < matches; i++)
        {
            path = Routes.TABLE.match("/v1/reservations", exchange);
        }
        final long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < matches; i++)
        {
            path = Routes.TABLE.match("/v1/reservations", exchange);
        }
        final long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertSame(AnswerKind.LOCK, path.row(HttpMethod.POST).answer());
        assertTrue(allocated < matches, allocated + " bytes allocated by " + matches + " matches of /v1/reservations");
    }

    @Test
    void aMalformedTableIsRefusedAtStart()
    {
        final RouteSpec open = RouteSpec.local(HttpMethod.GET, "/x/{sku}", null, exchange -> { });
        assertThrows(IllegalArgumentException.class, () -> new RouteTable(List.of(open, open)));
        assertThrows(IllegalArgumentException.class, () -> new RouteTable(List.of(
            RouteSpec.local(HttpMethod.GET, "/x/{unknown}", null, exchange -> { }))));
        assertThrows(IllegalArgumentException.class, () -> new RouteTable(List.of(
            RouteSpec.local(HttpMethod.GET, "/x/", null, exchange -> { }))));
    }
}
