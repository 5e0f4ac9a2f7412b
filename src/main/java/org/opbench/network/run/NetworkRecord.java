package org.opbench.network.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import org.opbench.result.Status;
import org.opbench.result.TimeStats;

/**
 * One whole-network measurement: a model on a backend with an algorithm, thread count and batch size
 * ({@code record: "network"}). Times in microseconds per batch unless named otherwise. Fields that do not apply
 * are null; every status but {@code ok} has a reason and no timing.
 *
 * @param autoStop       in auto mode, on the record of the batch that was not run: why the doubling stopped
 *                       ({@code throughput}, {@code memory}, {@code max_batch}, {@code failed}); else null
 * @param timePerImageUs median time per batch divided by the batch
 * @param throughputIps  images per second: batch / median time per batch
 * @param latencyUs      percentiles of the time per batch
 * @param coldMs         the first run after the session was created (included in nothing else)
 * @param prepareMs      loading the model and creating the session
 * @param peakMemoryMb   the worker's peak resident memory (native and Java heap) while this batch was loaded,
 *                       run and timed, counted from a reset of the peak just before loading
 * @param baselineMemoryMb the worker's resident memory at that reset
 * @param heapPeakMb     the Java heap's peak use over the same span (part of the resident memory)
 * @param flops          operations per batch: the sum of the layers' counts
 * @param gflops         flops / median time
 * @param relErr         {@link org.opbench.measure.Check#relativeError} of the output against the reference
 * @param reference      what the output was compared with
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"record", "model", "model_file", "model_digest", "backend", "backend_version", "device",
        "algorithm", "impl", "threads", "batch", "status", "reason", "auto_stop", "samples_us", "time_us",
        "time_per_image_us", "throughput_ips", "latency_us", "cv", "unstable", "cold_ms", "prepare_ms",
        "peak_memory_mb", "baseline_memory_mb", "heap_peak_mb", "flops", "gflops", "params", "layers", "rel_err",
        "tolerance", "reference", "profile_runs", "profile_total_us", "seed", "finished", "details"})
public record NetworkRecord(String record, String model, String modelFile, String modelDigest, String backend,
                            String backendVersion, String device, String algorithm, String impl, int threads,
                            int batch, Status status, String reason, String autoStop, double[] samplesUs,
                            TimeStats timeUs, Double timePerImageUs, Double throughputIps, Latency latencyUs,
                            Double cv, Boolean unstable, Double coldMs, Double prepareMs, Double peakMemoryMb,
                            Double baselineMemoryMb, Double heapPeakMb, long flops, Double gflops, long params,
                            int layers, Double relErr, Double tolerance, String reference, Integer profileRuns,
                            Double profileTotalUs, long seed, String finished, Map<String, Object> details) {
    public static final String KIND = "network";

    /** Latency percentiles in microseconds per batch (linear interpolation between order statistics). */
    public record Latency(double p50, double p90, double p99) {
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
