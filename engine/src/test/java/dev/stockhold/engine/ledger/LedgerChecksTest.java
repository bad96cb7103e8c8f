package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger's invariant checks catch what they promise to (every test runs with {@code -Dstockhold.checks=true},
 * so the full checks are on here): answers that break a rule are built by hand or by corrupting a ledger
 * from inside, since a correct ledger never produces one.
 */
class LedgerChecksTest
{
    private final Ledger ledger = new Ledger(LedgerConfig.defaults());
    private final LedgerChecks checks = ledger.checks;

    @Test
    void theFullChecksAreOnInTests()
    {
        assertTrue(LedgerChecks.FULL, "surefire runs every test with -Dstockhold.checks=true");
    }

    @Test
    void aNegativeLevelIsBroken()
    {
        final Command command = new Command().setStock();
        command.result.changes().add("A1", "W1", 10, -1, 0, 0, 0, 1);
        final LedgerInvariantException broken = assertThrows(LedgerInvariantException.class,
            () -> checks.afterCommand(command));
        assertTrue(broken.getMessage().contains("out of 0.."), broken.getMessage());
    }

    @Test
    void aLockThatLeavesACellOversoldIsBroken()
    {
        final Command set = new Command().setStock();
        set.items.add("A1", "W1", 10, 0, 2, Command.ABSENT);
        ledger.apply(set);
        final Command lock = new Command().lock("O-1", null, 0, false, false);
        // Reserved plus allocated beyond on-hand stock: 8 reserved and 3 allocated of 10.
        lock.result.changes().add("A1", "W1", 10, 8, 0, 3, 2, 2, 3);
        final LedgerInvariantException broken = assertThrows(LedgerInvariantException.class,
            () -> checks.afterCommand(lock));
        assertTrue(broken.getMessage().contains("oversold"), broken.getMessage());
        final Command fine = new Command().lock("O-2", null, 0, false, false);
        fine.result.changes().add("A1", "W1", 10, 8, 0, 0, 2, 2);
        assertDoesNotThrow(() -> checks.afterCommand(fine));
        // A channel's lock may take its allocation although safety stock has since grown over the pool.
        final Command escrow = new Command().lock("O-3", "shop", 0, false, false);
        escrow.result.changes().add("A1", "W1", 10, 9, 0, 0, 2, 2, 1);
        assertDoesNotThrow(() -> checks.afterCommand(escrow));
    }

    @Test
    void aNegativePublishedQuantityIsBroken()
    {
        final Command put = new Command().putChannel("ae", 0, 100, Command.ABSENT, false);
        put.result.published().add("ae", "L1", "A1", 0, -1);
        final LedgerInvariantException broken = assertThrows(LedgerInvariantException.class,
            () -> checks.afterCommand(put));
        assertTrue(broken.getMessage().contains("never negative"), broken.getMessage());
    }

    @Test
    void aPublishedQuantityOffItsFormulaIsBroken()
    {
        final Command set = new Command().setStock();
        set.items.add("A1", "W1", 10, 0, 0, Command.ABSENT);
        ledger.apply(set);
        ledger.apply(new Command().putChannel("ae", 0, 100, Command.ABSENT, false));
        ledger.apply(new Command().bindListing("ae", "L1", "A1"));
        ledger.channelState.listings.published(ledger.channelState.listings.find(0, "L1"), 9);
        final LedgerInvariantException afterWrite = assertThrows(LedgerInvariantException.class,
            () -> ledger.apply(new Command().tick()));
        assertTrue(afterWrite.getMessage().contains("follows its formula"), afterWrite.getMessage());
    }

    @Test
    void anAllocatedLevelOffItsAllocationsIsBroken()
    {
        final Command set = new Command().setStock();
        set.items.add("A1", "W1", 10, 0, 0, Command.ABSENT);
        ledger.apply(set);
        ledger.apply(new Command().putChannel("ae", 0, 100, Command.ABSENT, false));
        ledger.apply(new Command().setAllocation("ae", "A1", "W1", 4));
        ledger.channelState.allocations.addUnits(ledger.channelState.allocations.find(0, 0), 1);
        final LedgerInvariantException broken = assertThrows(LedgerInvariantException.class, () ->
        {
            for (int i = 0; i < LedgerChecks.CONSERVATION_EVERY; i++)
            {
                ledger.apply(new Command().tick());
            }
        });
        assertTrue(broken.getMessage().contains("allocated equals"), broken.getMessage());
    }

    @Test
    void aVersionThatSkipsIsBroken()
    {
        final Command set = setStock(10);
        ledger.apply(set);
        final Command skip = new Command().adjust("A1", "W1", 1, 0, 0, "found");
        skip.result.changes().add("A1", "W1", 11, 0, 0, 0, 0, 3);
        assertThrows(LedgerInvariantException.class, () -> checks.afterCommand(skip));
    }

    @Test
    void aLockThatMovesOnHandStockIsBroken()
    {
        ledger.apply(setStock(10));
        final Command lock = new Command().lock("O-1", null, 0, false, false);
        lock.result.changes().add("A1", "W1", 9, 1, 0, 0, 0, 2);
        final LedgerInvariantException broken = assertThrows(LedgerInvariantException.class,
            () -> checks.afterCommand(lock));
        assertTrue(broken.getMessage().contains("LOCK moved levels"), broken.getMessage());
    }

    @Test
    void reservedStockThatNoOpenLineHoldsBreaksConservation()
    {
        ledger.apply(setStock(100));
        final Command lock = new Command().lock("O-1", null, 0, false, false);
        lock.lines.add("A1", "W1", 5);
        ledger.apply(lock);
        assertTrue(lock.result.code() == ErrorCode.OK);
        // A bug that reserves without a line: the next conservation check must catch it.
        ledger.cells.addReserved(ledger.cells.find("A1", "W1"), 1);
        final LedgerInvariantException broken = assertThrows(LedgerInvariantException.class, () ->
        {
            for (int i = 0; i < LedgerChecks.CONSERVATION_EVERY; i++)
            {
                final Command tick = new Command().tick();
                tick.timestampMillis = 1;
                ledger.apply(tick);
            }
        });
        assertTrue(broken.getMessage().contains("conservation"), broken.getMessage());
    }

    private static Command setStock(final long onHand)
    {
        final Command command = new Command().setStock();
        command.items.add("A1", "W1", onHand, Command.ABSENT, Command.ABSENT, Command.ABSENT);
        return command;
    }
}
