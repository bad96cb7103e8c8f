package dev.stockhold.loadtest.workload;

import java.util.SplittableRandom;

/**
 * Zipf-distributed ranks 0..n-1: rank k is drawn with probability proportional to {@code 1 / (k+1)^s}, so a
 * few SKUs take most orders, as on a real storefront. Sampling is a binary search over the cumulative
 * distribution, built once. Not thread-safe (the random source is the caller's).
 */
public final class Zipf
{
    private final double[] cumulative;

    /**
     * @param n        the number of ranks, at least 1.
     * @param exponent the skew {@code s}; 0 is uniform, about 1 is typical of web popularity.
     */
    public Zipf(final int n, final double exponent)
    {
        if (n < 1 || exponent < 0)
        {
            throw new IllegalArgumentException("zipf needs n >= 1 and exponent >= 0");
        }
        cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++)
        {
            sum += 1.0 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++)
        {
            cumulative[k] /= sum;
        }
    }

    /** @return a rank, 0 the most popular. */
    public int next(final SplittableRandom random)
    {
        final double u = random.nextDouble();
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (cumulative[mid] < u)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    /** @return the probability of {@code rank}. */
    public double probability(final int rank)
    {
        return rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1];
    }
}
