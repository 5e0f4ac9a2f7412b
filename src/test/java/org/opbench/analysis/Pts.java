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
        return base(network, layer, problem, repeat, backend, algorithm, threads, flops, bytes).impl(algorithm)
                .tuner(tuner).status(Status.OK).samplesUs(samples).timeUs(TimeStats.of(s)).cv(s.cv()).unstable(false)
                .gflops(flops / (s.median() * 1e3)).gbps(bytes / (s.median() * 1e3)).prepareMs(1.0).relErr(0.0)
                .details(details).build();
    }

    static PointRecord failed(String network, String layer, String problem, String backend, String algorithm,
                              int threads, Status status, String reason) {
        return base(network, layer, problem, 1, backend, algorithm, threads, 1000, 100).tuner("none").status(status)
                .reason(reason).build();
    }

    private static PointRecord.Builder base(String network, String layer, String problem, int repeat, String backend,
                                            String algorithm, int threads, long flops, long bytes) {
        return PointRecord.builder().op("conv").problem(problem).layer(layer).network(network).repeat(repeat).batch(1)
                .dtype("f32").shape(Map.of()).backend(backend).backendVersion("1.0").device("cpu:test")
                .algorithm(algorithm).threads(threads).clock("wall").flops(flops).bytes(bytes).tolerance(1e-4).seed(1);
    }
}
