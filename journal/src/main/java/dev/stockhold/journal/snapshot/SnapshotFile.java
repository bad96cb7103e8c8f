package dev.stockhold.journal.snapshot;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.stockhold.engine.pipeline.Failpoints;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * One snapshot file: the ledger's state and the journal sequence it covers, checked by a CRC32C.
 * Little-endian layout:
 * <pre>
 * offset  bytes  field
 *      0      4  magic "SHSN"
 *      4      2  format version, 1
 *      6      2  reserved, 0
 *      8      8  coveredSequence: the last engine sequence whose effect the state includes
 *     16      8  createdAtMillis: wall time the file was written (informational)
 *     24      4  length n of the ledger state
 *     28      n  the ledger state, as written by Ledger.writeSnapshot
 *   28+n      4  CRC32C of bytes [0, 28+n)
 * </pre>
 * A file is written under a temporary name, forced to disk and renamed atomically, so a reader sees a
 * whole file or none; a file that fails any check anyway (disk corruption, truncation by hand) is
 * reported invalid, never half-loaded.
 */
public final class SnapshotFile
{
    /** "SHSN" read as a little-endian int. */
    static final int MAGIC = 'S' | 'H' << 8 | 'S' << 16 | 'N' << 24;
    static final short VERSION = 1;
    static final int HEADER_LENGTH = 28;
    static final int TRAILER_LENGTH = 4;
    private static final int WRITE_CHUNK = 1 << 20;

    private final Path path;
    private final long coveredSequence;
    private final long createdAtMillis;
    private final DirectBuffer state;

    private SnapshotFile(final Path path, final long coveredSequence, final long createdAtMillis,
        final DirectBuffer state)
    {
        this.path = path;
        this.coveredSequence = coveredSequence;
        this.createdAtMillis = createdAtMillis;
        this.state = state;
    }

    /** @return the file. */
    public Path path()
    {
        return path;
    }

    /** @return the last engine sequence the state includes. */
    public long coveredSequence()
    {
        return coveredSequence;
    }

    /** @return when the file was written, epoch milliseconds. */
    public long createdAtMillis()
    {
        return createdAtMillis;
    }

    /** @return the ledger state: offset 0, {@code capacity()} bytes. */
    public DirectBuffer state()
    {
        return state;
    }

    /**
     * Reads and checks a whole snapshot file.
     *
     * @throws InvalidSnapshotException when the file is truncated, of another format or fails its CRC.
     * @throws IOException              when it cannot be read at all.
     */
    public static SnapshotFile read(final Path path) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < HEADER_LENGTH + TRAILER_LENGTH)
        {
            throw new InvalidSnapshotException(path + ": " + bytes.length + " bytes, shorter than a header");
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (buffer.getInt(0) != MAGIC || buffer.getShort(4) != VERSION)
        {
            throw new InvalidSnapshotException(path + ": not a version " + VERSION + " snapshot");
        }
        final int length = buffer.getInt(24);
        if (length < 0 || (long)HEADER_LENGTH + length + TRAILER_LENGTH != bytes.length)
        {
            throw new InvalidSnapshotException(path + ": truncated (state of " + length + " bytes in a file of "
                + bytes.length + ")");
        }
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, HEADER_LENGTH + length);
        if ((int)crc.getValue() != buffer.getInt(HEADER_LENGTH + length))
        {
            throw new InvalidSnapshotException(path + ": checksum mismatch");
        }
        return new SnapshotFile(path, buffer.getLong(8), buffer.getLong(16),
            new UnsafeBuffer(bytes, HEADER_LENGTH, length));
    }

    /**
     * Reads only the covered sequence from the header, without checking the file: for housekeeping.
     *
     * @return the covered sequence, or -1 when the header cannot be read.
     */
    public static long peekCoveredSequence(final Path path)
    {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ))
        {
            final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            int read;
            do
            {
                read = channel.read(header);
            }
            while (read > 0 && header.hasRemaining());
            return header.hasRemaining() || header.getInt(0) != MAGIC ? -1 : header.getLong(8);
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /**
     * Writes a snapshot durably: to {@code tmp}, forced to disk, atomically renamed to {@code target},
     * then the directory forced so the rename itself survives a power loss.
     *
     * @param state  the ledger state, bytes [0, length).
     */
    public static void write(final Path target, final Path tmp, final byte[] state, final int length,
        final long coveredSequence, final long createdAtMillis) throws IOException
    {
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC).putShort(VERSION).putShort((short)0).putLong(coveredSequence)
            .putLong(createdAtMillis).putInt(length).flip();
        final CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, HEADER_LENGTH);
        crc.update(state, 0, length);
        final ByteBuffer trailer = ByteBuffer.allocate(TRAILER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int)crc.getValue()).flip();
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            writeFully(channel, header);
            Failpoints.hit("snapshot.write");
            // In chunks: the JDK copies a heap buffer into a temporary direct one of the same size.
            for (int offset = 0; offset < length; offset += WRITE_CHUNK)
            {
                writeFully(channel, ByteBuffer.wrap(state, offset, Math.min(WRITE_CHUNK, length - offset)));
            }
            writeFully(channel, trailer);
            channel.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(target.getParent());
    }

    private static void writeFully(final FileChannel channel, final ByteBuffer buffer) throws IOException
    {
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
    }

    /** Forces a directory's entries to disk (Linux allows fsync on a directory opened for reading). */
    public static void forceDirectory(final Path dir)
    {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            // Some file systems refuse to sync a directory; the rename is still atomic, only less durable.
            return;
        }
    }
}
