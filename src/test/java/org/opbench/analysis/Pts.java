package org.opbench.analysis;

import java.util.Map;
import org.opbench.measure.Stats;
import org.opbench.result.PointRecord;
import org.opbench.result.Status;
import org.opbench.result.TimeStats;

/** Hand-made point records for the analysis tests. */
final class Pts {
    private Pts() {
    }

    /** An ok point whose samples are all {@code medianUs} (so its median is exact). */
    static PointRecord ok(String network, String layer, String problem, int repeat, String backend, String algorithm,
                          String tuner, int threads, double medianUs, long flops, long bytes) {
        return ok(network, layer, problem, repeat, backend, algorithm, tuner, threads, new double[] {medianUs, medianUs,
                medianUs}, flops, bytes, null);
    }

    static PointRecord ok(String network, String layer, String problem, int repeat, String backend, String algorithm,
                          String tuner, int threads, double[] samples, long flops, long bytes, Map<String, Object> details) {
        Stats s = Stats.of(samples);
        return new PointRecord("point", "conv", problem, layer, network, repeat, 1, "f32", Map.of(), backend, "1.0",
                "cpu:test", null, algorithm, algorithm, tuner, threads, Status.OK, null, "wall", samples, TimeStats.of(s),
                s.cv(), false, flops, bytes, flops / (s.median() * 1e3), bytes / (s.median() * 1e3), 1.0, 0.0, 1e-4,
                null, null, null, 1, null, details);
    }

    static PointRecord failed(String network, String layer, String problem, String backend, String algorithm,
                              int threads, Status status, String reason) {
        return new PointRecord("point", "conv", problem, layer, network, 1, 1, "f32", Map.of(), backend, "1.0",
                "cpu:test", null, algorithm, null, "none", threads, status, reason, "wall", null, null, null, null, 1000, 100,
                null, null, null, null, 1e-4, null, null, null, 1, null, null);
    }
}
