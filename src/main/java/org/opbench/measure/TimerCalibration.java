package org.opbench.measure;

import org.opbench.spi.Execution;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Transform;

/**
 * Measures the timer and the harness at start-up: the smallest step {@code System.nanoTime} shows, the cost of
 * one call, and the time a repetition of an operation that does nothing takes through {@link Harness}
 * (the per-repetition overhead included in every wall-clock sample).
 *
 * @param resolutionNs    smallest non-zero difference between consecutive nanoTime reads
 * @param nanoTimeCostNs  mean cost of one nanoTime call
 * @param repOverheadNs   median sample of an empty operation timed by the harness
 */
public record TimerCalibration(double resolutionNs, double nanoTimeCostNs, double repOverheadNs) {

    public static TimerCalibration measure() {
        long resolution = Long.MAX_VALUE;
        for (int round = 0; round < 20_000; round++) {
            long a = System.nanoTime();
            long b = System.nanoTime();
            while (b == a) {
                b = System.nanoTime();
            }
            resolution = Math.min(resolution, b - a);
        }
        int calls = 2_000_000;
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            sink += System.nanoTime();
        }
        double cost = (System.nanoTime() - start) / (double) calls;
        if (sink == 42) {
            cost += 0; // keep the loop alive
        }
        Harness harness = new Harness(new MeasureSettings(10_000, 50, 100_000, 50, 1000, 100_000, 0.02, false,
                null, 0));
        double overhead;
        try (EmptyOp op = new EmptyOp()) {
            overhead = Stats.of(Stats.micros(harness.measure(op).timed())).median() * 1e3;
        } catch (Exception e) {
            throw new IllegalStateException("timer calibration failed", e);
        }
        return new TimerCalibration(resolution, cost, overhead);
    }

    private static final class EmptyOp implements PreparedOp {
        private int runs;

        @Override
        public void run() {
            runs++;
        }

        @Override
        public float[] output() {
            return new float[0];
        }

        @Override
        public Execution execution() {
            return Execution.f32("empty", "empty", Transform.NONE);
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
