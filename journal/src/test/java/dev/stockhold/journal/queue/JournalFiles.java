package dev.stockhold.journal.queue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Test helper: finds bytes in a queue file and damages them, as a disk or a crash would. */
public final class JournalFiles
{
    private JournalFiles()
    {
    }

    /**
     * Flips one bit of the first occurrence of {@code marker} in the first 8 MiB of {@code file}.
     *
     * @return the offset damaged.
     */
    public static long flipByteOf(final Path file, final String marker) throws IOException
    {
        final byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            final byte[] data = new byte[(int)Math.min(raf.length(), 8 << 20)];
            raf.readFully(data);
            outer:
            for (int i = 0; i + needle.length <= data.length; i++)
            {
                for (int j = 0; j < needle.length; j++)
                {
                    if (data[i + j] != needle[j])
                    {
                        continue outer;
                    }
                }
                raf.seek(i + needle.length - 1);
                raf.write(data[i + needle.length - 1] ^ 0x01);
                return i + needle.length - 1;
            }
        }
        throw new IllegalStateException(marker + " not found in " + file);
    }
}
