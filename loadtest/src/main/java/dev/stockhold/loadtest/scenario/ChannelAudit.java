package dev.stockhold.loadtest.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockhold.loadtest.workload.ChannelCatalog;
import dev.stockhold.loadtest.workload.WorkloadConfig;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code multichannel} scenario's audit, run once traffic has stopped and expiries have fired: reads back
 * over HTTP every channel, kit, allocation, cell and listing of the run, and checks
 * <ul>
 *   <li>every listing is bound as set up, and its {@code published} equals {@link PublishedFormula} applied
 *       to the read-back channel rules, kit components, allocations and cells;</li>
 *   <li>channels and kits read back as set up; every allocation holds 0..the units set (locks take from it,
 *       releases give back no more than was taken);</li>
 *   <li>every cell's {@code allocated} is the sum of the channels' allocations of it, its {@code available}
 *       is {@code max(0, onHand − reserved − safetyStock − allocated)}, and on-hand covers reserved plus
 *       allocated units.</li>
 * </ul>
 * The cell audit of every run (reserved and on-hand against the acknowledged answers) runs besides.
 */
final class ChannelAudit
{
    /** What the audit found: two lists of mismatches, empty when it passed. */
    record Result(int listings, int cells, int allocations, int kits, List<String> published, List<String> state)
    {
    }

    private final ChannelHttp http;
    private final ChannelCatalog catalog;
    private final WorkloadConfig workload;
    private final List<String> warehouses = new ArrayList<>();

    ChannelAudit(final ChannelHttp http, final ChannelCatalog catalog, final WorkloadConfig workload)
    {
        this.http = http;
        this.catalog = catalog;
        this.workload = workload;
        for (int w = 0; w < workload.warehouses(); w++)
        {
            warehouses.add(workload.warehouse(w));
        }
    }

    Result run() throws Exception
    {
        final List<String> state = new ArrayList<>();
        final Map<String, ChannelCatalog.Channel> channels = readChannels(state);
        final Map<String, List<ChannelCatalog.Component>> kits = readKits(state);
        final Map<String, Map<String, Long>> allocations = readAllocations(state);
        final Map<String, PublishedFormula.Cell> cells = readCells(allocations, state);
        final List<String> published = new ArrayList<>();
        final List<ChannelHttp.Call> calls = new ArrayList<>();
        for (final ChannelCatalog.Listing listing : catalog.listings())
        {
            calls.add(get("/v1/channels/" + seg(listing.channel()) + "/listings/" + seg(listing.listingId())));
        }
        final List<ChannelHttp.Reply> replies = http.sendAll(calls);
        for (int i = 0; i < replies.size(); i++)
        {
            final ChannelCatalog.Listing listing = catalog.listings().get(i);
            final ChannelHttp.Reply reply = replies.get(i);
            final String name = listing.channel() + "/" + listing.listingId();
            if (!reply.ok())
            {
                published.add(name + ": read back failed: " + reply);
                continue;
            }
            if (!listing.code().equals(reply.body().path("sku").asText()))
            {
                published.add(name + ": bound to " + reply.body().path("sku").asText() + ", set up " + listing.code());
                continue;
            }
            final ChannelCatalog.Channel channel = channels.get(listing.channel());
            if (channel == null)
            {
                continue;
            }
            final long expected = PublishedFormula.published(channel, listing.code(), kits.get(listing.code()), cells,
                allocations.getOrDefault(listing.channel(), Map.of()), warehouses);
            final long actual = reply.body().path("published").asLong(-1);
            if (actual != expected)
            {
                published.add(name + " (" + listing.code() + "): published " + actual + " != " + expected
                    + " by the formula from the read-back cells");
            }
        }
        return new Result(catalog.listings().size(), cells.size(), catalog.allocations().size(), kits.size(),
            published, state);
    }

    private Map<String, ChannelCatalog.Channel> readChannels(final List<String> state) throws Exception
    {
        final ChannelHttp.Reply reply = http.sendAll(List.of(get("/v1/channels"))).get(0);
        final Map<String, ChannelCatalog.Channel> read = new HashMap<>();
        if (!reply.ok())
        {
            state.add("GET /v1/channels failed: " + reply);
            return read;
        }
        for (final JsonNode node : reply.body().path("channels"))
        {
            final List<String> list = node.path("warehouses").isNull() ? null : new ArrayList<>();
            node.path("warehouses").forEach(w -> list.add(w.asText()));
            read.put(node.path("channel").asText(), new ChannelCatalog.Channel(node.path("channel").asText(), list,
                node.path("bufferUnits").asLong(), node.path("percent").asInt(),
                node.path("maxUnits").isNull() ? null : node.path("maxUnits").asLong(),
                node.path("allowPresale").asBoolean()));
        }
        for (final ChannelCatalog.Channel channel : catalog.channels())
        {
            if (!channel.equals(read.get(channel.code())))
            {
                state.add("channel " + channel.code() + ": read back " + read.get(channel.code()) + ", set up "
                    + channel);
            }
        }
        return read;
    }

