package dev.stockhold.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Test helper: damages a file in its middle, as a bad disk would. */
final class JournalFilesFlip
{
    private JournalFilesFlip()
    {
    }

    static void flipMiddleByte(final Path file) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            final long at = raf.length() / 2;
            raf.seek(at);
            final int value = raf.read();
            raf.seek(at);
            raf.write(value ^ 0x40);
        }
    }
}
