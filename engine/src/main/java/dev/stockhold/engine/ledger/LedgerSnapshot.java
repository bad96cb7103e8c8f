package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.Levels;
import dev.stockhold.engine.command.ReservationState;
import dev.stockhold.engine.command.ReservationView;
import dev.stockhold.engine.command.ShortLines;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ledger's whole state as bytes, little-endian. Strings are an int32 byte length (-1 for null) and
 * UTF-8 bytes. Layout:
 * <pre>
 *   int32 magic 'SHL1', int32 format version
 *   int64 engine time, int64 last applied sequence, int64 mutations
 *   int32 cells, then per cell in id order:
 *       str sku, str warehouse, int64 onHand, reserved, inTransit, presaleReserved, safetyStock, version
 *   int32 reservations, then per reservation (open ones, then closed ones oldest first):
 *       str orderId, str channel, int64 createdAt, expiresAt, lockSequence, linesFingerprint,
 *       int8 flags (1 expired, 2 released by expiry, 4 closed), int64 closedAt, int32 lines, then per line:
 *       int32 cell, int64 quantity, deducted, released, returned, int8 presale
 *   int32 idempotency keys, then per key oldest first:
 *       int32 scope, str key, int64 fingerprint, int64 at, result (see writeResult)
 *   int64 digest of the state, checked on read
 * </pre>
 * Restoring rebuilds the expiry and presale queues from the reservations, in the same order the live
 * ledger keeps them (lock sequence).
 */
final class LedgerSnapshot
{
    static final int MAGIC = 0x53484C31;
    /**
     * 3: a lock's lines fingerprint ignores the lines' order (version 2 hashed them in order; version 1 hashed
     * String.hashCode).
     */
    static final int FORMAT_VERSION = 3;

    private LedgerSnapshot()
    {
    }

    static int write(final Ledger ledger, final ExpandableArrayBuffer buffer, final int offset)
    {
        // The digest is computed in the same pass as the bytes: a second walk over every cell and
        // reservation would double the ledger's pause.
        final SnapshotBytes.Writer out = new SnapshotBytes.Writer(buffer, offset);
        out.putInt(MAGIC);
        out.putInt(FORMAT_VERSION);
        out.putLong(ledger.nowMillis);
        out.putLong(ledger.lastAppliedSequence);
        out.putLong(ledger.mutations);
        final StockCells cells = ledger.cells;
        long cellsDigest = cells.digestStart();
        out.putInt(cells.count());
        for (int cell = 0; cell < cells.count(); cell++)
        {
            out.putString(cells.skuCode(cell));
            out.putString(cells.warehouseCode(cell));
            out.putLong(cells.onHand(cell));
            out.putLong(cells.reserved(cell));
            out.putLong(cells.inTransit(cell));
            out.putLong(cells.presaleReserved(cell));
            out.putLong(cells.safetyStock(cell));
            out.putLong(cells.version(cell));
            cellsDigest = cells.digestNext(cellsDigest, cell);
        }
        final int reservations = ledger.book.openCount() + ledger.book.closedCount();
        final long[] termSum = new long[1];
        out.putInt(reservations);
        ledger.book.forEach(reservation ->
        {
            writeReservation(out, reservation);
            termSum[0] += ReservationBook.digestTerm(reservation);
        });
        out.putInt(ledger.keys.size());
        ledger.keys.forEach(entry ->
        {
            out.putInt(entry.scope);
            out.putString(entry.key);
            out.putLong(entry.fingerprint);
            out.putLong(entry.atMillis);
            writeResult(out, entry.result);
        });
        out.putLong(Ledger.digest(cellsDigest, ReservationBook.digest(reservations, termSum[0])));
        return out.position - offset;
    }

    private static void writeReservation(final SnapshotBytes.Writer out, final Reservation reservation)
    {
        out.putString(reservation.orderId);
        out.putString(reservation.channel);
        out.putLong(reservation.createdAtMillis);
        out.putLong(reservation.expiresAtMillis);
        out.putLong(reservation.lockSequence);
        out.putLong(reservation.linesFingerprint);
        out.putByte((reservation.expired ? 1 : 0) | (reservation.releasedByExpiry ? 2 : 0) | (reservation.closed ? 4 : 0));
        out.putLong(reservation.closedAtMillis);
        out.putInt(reservation.lineCount);
        for (int line = 0; line < reservation.lineCount; line++)
        {
            out.putInt(reservation.cell(line));
            out.putLong(reservation.quantity(line));
            out.putLong(reservation.deducted(line));
            out.putLong(reservation.released(line));
            out.putLong(reservation.returned(line));
            out.putByte(reservation.presale(line) ? 1 : 0);
        }
    }

    /** A remembered result: code, detail, replayed, sequence, levels, reservation, short lines. */
    private static void writeResult(final SnapshotBytes.Writer out, final CommandResult result)
    {
        out.putInt(result.code().wireCode());
        out.putString(result.detail());
        out.putByte(result.isReplayed() ? 1 : 0);
        out.putLong(result.sequence());
        final Levels levels = result.levels();
        out.putInt(levels.count());
        for (int i = 0; i < levels.count(); i++)
        {
            out.putString(levels.sku(i));
            out.putString(levels.warehouse(i));
            out.putLong(levels.onHand(i));
            out.putLong(levels.reserved(i));
            out.putLong(levels.inTransit(i));
            out.putLong(levels.presaleReserved(i));
            out.putLong(levels.safetyStock(i));
            out.putLong(levels.version(i));
        }
        final ReservationView view = result.reservation();
        out.putByte(view.isPresent() ? 1 : 0);
        if (view.isPresent())
        {
            out.putString(view.orderId());
            out.putString(view.channel());
            out.putByte(view.state().ordinal());
            out.putLong(view.createdAtMillis());
            out.putLong(view.expiresAtMillis());
            out.putInt(view.lineCount());
            for (int i = 0; i < view.lineCount(); i++)
            {
                out.putString(view.sku(i));
                out.putString(view.warehouse(i));
                out.putLong(view.quantity(i));
                out.putByte(view.presale(i) ? 1 : 0);
                out.putLong(view.deducted(i));
                out.putLong(view.released(i));
                out.putLong(view.returned(i));
            }
        }
        final ShortLines shortLines = result.shortLines();
        out.putInt(shortLines.count());
        for (int i = 0; i < shortLines.count(); i++)
        {
            out.putString(shortLines.sku(i));
            out.putString(shortLines.warehouse(i));
            out.putLong(shortLines.requested(i));
            out.putLong(shortLines.available(i));
        }
    }

