package org.opbench.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One measured (or not measured) point: a problem on a backend with an algorithm, tuner and thread count.
 * Keys are documented in {@code README.md} and {@code src/main/resources/schema/opbench-results.schema.json};
 * times are microseconds. {@code gflops} and {@code gbps} come from the median. Fields that do not apply are null.
 * {@code emulated} is true when the worker ran under an emulator (its timings are not the hardware's), false when it
 * found no emulation, null when unknown (a worker on another machine that left no record of its own).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"record", "op", "problem", "layer", "network", "repeat", "batch", "dtype", "shape", "backend",
        "backend_version", "device", "emulated", "algorithm", "impl", "tuner", "threads", "status", "reason", "clock",
        "samples_us",
        "time_us", "cv", "unstable", "flops", "bytes", "gflops", "gbps", "prepare_ms", "rel_err", "tolerance",
        "wall_us", "cpu_mhz", "temp_c", "seed", "finished", "details"})
public record PointRecord(String record, String op, String problem, String layer, String network, int repeat, int batch,
                          String dtype, Map<String, Object> shape, String backend, String backendVersion, String device,
                          Boolean emulated, String algorithm, String impl, String tuner, int threads, Status status,
                          String reason,
                          String clock, double[] samplesUs, TimeStats timeUs, Double cv, Boolean unstable, long flops,
                          long bytes, Double gflops, Double gbps, Double prepareMs, Double relErr, Double tolerance,
                          TimeStats wallUs, SensorPair cpuMhz, SensorPair tempC, long seed, String finished,
                          Map<String, Object> details) {
    public static final String KIND = "point";

    /** The identity of a point for resuming and comparing: problem, backend, algorithm, tuner, threads, batch. */
    public String key() {
        return key(op, problem, backend, algorithm, tuner, threads, batch);
    }

    /** The key of a point with these fields (also of a planned point, before it has a record). */
    public static String key(String op, String problem, String backend, String algorithm, String tuner, int threads,
                             int batch) {
        return op + "|" + problem + "|" + backend + "|" + algorithm + "|" + tuner + "|" + threads + "|" + batch;
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
