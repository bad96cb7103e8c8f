package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.ReservationState;
import dev.stockhold.engine.model.ModelLevel;
import dev.stockhold.engine.model.ModelResult;
import dev.stockhold.engine.model.ModelShortLine;
import dev.stockhold.engine.model.ModelView;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One answer of the ledger under test, with assertions that read like the spec. */
public final class Outcome
{
    private final ModelResult result;

    Outcome(final ModelResult result)
    {
        this.result = result;
    }

    public ModelResult result()
    {
        return result;
    }

    /** Asserts success and @return this. */
    public Outcome ok()
    {
        assertEquals(ErrorCode.OK, result.code(), () -> "expected OK: " + result);
        return this;
    }

    /** Asserts the error code, that nothing changed, and @return this. */
    public Outcome fails(final ErrorCode code)
    {
        assertEquals(code, result.code(), () -> "expected " + code + ": " + result);
        assertTrue(result.changes().isEmpty(), () -> "a failed command changed cells: " + result);
        return this;
    }

    public Outcome replayed()
    {
        assertTrue(result.replayed(), () -> "expected a replay: " + result);
        assertTrue(result.changes().isEmpty(), () -> "a replay changed cells: " + result);
        return this;
    }

    public Outcome fresh()
    {
        assertFalse(result.replayed(), () -> "expected a fresh answer: " + result);
        return this;
    }

    public Outcome state(final ReservationState state)
    {
        assertEquals(state, view().state(), () -> "state of " + result);
        return this;
    }

    public Outcome noChanges()
    {
        assertTrue(result.changes().isEmpty(), () -> "expected no changes: " + result);
        return this;
    }

    /** Asserts exactly these cells changed, in this order (sku/warehouse names only). */
    public Outcome changed(final String... cells)
    {
        final List<String> names = result.changes().stream().map(l -> l.sku() + "/" + l.warehouse()).toList();
        assertEquals(List.of(cells), names, () -> "changed cells of " + result);
        return this;
    }

    public ModelView view()
    {
        assertNotNull(result.reservation(), () -> "no reservation in " + result);
        return result.reservation();
    }

    public ModelView.Line line(final int i)
    {
        return view().lines().get(i);
    }

    public List<ModelLevel> levels()
    {
        return result.levels();
    }

    public ModelLevel level()
    {
        assertEquals(1, result.levels().size(), () -> "expected one level: " + result);
        return result.levels().get(0);
    }

    public List<ModelLevel> changes()
    {
        return result.changes();
    }

    public List<ModelShortLine> shortLines()
    {
        return result.shortLines();
    }

    public long sequence()
    {
        return result.sequence();
    }

    @Override
    public String toString()
    {
        return result.toString();
    }
}
