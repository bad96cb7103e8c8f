package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The channel limits refuse what would exceed them, and nothing else (docs/LIMITS.md). */
class ChannelLimitsTest
{
    private final LedgerDriver driver = new LedgerDriver(LedgerConfig.defaults()
        .withChannelLimits(new ChannelLimits(2, 3, 2, 2, 2, 1)));
    private final ChannelDriver channels = new ChannelDriver(driver);

    @Test
    void channelsListingsAndKitsStopAtTheirLimits()
    {
        driver.set("A1", "W1", 5);
        driver.set("B7", "W1", 5);
        channels.put("c1").ok();
        channels.put("c2").ok();
        channels.put("c3").fails(ErrorCode.INVALID_REQUEST);
        channels.put("c2", null, 1, 100, null, false).ok();
        channels.bind("c1", "L1", "A1").ok();
        channels.bind("c2", "L1", "A1").ok();
        channels.bind("c1", "L2", "A1").fails(ErrorCode.INVALID_REQUEST);
        channels.bind("c1", "L2", "B7").ok();
        channels.bind("c2", "L2", "B7").fails(ErrorCode.INVALID_REQUEST);
        channels.unbind("c1", "L2").ok();
        channels.bind("c2", "L2", "B7").ok();
        channels.kit("K1", "A1", 1, "B7", 1).ok();
        channels.kit("K2", "A1", 1, "B7", 1, "C1", 1).fails(ErrorCode.INVALID_REQUEST);
        channels.kit("K2", "A1", 1).fails(ErrorCode.INVALID_REQUEST);
        channels.kit("K1", "A1", 2).ok();
        channels.kit("K2", "B7", 1).ok();
        channels.kit("K3", "B7", 1).fails(ErrorCode.INVALID_REQUEST);
        // What a limit refused does not exist afterwards.
        assertEquals(ErrorCode.CHANNEL_NOT_FOUND, channels.get("c3").result().code(), "a refused channel exists");
        assertEquals(ErrorCode.OK, channels.get("c2").result().code());
    }
}
