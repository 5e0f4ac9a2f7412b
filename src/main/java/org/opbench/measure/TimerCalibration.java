package org.opbench.measure;

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
}
