package dev.stockhold.journal.queue;

import dev.stockhold.journal.codec.JournalCodec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * How journal entries sit in Chronicle Queue documents: one document per batch of entries. Appending a
 * document costs Chronicle a write lock, an index lookup and a header whatever its size (about 0.3 µs
 * here); a batch pays that once for all of the ledger's end-of-batch group.
 * <pre>
 * document: format (1 byte, {@value #FORMAT}), then per entry: length (int32, little-endian), entry bytes
 * </pre>
 * A document whose first byte is the entry format version ({@link JournalCodec#VERSION}) is a journal
 * from before batching, one entry per document: it reads as a batch of one.
 * <p>
 * One instance frames either the entries a writer appends or those a reader walks; not both.
 */
final class EntryBatch
{
    /** The first byte of a batch document. */
    static final byte FORMAT = 2;
    /** Bytes of each entry's length prefix. */
    static final int LENGTH_BYTES = 4;

    private final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(64 * 1024);
    private int length;
    /** Reading: where the next entry's length prefix starts. */
    private int position;
    private final UnsafeBuffer entry = new UnsafeBuffer(0, 0);
    private int entryLength;
    private String error;

    // ---- writing ----

    /** Adds the entry of {@code entryLength} bytes at offset 0 of {@code source}. */
    void add(final DirectBuffer source, final int entryLength)
    {
        if (length == 0)
        {
            bytes.putByte(0, FORMAT);
            length = 1;
        }
        bytes.putInt(length, entryLength);
        bytes.putBytes(length + LENGTH_BYTES, source, 0, entryLength);
        length += LENGTH_BYTES + entryLength;
    }

    /** @return the batch's bytes: the document body, {@link #length()} of them from offset 0. */
    byte[] array()
    {
        return bytes.byteArray();
    }

    /** @return bytes in the batch, 0 when empty. */
    int length()
    {
        return length;
    }

    /** Empties the batch, for writing or for {@link #load} to fill. */
    void clear()
    {
        length = 0;
        position = 0;
    }

    // ---- reading ----

    /** @return the array to copy a document of {@code documentLength} bytes into, at offset 0. */
    byte[] loadArray(final int documentLength)
    {
        bytes.checkLimit(documentLength);
        return bytes.byteArray();
    }

    /** Starts walking the document just copied into {@link #loadArray}. */
    void load(final int documentLength)
    {
        length = documentLength;
        position = 0;
    }

    /** @return true while the loaded document has entries left to walk. */
    boolean hasNext()
    {
        return position < length;
    }

    /**
     * Frames the next entry as {@link #entry()}. When the framing itself is broken the rest of the document
     * cannot be split into entries: it is given up and {@link #error()} says why.
     *
     * @return false when the document's framing is broken.
     */
    boolean next()
    {
        if (position == 0)
        {
            final byte format = bytes.getByte(0);
            if (format == JournalCodec.VERSION)
            {
                return frame(0, length);
            }
            if (format != FORMAT)
            {
                return giveUp("unknown document format " + format);
            }
            position = 1;
        }
        if (length - position < LENGTH_BYTES)
        {
            return giveUp("a batch ends inside an entry's length");
        }
        final int declared = bytes.getInt(position);
        if (declared <= 0 || declared > length - position - LENGTH_BYTES)
        {
            return giveUp("an entry of " + declared + " bytes overruns its batch");
        }
        return frame(position + LENGTH_BYTES, declared);
    }

    /** @return the entry framed by the last successful {@link #next}. */
    DirectBuffer entry()
    {
        return entry;
    }

    int entryLength()
    {
        return entryLength;
    }

    /** @return why the last {@link #next} gave the document up. */
    String error()
    {
        return error;
    }

    private boolean frame(final int offset, final int entryBytes)
    {
        entry.wrap(bytes.byteArray(), offset, entryBytes);
        entryLength = entryBytes;
        position = offset + entryBytes;
        return true;
    }

    private boolean giveUp(final String why)
    {
        error = why;
        position = length;
        return false;
    }
}
