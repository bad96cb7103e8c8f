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
 * {@code flash-sale}: thousands of orders ({@code --orders}, one unit each) race over many connections for
 * one hot SKU with limited stock ({@code --stock}, default 100): exactly the stock must sell (lock, then
 * deduct), every other order is refused ERR_INSUFFICIENT_STOCK, and the cell ends with nothing on hand and
 * nothing reserved.
 */
public final class FlashSaleScenario implements Scenario
{
    @Override
    public String name()
    {
        return "flash-sale";
    }

    @Override
    public WorkloadConfig workload(final RunSettings settings)
    {
        return settings.workload().withCells(1, 1, settings.workload().onHandPerCell()).allShipped(1, 1, 0);
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
        final long stock = context.workload().onHandPerCell();
        final long expectedSold = Math.min(stock, settings.orders());
        final long locked = context.stats().ok(CommandType.LOCK);
        final long deducted = context.stats().ok(CommandType.DEDUCT);
        final long refused = context.stats().rejected();
        final boolean cellEmpty = context.audit() != null && context.audit().onHandUnits() == stock - expectedSold
            && context.audit().reservedUnits() == 0;
        return List.of(
            new Check("exactly the stock sold", locked == expectedSold && deducted == expectedSold,
                "locked " + locked + ", deducted " + deducted + ", stock " + stock),
            new Check("every other order refused", refused == settings.orders() - expectedSold,
                refused + " refused ERR_INSUFFICIENT_STOCK of " + settings.orders()),
            new Check("hot cell drained, nothing reserved", cellEmpty, context.audit() == null ? "no audit"
                : "onHand " + context.audit().onHandUnits() + ", reserved " + context.audit().reservedUnits()));
    }
}
