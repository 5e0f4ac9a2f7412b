package org.opbench.backend.tensorrt;

import java.util.SplittableRandom;

/**
 * The int8 calibration data: {@code count} batches of uniform random values in [-1, 1), the distribution of
 * opbench's inputs, from a seed, so that a calibration (and so an int8 engine) can be reproduced.
 * Batch {@code i} is the same whatever order batches are asked in.
 *
 * @param seed     seed of the whole set
 * @param elements elements of one batch (the network input's size)
 * @param count    number of batches
 */
public record CalibrationBatches(long seed, int elements, int count) {
    public CalibrationBatches {
        if (elements <= 0 || count <= 0) {
            throw new IllegalArgumentException("calibration needs at least one batch of at least one element");
        }
    }

    /** Batch {@code i} (0-based). */
    public float[] batch(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("batch " + i + " of " + count);
        }
        SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (i + 1)));
        float[] a = new float[elements];
        for (int k = 0; k < a.length; k++) {
            a[k] = (float) (r.nextDouble() * 2.0 - 1.0);
        }
        return a;
    }
}
