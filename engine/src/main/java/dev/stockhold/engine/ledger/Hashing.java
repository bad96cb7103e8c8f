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

    /** Mixes a string (or null, distinct from empty) into {@code hash}. */
    static long mix(final long hash, final String value)
    {
        if (value == null)
        {
            return mix(hash, 0x5555_5555_5555_5555L);
        }
        // String.hashCode is specified by the Java API (the same on every JVM) and cached in the string,
        // so hashing a code the ledger has seen before costs no pass over its characters.
        return mix(hash, ((long)value.length() << 32) | (value.hashCode() & 0xFFFF_FFFFL));
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
