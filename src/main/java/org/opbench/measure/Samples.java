package org.opbench.measure;

import org.opbench.spi.Clock;

/**
 * The timed repetitions of one point, in nanoseconds. {@code timed} are read from {@code clock};
 * {@code wall} are {@code System.nanoTime} around the same runs (equal to {@code timed} for the wall clock).
 */
public record Samples(Clock clock, long[] timed, long[] wall) {
    public int count() {
        return timed.length;
    }
}
