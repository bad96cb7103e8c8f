package dev.stockhold.journal;

import dev.stockhold.journal.snapshot.SnapshotFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The last sequence of the journal files retention has deleted, in a small file beside the journal. A
 * journal whose early files are gone cannot rebuild the ledger without a snapshot that covers them; this
 * mark lets recovery tell such a journal from a whole one, and refuse to start rather than serve a
 * ledger replayed from the middle of history when every snapshot that covered the gap is unreadable.
 */
public final class DeletedThrough
{
    static final String FILE_NAME = "deleted-through";

    private DeletedThrough()
    {
    }

    /** @return the last deleted sequence, or 0 when retention never deleted a file. */
    public static long read(final Path journalDir) throws IOException
    {
        final Path file = journalDir.resolve(FILE_NAME);
        if (!Files.exists(file))
        {
            return 0;
        }
        final String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IOException(file + " does not hold a sequence: '" + text + "'", ex);
        }
    }

    /**
     * Records that the journal through {@code sequence} is about to be deleted; durable before it returns
     * (written aside, forced, then renamed over the old mark), so a crash never leaves a deleted file
     * unrecorded.
     */
    static void record(final Path journalDir, final long sequence) throws IOException
    {
        if (sequence <= read(journalDir))
        {
            return;
        }
        final Path file = journalDir.resolve(FILE_NAME);
        final Path aside = journalDir.resolve(FILE_NAME + ".tmp");
        try (FileChannel channel = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            final ByteBuffer text = ByteBuffer.wrap((sequence + "\n").getBytes(StandardCharsets.US_ASCII));
            while (text.hasRemaining())
            {
                channel.write(text);
            }
            channel.force(true);
        }
        Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // The rename must be on disk too before any journal file goes, as for a snapshot.
        SnapshotFile.forceDirectory(journalDir);
    }
}
