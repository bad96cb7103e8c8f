package dev.stockhold.engine.ledger;

/**
 * A 64-bit hash that is the same on every JVM and run (unlike {@code Object.hashCode} of most objects),
 * for state digests and request fingerprints that must survive a restart.
 */
final class Hashing
{
    static final long SEED = 0x9E3779B97F4A7C15L;

    private Hashing()
    {
    }

    /** Mixes {@code value} into {@code hash}. */
    static long mix(final long hash, final long value)
    {
        return stafford(hash ^ stafford(value + 0x632BE59BD9B4E019L)) * 31 + value;
    }

    /**
     * Mixes a string's characters (or null, distinct from empty) into {@code hash}. Every character counts:
     * {@code String.hashCode} is only 32 bits and easy to collide ("Aa" and "BB"), which would let a
     * request under a remembered idempotency key pass for a repeat of another.
     */
    static long mix(final long hash, final String value)
    {
        if (value == null)
        {
            return mix(hash, 0x5555_5555_5555_5555L);
        }
        long h = 0xCBF2_9CE4_8422_2325L ^ value.length();
        for (int i = 0; i < value.length(); i++)
        {
            h = (h ^ value.charAt(i)) * 0x0000_0100_0000_01B3L;
        }
        return mix(hash, h);
    }

    /** The finaliser of SplitMix64 (Stafford variant 13): every input bit affects every output bit. */
    static long stafford(final long value)
    {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
