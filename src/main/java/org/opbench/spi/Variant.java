package org.opbench.spi;

/** The axes of one point besides the problem: algorithm, tuner mode and thread count. */
public record Variant(String algorithm, String tuner, int threads) {
    public Variant {
        if (algorithm == null || algorithm.isBlank() || tuner == null || tuner.isBlank() || threads < 1) {
            throw new IllegalArgumentException("variant needs an algorithm, a tuner and threads >= 1");
        }
    }
}
