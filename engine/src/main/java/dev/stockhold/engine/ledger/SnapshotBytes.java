package dev.stockhold.engine.ledger;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * The field-level encoding of {@link LedgerSnapshot}: little-endian numbers and length-prefixed strings
 * (an int32 byte length, -1 for null, then the bytes), with every read checked against the snapshot's
 * length so a truncated file fails cleanly.
 */
final class SnapshotBytes
{
    private SnapshotBytes()
    {
    }

    /** Appends little-endian fields to an expandable buffer. */
    static final class Writer
    {
        private final ExpandableArrayBuffer buffer;
        int position;

        Writer(final ExpandableArrayBuffer buffer, final int offset)
        {
            this.buffer = buffer;
            this.position = offset;
        }

        void putByte(final int value)
        {
            buffer.putByte(position, (byte)value);
            position += 1;
        }

        void putInt(final int value)
        {
            buffer.putInt(position, value);
            position += 4;
        }

        void putLong(final long value)
        {
            buffer.putLong(position, value);
            position += 8;
        }

        void putString(final String value)
        {
            if (value == null)
            {
                putInt(-1);
            }
            else if (isAscii(value))
            {
                // ASCII is valid UTF-8 byte for byte, and writing it needs no temporary array.
                position += buffer.putStringAscii(position, value);
            }
            else
            {
                position += buffer.putStringUtf8(position, value);
            }
        }

        private static boolean isAscii(final String value)
        {
            for (int i = 0; i < value.length(); i++)
            {
                if (value.charAt(i) >= 0x80)
                {
                    return false;
                }
            }
            return true;
        }
    }

    /** Reads little-endian fields within [offset, offset + length). */
    static final class Reader
    {
        private final DirectBuffer buffer;
        private final int limit;
        private int position;

        Reader(final DirectBuffer buffer, final int offset, final int length)
        {
            this.buffer = buffer;
            this.position = offset;
            this.limit = offset + length;
        }

        private int advance(final int size)
        {
            if (size < 0 || position + size > limit)
            {
                throw new IndexOutOfBoundsException("snapshot ends early at " + position);
            }
            final int at = position;
            position += size;
            return at;
        }

        int getByte()
        {
            return buffer.getByte(advance(1));
        }

        int getInt()
        {
            return buffer.getInt(advance(4));
        }

        /** A count of elements that follow: never negative, never more than the bytes left. */
        int getCount()
        {
            final int count = getInt();
            if (count < 0 || count > limit - position)
            {
                throw new IllegalStateException("impossible element count " + count);
            }
            return count;
        }

        long getLong()
        {
            return buffer.getLong(advance(8));
        }

        /** @return the bytes left before the limit. */
        int remaining()
        {
            return limit - position;
        }

        String getString()
        {
            final int length = getInt();
            if (length == -1)
            {
                return null;
            }
            return buffer.getStringWithoutLengthUtf8(advance(length), length);
        }
    }
}
