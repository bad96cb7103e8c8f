package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ReservationView;
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
 *       str sku, str warehouse, int64 onHand, reserved, inTransit, presaleReserved, safetyStock, version,
 *       allocated
 *   channels, kits, listings, allocations and pushes (see {@link ChannelSnapshot})
 *   int32 reservations, then per reservation (open ones, then closed ones oldest first):
 *       str orderId, str channel, int32 channel id (-1: not a configured channel's order), int64 createdAt,
 *       expiresAt, lockSequence, linesFingerprint, int8 flags (1 expired, 2 released by expiry, 4 closed),
 *       int64 closedAt, int32 lines, then per line: int32 cell, int64 quantity, deducted, released,
 *       returned, int8 presale, int32 kit id (-1: none), str listing, int64 from allocation
 *   int32 idempotency keys, then per key oldest first:
 *       int32 scope, str key, int64 fingerprint, int64 at, result (see {@link ResultSnapshot})
 *   int64 digest of the state, checked on read
 * </pre>
 * Restoring rebuilds the expiry and presale queues from the reservations, in the same order the live
 * ledger keeps them (lock sequence).
 */
final class LedgerSnapshot
{
    static final int MAGIC = 0x53484C31;
    /**
     * 5: channels' push settings, acknowledgements and unacknowledged listings. 4: channels, listings, kits and allocations; a cell's allocated level; a reservation's channel and its
     * lines' kit, listing and allocated part. 3: a lock's lines fingerprint ignores the lines' order (version
     * 2 hashed them in order; version 1 hashed String.hashCode).
     */
    static final int FORMAT_VERSION = 5;

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
        long cellsDigest = CellDigest.start(cells);
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
            out.putLong(cells.allocated(cell));
            cellsDigest = CellDigest.next(cells, cellsDigest, cell);
        }
        ChannelSnapshot.write(out, ledger.channelState, cells);
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
            ResultSnapshot.write(out, entry.result);
        });
        out.putLong(Ledger.digest(cellsDigest, ReservationBook.digest(reservations, termSum[0]),
            ledger.channelState.digest()));
        return out.position - offset;
    }

    private static void writeReservation(final SnapshotBytes.Writer out, final Reservation reservation)
    {
        out.putString(reservation.orderId);
        out.putString(reservation.channel);
        out.putInt(reservation.channelId);
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
            out.putInt(reservation.kit(line));
            out.putString(reservation.listing(line));
            out.putLong(reservation.fromAllocation(line));
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
            cells.restore(cell, in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                in.getLong());
        }
        ChannelSnapshot.read(in, ledger.channelState, cells);
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
            ResultSnapshot.read(in, scratch);
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
        final String orderId = in.getString();
        final String channel = in.getString();
        final int channelId = in.getInt();
        reservation.reset(orderId, channel, in.getLong(), in.getLong(), in.getLong(), in.getLong());
        reservation.channelId = channelId;
        final int flags = in.getByte();
        reservation.expired = (flags & 1) != 0;
        reservation.releasedByExpiry = (flags & 2) != 0;
        reservation.closed = (flags & 4) != 0;
        reservation.closedAtMillis = in.getLong();
        final int lines = in.getCount();
        for (int i = 0; i < lines; i++)
        {
            final int cell = in.getInt();
            final long quantity = in.getLong();
            final long deducted = in.getLong();
            final long released = in.getLong();
            final long returned = in.getLong();
            final boolean isPresale = in.getByte() != 0;
            final int line = reservation.addLine(cell, quantity, isPresale, in.getInt(), in.getString());
            reservation.addDeducted(line, deducted);
            reservation.addReleased(line, released);
            reservation.addReturned(line, returned);
            reservation.addFromAllocation(line, in.getLong());
        }
        return reservation;
    }
}
