package org.opbench.result;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One whole-network measurement: a model on a backend with an algorithm, thread count and batch size
 * ({@code record: "network"}). Times in microseconds per batch unless named otherwise. Fields that do not apply
 * are null; every status but {@code ok} has a reason and no timing.
 *
 * <p>Built by name through {@link #builder()}; the canonical constructor is for the builder and JSON reading.
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
 * @param flops          operations per batch: the sum of the layers' counts (a lower bound when
 *                       {@code layersWithoutFlops} is set)
 * @param layersWithoutFlops how many of the {@code layers} have no operation count (an operator opbench has no shape
 *                       rule for, and the layers after it); null, and not written, when every layer has one
 * @param gflops         flops / median time
 * @param relErr         {@link org.opbench.measure.Check#relativeError} of the output against the reference
 * @param reference      what the output was compared with
 * @param dtype          the network's precision: {@code f32}, or {@code int8} for its QDQ-quantised model (null in
 *                       records written before precisions existed: f32)
 * @param modelBytes     size of the model file run, in bytes
 * @param extra          keys opbench does not write, kept as read (an {@code accuracy} added by hand, keys of a later
 *                       version) and written back after the others; null on the records opbench makes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"record", "model", "model_file", "model_digest", "model_bytes", "backend", "backend_version",
        "device", "algorithm", "dtype", "impl", "threads", "batch", "status", "reason", "auto_stop", "samples_us", "time_us",
        "time_per_image_us", "throughput_ips", "latency_us", "cv", "unstable", "cold_ms", "prepare_ms",
        "peak_memory_mb", "baseline_memory_mb", "heap_peak_mb", "flops", "gflops", "params", "layers",
        "layers_without_flops", "rel_err",
        "tolerance", "reference", "profile_runs", "profile_total_us", "seed", "finished", "details"})
public record NetworkRecord(String record, String model, String modelFile, String modelDigest, String backend,
                            String backendVersion, String device, String algorithm, String impl, int threads,
                            int batch, Status status, String reason, String autoStop, double[] samplesUs,
                            TimeStats timeUs, Double timePerImageUs, Double throughputIps, Latency latencyUs,
                            Double cv, Boolean unstable, Double coldMs, Double prepareMs, Double peakMemoryMb,
                            Double baselineMemoryMb, Double heapPeakMb, long flops, Double gflops, long params,
                            int layers,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Integer layersWithoutFlops, Double relErr,
                            Double tolerance, String reference, Integer profileRuns,
                            Double profileTotalUs, long seed, String finished,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String dtype,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Long modelBytes,
                            Map<String, Object> details,
                            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements Record {
    public static final String KIND = "network";

    public NetworkRecord {
        extra = extra == null || extra.isEmpty() ? null : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** Latency percentiles in microseconds per batch (linear interpolation between order statistics). */
    public record Latency(double p50, double p90, double p99) {
    }

    /** The precision, f32 for records without one. */
    public String dtypeOrF32() {
        return dtype == null ? "f32" : dtype;
    }

    public boolean ok() {
        return status == Status.OK;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A network record by name; what is not set stays null (0 for the numbers that are never null). */
    public static final class Builder {
        private String model;
        private String modelFile;
        private String modelDigest;
        private String backend;
        private String backendVersion;
        private String device;
        private String algorithm;
        private String impl;
        private int threads;
        private int batch;
        private Status status;
        private String reason;
        private String autoStop;
        private double[] samplesUs;
        private TimeStats timeUs;
        private Double timePerImageUs;
        private Double throughputIps;
        private Latency latencyUs;
        private Double cv;
        private Boolean unstable;
        private Double coldMs;
        private Double prepareMs;
        private Double peakMemoryMb;
        private Double baselineMemoryMb;
        private Double heapPeakMb;
        private long flops;
        private Integer layersWithoutFlops;
        private Double gflops;
        private long params;
        private int layers;
        private Double relErr;
        private Double tolerance;
        private String reference;
        private Integer profileRuns;
        private Double profileTotalUs;
        private long seed;
        private String finished;
        private String dtype;
        private Long modelBytes;
        private Map<String, Object> details;

        private Builder() {
        }

        public Builder model(String value) { model = value; return this; }
        public Builder modelFile(String value) { modelFile = value; return this; }
        public Builder modelDigest(String value) { modelDigest = value; return this; }
        public Builder backend(String value) { backend = value; return this; }
        public Builder backendVersion(String value) { backendVersion = value; return this; }
        public Builder device(String value) { device = value; return this; }
        public Builder algorithm(String value) { algorithm = value; return this; }
        public Builder impl(String value) { impl = value; return this; }
        public Builder threads(int value) { threads = value; return this; }
        public Builder batch(int value) { batch = value; return this; }
        public Builder status(Status value) { status = value; return this; }
        public Builder reason(String value) { reason = value; return this; }
        public Builder autoStop(String value) { autoStop = value; return this; }
        public Builder samplesUs(double[] value) { samplesUs = value; return this; }
        public Builder timeUs(TimeStats value) { timeUs = value; return this; }
        public Builder timePerImageUs(Double value) { timePerImageUs = value; return this; }
        public Builder throughputIps(Double value) { throughputIps = value; return this; }
        public Builder latencyUs(Latency value) { latencyUs = value; return this; }
        public Builder cv(Double value) { cv = value; return this; }
        public Builder unstable(Boolean value) { unstable = value; return this; }
        public Builder coldMs(Double value) { coldMs = value; return this; }
        public Builder prepareMs(Double value) { prepareMs = value; return this; }
        public Builder peakMemoryMb(Double value) { peakMemoryMb = value; return this; }
        public Builder baselineMemoryMb(Double value) { baselineMemoryMb = value; return this; }
        public Builder heapPeakMb(Double value) { heapPeakMb = value; return this; }
        public Builder flops(long value) { flops = value; return this; }
        public Builder layersWithoutFlops(Integer value) { layersWithoutFlops = value; return this; }
        public Builder gflops(Double value) { gflops = value; return this; }
        public Builder params(long value) { params = value; return this; }
        public Builder layers(int value) { layers = value; return this; }
        public Builder relErr(Double value) { relErr = value; return this; }
        public Builder tolerance(Double value) { tolerance = value; return this; }
        public Builder reference(String value) { reference = value; return this; }
        public Builder profileRuns(Integer value) { profileRuns = value; return this; }
        public Builder profileTotalUs(Double value) { profileTotalUs = value; return this; }
        public Builder seed(long value) { seed = value; return this; }
        public Builder finished(String value) { finished = value; return this; }
        public Builder dtype(String value) { dtype = value; return this; }
        public Builder modelBytes(Long value) { modelBytes = value; return this; }
        public Builder details(Map<String, Object> value) { details = value; return this; }

        /** The record; every network record has a status (ok, or why not). */
        public NetworkRecord build() {
            if (status == null) {
                throw new IllegalStateException("a network record needs a status");
            }
            return new NetworkRecord(KIND, model, modelFile, modelDigest, backend, backendVersion, device, algorithm,
                    impl, threads, batch, status, reason, autoStop, samplesUs, timeUs, timePerImageUs, throughputIps,
                    latencyUs, cv, unstable, coldMs, prepareMs, peakMemoryMb, baselineMemoryMb, heapPeakMb, flops,
                    gflops, params, layers, layersWithoutFlops, relErr, tolerance, reference, profileRuns,
                    profileTotalUs, seed, finished, dtype, modelBytes, details, null);
        }

    }
}
