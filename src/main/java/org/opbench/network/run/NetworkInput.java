package org.opbench.network.run;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The seeded input of a network measurement: uniform in [-1, 1), NCHW, from a seed derived from the graph's digest,
 * the batch and the run seed, so every backend and the reference see the same values.
 */
public final class NetworkInput {
    private NetworkInput() {
    }

    public static long seed(String digest, int batch, long runSeed) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (digest + "|b" + batch).getBytes(StandardCharsets.US_ASCII)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return h ^ (runSeed * 0x9E3779B97F4A7C15L);
    }

    public static float[] of(String digest, int batch, long runSeed, long[] chw) {
        long n = (long) batch * chw[0] * chw[1] * chw[2];
        float[] x = new float[Math.toIntExact(n)];
        SplittableRandom r = new SplittableRandom(seed(digest, batch, runSeed));
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 2.0 - 1.0);
        }
        return x;
    }
}
