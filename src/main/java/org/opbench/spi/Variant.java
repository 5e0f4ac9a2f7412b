package org.opbench.spi;

import java.util.Map;

/**
 * The axes of one point besides the problem: algorithm, tuner mode and thread count, plus backend options
 * given on the command line as {@code --option BACKEND.KEY=VALUE} (only this backend's, prefix removed).
 */
public record Variant(String algorithm, String tuner, int threads, Map<String, String> options) {
    public Variant {
        if (algorithm == null || algorithm.isBlank() || tuner == null || tuner.isBlank() || threads < 1) {
            throw new IllegalArgumentException("variant needs an algorithm, a tuner and threads >= 1");
        }
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public Variant(String algorithm, String tuner, int threads) {
        this(algorithm, tuner, threads, Map.of());
    }

    /** The option {@code key}, or {@code dflt} when not given. */
    public String option(String key, String dflt) {
        return options.getOrDefault(key, dflt);
    }
}
