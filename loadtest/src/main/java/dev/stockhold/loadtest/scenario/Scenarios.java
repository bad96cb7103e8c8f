package dev.stockhold.loadtest.scenario;

import dev.stockhold.loadtest.run.Scenario;

import java.util.List;

/** The named scenarios (docs/loadtest.md describes each). */
public final class Scenarios
{
    /** Names accepted by {@code --scenario}. */
    public static final List<String> NAMES = List.of("burst-500", "flash-sale", "steady", "soak", "multichannel");

    private Scenarios()
    {
    }

    /** @throws IllegalArgumentException for an unknown name. */
    public static Scenario byName(final String name)
    {
        switch (name)
        {
            case "burst-500":
                return new BurstScenario();
            case "flash-sale":
                return new FlashSaleScenario();
            case "steady":
            case "soak":
                return new SteadyScenario(name);
            case "multichannel":
                return new MultichannelScenario();
            default:
                throw new IllegalArgumentException("unknown scenario " + name + "; one of " + NAMES);
        }
    }
}
