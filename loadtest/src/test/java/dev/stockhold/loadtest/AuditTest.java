package dev.stockhold.loadtest;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.loadtest.run.AckBook;
import dev.stockhold.loadtest.run.Audit;
import dev.stockhold.loadtest.server.LocalServer;
import dev.stockhold.loadtest.targets.Answer;
import dev.stockhold.loadtest.targets.SbeTarget;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit passes on an honest record and catches a falsified one, or a server changed behind its back. */
class AuditTest
{
    @Test
    void auditPassesOnTheTruthAndFailsOnAFalsifiedRecord() throws Exception
    {
        try (LocalServer server = new LocalServer("127.0.0.1", 0, false);
             SbeTarget target = new SbeTarget("127.0.0.1", URI.create(server.sbeUrl()).getPort(), 2))
        {
            final AckBook book = honestRun(target);
            final Audit.Result honest = Audit.run(target, book);
            assertTrue(honest.passed(), honest.describe());

            book.falsify("order-1", 1);
            final Audit.Result falsified = Audit.run(target, book);
            System.out.print(falsified.describe());

            assertFalse(falsified.passed());
            assertTrue(falsified.mismatches().stream().anyMatch(m -> m.startsWith("A/WH-1: onHand 7 != seeded 10")),
                falsified.describe());
        }
    }

    @Test
    void auditCatchesStockChangedBehindItsBack() throws Exception
    {
        try (LocalServer server = new LocalServer("127.0.0.1", 0, false);
             SbeTarget target = new SbeTarget("127.0.0.1", URI.create(server.sbeUrl()).getPort(), 1))
        {
            final AckBook book = honestRun(target);
            // A count the harness never saw: the server now holds less than the record says.
            assertTrue(target.send(new Command().adjust("B", "WH-1", -4, 0, 0, "lost")).get().isOk());

            final Audit.Result result = Audit.run(target, book);
            System.out.print(result.describe());

            assertFalse(result.passed());
            assertTrue(result.describe().contains("B/WH-1: onHand"), result.describe());
            assertTrue(result.describe().contains("stock not conserved"), result.describe());
        }
    }

    /** Seeds A and B with 10 each, locks 3 of A (order-1, deducted) and 2 of B (order-2, left open). */
    private static AckBook honestRun(final SbeTarget target) throws Exception
    {
        final AckBook book = new AckBook();
        final Command seed = new Command().setStock();
        seed.items.add("A", "WH-1", 10, Command.ABSENT, 0, Command.ABSENT);
        seed.items.add("B", "WH-1", 10, Command.ABSENT, 0, Command.ABSENT);
        book.seeded(target.send(seed).get().levels());
        final Command lock = new Command().lock("order-1", "shopify", 0, false, false);
        lock.lines.add("A", "WH-1", 3);
        book.answered("order-1", 0, target.send(lock).get());
        final Answer deducted = target.send(new Command().settle(CommandType.DEDUCT, "order-1")).get();
        assertTrue(deducted.isOk());
        book.answered("order-1", 0, deducted);
        final Command open = new Command().lock("order-2", "temu", 0, false, false);
        open.lines.add("B", "WH-1", 2);
        book.answered("order-2", 0, target.send(open).get());
        return book;
    }
}
