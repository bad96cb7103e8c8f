package dev.stockhold.loadtest.scenario;

import dev.stockhold.loadtest.report.Check;
import dev.stockhold.loadtest.run.Driver;
import dev.stockhold.loadtest.run.RunContext;
import dev.stockhold.loadtest.run.RunSettings;
import dev.stockhold.loadtest.run.Scenario;
import dev.stockhold.loadtest.targets.Target;
import dev.stockhold.loadtest.workload.ChannelCatalog;
import dev.stockhold.loadtest.workload.OrderGenerator;
import dev.stockhold.loadtest.workload.WorkloadConfig;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code multichannel}: several configured channels (warehouses, buffer, percent, cap, presale), listings
 * of every SKU and of kits on several of them, and allocations; then the {@code steady} life-cycle mix
 * with every order arriving from one channel and every line by one of its listings. On top of the cell
 * audit, {@link ChannelAudit} reads everything back and recomputes every listing's published quantity.
 * HTTP only: the binary protocol does not carry the channel commands.
 */
public final class MultichannelScenario implements Scenario
{
    private final SteadyScenario traffic = new SteadyScenario("multichannel");
    private ChannelCatalog catalog;
    private ChannelHttp http;

    @Override
    public String name()
    {
        return "multichannel";
    }

    @Override
    public WorkloadConfig workload(final RunSettings settings)
    {
        return settings.workload();
    }

    @Override
    public OrderGenerator generator(final WorkloadConfig workload, final RunSettings settings)
    {
        if (!settings.target().startsWith("http://"))
        {
            throw new IllegalArgumentException("multichannel needs an http:// target: the binary protocol does not"
                + " carry channels, listings, kits or allocations");
        }
        catalog = new ChannelCatalog(workload, settings.channels());
        http = new ChannelHttp(settings.target());
        return new OrderGenerator(workload, catalog);
    }

    @Override
    public void prepare(final Target target, final RunSettings settings, final PrintStream out) throws Exception
    {
        final long start = System.nanoTime();
        final List<ChannelHttp.Call> channels = new ArrayList<>();
        for (final ChannelCatalog.Channel channel : catalog.channels())
        {
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("warehouses", channel.warehouses());
            body.put("bufferUnits", channel.bufferUnits());
            body.put("percent", channel.percent());
            body.put("maxUnits", channel.maxUnits());
            body.put("allowPresale", channel.allowPresale());
            channels.add(put("/v1/channels/" + ChannelAudit.seg(channel.code()), body));
        }
        require(channels);
        final List<ChannelHttp.Call> kits = new ArrayList<>();
        for (final ChannelCatalog.Kit kit : catalog.kits())
        {
            final List<Map<String, Object>> components = new ArrayList<>();
            kit.components().forEach(c -> components.add(Map.of("sku", c.sku(), "quantity", c.quantity())));
            kits.add(put("/v1/kits/" + ChannelAudit.seg(kit.code()), Map.of("components", components)));
        }
        require(kits);
        final List<ChannelHttp.Call> listings = new ArrayList<>();
        for (final ChannelCatalog.Listing listing : catalog.listings())
        {
            listings.add(put("/v1/channels/" + ChannelAudit.seg(listing.channel()) + "/listings/"
                + ChannelAudit.seg(listing.listingId()), Map.of("sku", listing.code())));
        }
        require(listings);
        final List<ChannelHttp.Call> allocations = new ArrayList<>();
        for (final ChannelCatalog.Allocation a : catalog.allocations())
        {
            allocations.add(put("/v1/channels/" + ChannelAudit.seg(a.channel()) + "/allocations/"
                + ChannelAudit.seg(a.sku()) + "/" + ChannelAudit.seg(a.warehouse()), Map.of("units", a.units())));
        }
        require(allocations);
        out.printf("set up %d channels, %d kits, %d listings, %d allocations in %.1f s%n", channels.size(),
            kits.size(), listings.size(), allocations.size(), (System.nanoTime() - start) / 1e9);
    }

    private void require(final List<ChannelHttp.Call> calls) throws Exception
    {
        final List<ChannelHttp.Reply> replies = http.sendAll(calls);
        for (int i = 0; i < replies.size(); i++)
        {
            if (!replies.get(i).ok())
            {
                throw new IllegalStateException("set-up failed: " + calls.get(i).method() + " " + calls.get(i).path()
                    + " " + calls.get(i).body() + " answered " + replies.get(i));
            }
        }
    }

    private static ChannelHttp.Call put(final String path, final Object body)
    {
        return new ChannelHttp.Call("PUT", path, ChannelHttp.json(body));
    }

    @Override
    public void drive(final Driver driver, final RunSettings settings, final RunContext context)
    {
        traffic.drive(driver, settings, context);
    }

    @Override
    public List<Check> checks(final RunSettings settings, final RunContext context)
    {
        final ChannelAudit.Result result;
        try
        {
            result = new ChannelAudit(http, catalog, context.workload()).run();
        }
        catch (final Exception ex)
        {
            return List.of(new Check("channel audit", false, "read back failed: " + ex));
        }
        return List.of(
            new Check("every listing's published quantity by the formula", result.published().isEmpty(),
                describe(result.listings() + " listings recomputed from the read-back cells", result.published())),
            new Check("channels, kits, allocations and cells consistent", result.state().isEmpty(),
                describe(result.cells() + " cells, " + result.allocations() + " allocations, " + result.kits()
                    + " kits read back", result.state())));
    }

    private static String describe(final String what, final List<String> mismatches)
    {
        final StringBuilder text = new StringBuilder(what);
        if (!mismatches.isEmpty())
        {
            text.append(", ").append(mismatches.size()).append(" mismatches");
        }
        for (int i = 0; i < Math.min(10, mismatches.size()); i++)
        {
            text.append(System.lineSeparator()).append("  MISMATCH ").append(mismatches.get(i));
        }
        return text.toString();
    }
}