    static void read(final Ledger ledger, final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            readChecked(ledger, new SnapshotBytes.Reader(buffer, offset, length));
        }
        catch (final IndexOutOfBoundsException | IllegalStateException ex)
        {
            throw new IllegalArgumentException("truncated or corrupt ledger snapshot", ex);
        }
    }

    private static void readChecked(final Ledger ledger, final SnapshotBytes.Reader in)
    {
        if (in.getInt() != MAGIC || in.getInt() != FORMAT_VERSION)
        {
            throw new IllegalArgumentException("not a ledger snapshot of format " + FORMAT_VERSION);
        }
        ledger.nowMillis = in.getLong();
        ledger.lastAppliedSequence = in.getLong();
        ledger.mutations = in.getLong();
        final StockCells cells = ledger.cells;
        final int cellCount = in.getCount();
        for (int i = 0; i < cellCount; i++)
        {
            final int cell = cells.create(in.getString(), in.getString());
            cells.restore(cell, in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
        }
        final List<Reservation> waitingPresale = new ArrayList<>();
        final int reservationCount = in.getCount();
        for (int i = 0; i < reservationCount; i++)
        {
            final Reservation reservation = readReservation(in, ledger.book.newReservation());
            ledger.book.restore(reservation);
            if (!reservation.closed && reservation.expiresAtMillis != ReservationView.NO_EXPIRY)
            {
                ledger.expiry.add(reservation);
            }
            if (!reservation.closed && hasWaitingPresale(reservation))
            {
                waitingPresale.add(reservation);
            }
        }
        waitingPresale.sort(Comparator.comparingLong(r -> r.lockSequence));
        for (final Reservation reservation : waitingPresale)
        {
            for (int line = 0; line < reservation.lineCount; line++)
            {
                if (reservation.presale(line) && reservation.open(line) > 0)
                {
                    ledger.presale.add(reservation.cell(line), reservation, line);
                }
            }
        }
        final int keyCount = in.getCount();
        final CommandResult scratch = new CommandResult();
        for (int i = 0; i < keyCount; i++)
        {
            final int scope = in.getInt();
            final String key = in.getString();
            final long fingerprint = in.getLong();
            final long atMillis = in.getLong();
            readResult(in, scratch);
            ledger.keys.remember(scope, key, fingerprint, atMillis, scratch);
        }
        if (in.getLong() != ledger.digest())
        {
            throw new IllegalArgumentException("ledger snapshot digest does not match its contents");
        }
    }

    private static boolean hasWaitingPresale(final Reservation reservation)
    {
        for (int line = 0; line < reservation.lineCount; line++)
        {
            if (reservation.presale(line) && reservation.open(line) > 0)
            {
                return true;
            }
        }
        return false;
    }

    private static Reservation readReservation(final SnapshotBytes.Reader in, final Reservation reservation)
    {
        reservation.reset(in.getString(), in.getString(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
        final int flags = in.getByte();
        reservation.expired = (flags & 1) != 0;
        reservation.releasedByExpiry = (flags & 2) != 0;
        reservation.closed = (flags & 4) != 0;
        reservation.closedAtMillis = in.getLong();
        final int lines = in.getCount();
        for (int i = 0; i < lines; i++)
        {
            final int line = reservation.addLine(in.getInt(), in.getLong(), false);
            reservation.addDeducted(line, in.getLong());
            reservation.addReleased(line, in.getLong());
            reservation.addReturned(line, in.getLong());
            reservation.presale(line, in.getByte() != 0);
        }
        return reservation;
    }

    private static void readResult(final SnapshotBytes.Reader in, final CommandResult result)
    {
        result.clear();
        final ErrorCode code = ErrorCode.fromWireCode(in.getInt());
        if (code == null)
        {
            throw new IllegalStateException("unknown error code in snapshot");
        }
        result.fail(code, in.getString());
        result.replayed(in.getByte() != 0);
        result.sequence(in.getLong());
        final int levels = in.getCount();
        for (int i = 0; i < levels; i++)
        {
            result.levels().add(in.getString(), in.getString(), in.getLong(), in.getLong(), in.getLong(),
                in.getLong(), in.getLong(), in.getLong());
        }
        if (in.getByte() != 0)
        {
            final ReservationView view = result.reservation();
            view.set(in.getString(), in.getString(), ReservationState.values()[in.getByte()], in.getLong(),
                in.getLong());
            final int lines = in.getCount();
            for (int i = 0; i < lines; i++)
            {
                view.addLine(in.getString(), in.getString(), in.getLong(), in.getByte() != 0, in.getLong(),
                    in.getLong(), in.getLong());
            }
        }
        final int shortLines = in.getCount();
        for (int i = 0; i < shortLines; i++)
        {
            result.shortLines().add(in.getString(), in.getString(), in.getLong(), in.getLong());
        }
    }
}
