package org.opbench.backend.opencl.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.opbench.spi.BackendException;

/**
 * Interleaved rounds: in each round every configuration runs once (a few repetitions, their median is the round's
 * value), in an order shuffled with a seed per round, so a noise episode spreads over the configurations instead of
 * landing on one of them whole.
 */
public final class Rounds {
    private Rounds() {
    }

    /** One round of configuration {@code index}: the median of its repetitions in nanoseconds. */
    @FunctionalInterface
    public interface Timer {
        double time(int index) throws BackendException;
    }

    /** The seed of round {@code round} of a search seeded with {@code seed}. */
    static long roundSeed(long seed, int round) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (round + 1))).nextLong();
    }

    /** The order configurations run in, in round {@code round}. */
    static List<Integer> order(int configs, long seed, int round) {
        List<Integer> order = new ArrayList<>(configs);
        for (int i = 0; i < configs; i++) {
            order.add(i);
        }
        SplittableRandom rng = new SplittableRandom(roundSeed(seed, round));
        for (int i = configs - 1; i > 0; i--) {
            Collections.swap(order, i, rng.nextInt(i + 1));
        }
        return order;
    }

    /** {@code values[config][round]}. */
    public static double[][] run(int configs, int rounds, long seed, Timer timer) throws BackendException {
        double[][] v = new double[configs][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int c : order(configs, seed, r)) {
                v[c][r] = timer.time(c);
            }
        }
        return v;
    }

    /** The median of {@code x} (not modified). */
    public static double median(double[] x) {
        double[] s = x.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