    private Map<String, List<ChannelCatalog.Component>> readKits(final List<String> state) throws Exception
    {
        final List<ChannelHttp.Call> calls = new ArrayList<>();
        catalog.kits().forEach(kit -> calls.add(get("/v1/kits/" + seg(kit.code()))));
        final List<ChannelHttp.Reply> replies = http.sendAll(calls);
        final Map<String, List<ChannelCatalog.Component>> read = new HashMap<>();
        for (int i = 0; i < replies.size(); i++)
        {
            final ChannelCatalog.Kit kit = catalog.kits().get(i);
            final List<ChannelCatalog.Component> components = new ArrayList<>();
            replies.get(i).body().path("components").forEach(c -> components.add(
                new ChannelCatalog.Component(c.path("sku").asText(), c.path("quantity").asInt())));
            read.put(kit.code(), components);
            if (!replies.get(i).ok() || !kit.components().equals(components))
            {
                state.add("kit " + kit.code() + ": read back " + replies.get(i) + ", set up " + kit.components());
            }
        }
        return read;
    }

    /** @return by channel, by cell key: the units read back. */
    private Map<String, Map<String, Long>> readAllocations(final List<String> state) throws Exception
    {
        final List<ChannelHttp.Call> calls = new ArrayList<>();
        for (final ChannelCatalog.Allocation a : catalog.allocations())
        {
            calls.add(get("/v1/channels/" + seg(a.channel()) + "/allocations/" + seg(a.sku()) + "/"
                + seg(a.warehouse())));
        }
        final List<ChannelHttp.Reply> replies = http.sendAll(calls);
        final Map<String, Map<String, Long>> read = new HashMap<>();
        for (int i = 0; i < replies.size(); i++)
        {
            final ChannelCatalog.Allocation a = catalog.allocations().get(i);
            final long units = replies.get(i).body().path("units").asLong(-1);
            if (!replies.get(i).ok() || units < 0 || units > a.units())
            {
                state.add("allocation " + a + ": read back " + replies.get(i) + ", expected 0.." + a.units());
                continue;
            }
            read.computeIfAbsent(a.channel(), c -> new HashMap<>()).put(PublishedFormula.key(a.sku(), a.warehouse()),
                units);
        }
        return read;
    }

    private Map<String, PublishedFormula.Cell> readCells(final Map<String, Map<String, Long>> allocations,
        final List<String> state) throws Exception
    {
        final Map<String, Long> allocatedByCell = new HashMap<>();
        allocations.values().forEach(byCell -> byCell.forEach((cell, units) -> allocatedByCell.merge(cell, units,
            Long::sum)));
        final List<ChannelHttp.Call> calls = new ArrayList<>();
        for (int s = 0; s < workload.skus(); s++)
        {
            calls.add(get("/v1/stock/" + seg(workload.sku(s))));
        }
        final Map<String, PublishedFormula.Cell> cells = new HashMap<>();
        for (final ChannelHttp.Reply reply : http.sendAll(calls))
        {
            if (!reply.ok())
            {
                state.add("stock read back failed: " + reply);
                continue;
            }
            for (final JsonNode level : reply.body().path("warehouses"))
            {
                final String key = PublishedFormula.key(level.path("sku").asText(), level.path("warehouse").asText());
                checkCell(key, level, allocatedByCell.getOrDefault(key, 0L), state);
                cells.put(key, new PublishedFormula.Cell(available(level), level.path("presaleAvailable").asLong()));
            }
        }
        return cells;
    }

    private static void checkCell(final String key, final JsonNode level, final long allocated,
        final List<String> state)
    {
        final long onHand = level.path("onHand").asLong();
        final long reserved = level.path("reserved").asLong();
        if (level.path("allocated").asLong() != allocated)
        {
            state.add(key + ": allocated " + level.path("allocated").asLong() + " != the channels' allocations "
                + allocated);
        }
        if (level.path("available").asLong() != available(level))
        {
            state.add(key + ": available " + level.path("available").asLong() + " != max(0, onHand - reserved"
                + " - safetyStock - allocated) = " + available(level));
        }
        if (allocated > 0 && onHand < reserved + allocated)
        {
            state.add(key + ": onHand " + onHand + " < reserved " + reserved + " + allocated " + allocated);
        }
    }

    /** @return the cell's available units recomputed from its stored levels. */
    private static long available(final JsonNode level)
    {
        return Math.max(0, level.path("onHand").asLong() - level.path("reserved").asLong()
            - level.path("safetyStock").asLong() - level.path("allocated").asLong());
    }

    private static ChannelHttp.Call get(final String path)
    {
        return new ChannelHttp.Call("GET", path, null);
    }

    /** @return a code as a path segment (codes hold no space, so form encoding is path encoding). */
    static String seg(final String code)
    {
        return URLEncoder.encode(Objects.requireNonNull(code), StandardCharsets.UTF_8);
    }
}
