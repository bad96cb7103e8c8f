package dev.stockhold.loadtest.scenario;

import dev.stockhold.engine.command.CommandType;
import dev.stockhold.loadtest.report.Check;
import dev.stockhold.loadtest.run.Driver;
import dev.stockhold.loadtest.run.RunContext;
import dev.stockhold.loadtest.run.RunSettings;
import dev.stockhold.loadtest.run.Scenario;
import dev.stockhold.loadtest.workload.Order;
import dev.stockhold.loadtest.workload.WorkloadConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code burst-500}: 500 orders (or {@code --orders}) arrive at once, as when a channel releases a batch of
 * paid orders; every one must be locked, deducted, and reach the change feed (the sync a channel sees).
 * Stock is ample, so any failure is a fault.
 */
public final class BurstScenario implements Scenario
{
    @Override
    public String name()
    {
        return "burst-500";
    }

    @Override
    public WorkloadConfig workload(final RunSettings settings)
    {
        final WorkloadConfig base = settings.workload();
        return base.allShipped(base.maxLines(), base.maxQuantity(), base.anyWarehouseShare());
    }

    @Override
    public String mode(final RunSettings settings)
    {
        return "burst: " + settings.orders() + " orders at once, follow-ups as answers arrive";
    }

    @Override
    public void drive(final Driver driver, final RunSettings settings, final RunContext context)
    {
        final List<Order> orders = new ArrayList<>(settings.orders());
        for (int i = 0; i < settings.orders(); i++)
        {
            orders.add(context.generator().next());
        }
        driver.burst(orders);
    }

    @Override
    public List<Check> checks(final RunSettings settings, final RunContext context)
    {
        final long locked = context.stats().ok(CommandType.LOCK);
        final long deducted = context.stats().ok(CommandType.DEDUCT);
        final long expected = context.sync().expected();
        final long synced = context.sync().synced();
        return List.of(
            new Check("every order locked", locked == settings.orders(), locked + " of " + settings.orders()),
            new Check("every order deducted", deducted == settings.orders(), deducted + " of " + settings.orders()),
            new Check("every lock and deduct synced", context.sync().unsynced() == 0 && synced >= expected,
                synced + " of " + expected + " change events seen"));
    }
}
