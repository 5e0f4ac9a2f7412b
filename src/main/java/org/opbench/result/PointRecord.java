package org.opbench.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import org.opbench.problem.Problem;

/**
 * One measured (or not measured) point: a problem on a backend with an algorithm, tuner and thread count.
 * Keys are documented in {@code docs/results.md} and {@code src/main/resources/schema/opbench-results.schema.json};
 * times are microseconds. {@code gflops} and {@code gbps} come from the median. Fields that do not apply are null.
 * {@code emulated} is true when the worker ran under an emulator (its timings are not the hardware's), false when it
 * found no emulation, null when unknown (a worker on another machine that left no record of its own).
 * {@code tuning_ms} (the time a tuner searched in prepare) is written only where a backend tunes, so records of
 * backends that do not tune keep their bytes.
 *
 * <p>Built by name through {@link #builder()}: the canonical constructor, with its positional components, is for
 * the builder and for reading JSON only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"record", "op", "problem", "layer", "network", "repeat", "batch", "dtype", "shape", "backend",
        "backend_version", "device", "emulated", "algorithm", "impl", "tuner", "threads", "status", "reason", "clock",
        "samples_us",
        "time_us", "cv", "unstable", "flops", "bytes", "gflops", "gbps", "prepare_ms", "rel_err", "tolerance",
        "wall_us", "cpu_mhz", "temp_c", "seed", "finished", "details", "rounds", "round_us", "samples_round", "ci_us",
        "ci_pct", "unstable_reason", "interleaved", "noise", "warmup_ms", "timed_ms",
        "tuning_ms"})
public record PointRecord(String record, String op, String problem, String layer, String network, int repeat, int batch,
                          String dtype, Map<String, Object> shape, String backend, String backendVersion, String device,
                          Boolean emulated, String algorithm, String impl, String tuner, int threads, Status status,
                          String reason,
                          String clock, double[] samplesUs, TimeStats timeUs, Double cv, Boolean unstable, long flops,
                          long bytes, Double gflops, Double gbps, Double prepareMs, Double relErr, Double tolerance,
                          TimeStats wallUs, SensorPair cpuMhz, SensorPair tempC, long seed, String finished,
                          Map<String, Object> details, Integer rounds, double[] roundUs, int[] samplesRound,
                          Interval ciUs, Double ciPct, String unstableReason, Boolean interleaved, Noise noise,
                          Double warmupMs, Double timedMs,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Double tuningMs) implements Record {
    public static final String KIND = "point";

    /** The identity of a point for resuming and comparing: problem, backend, algorithm, tuner, threads, batch. */
    public String key() {
        return key(op, problem, dtype, backend, algorithm, tuner, threads, batch);
    }

    /**
     * The key of a point with these fields (also of a planned point, before it has a record). The precision is part
     * of it unless it is f32 (or absent, in files written before precisions), so older keys stay what they were.
     */
    public static String key(String op, String problem, String dtype, String backend, String algorithm, String tuner,
                             int threads, int batch) {
        String d = dtype == null || dtype.equals("f32") ? "" : "|" + dtype;
        return op + "|" + problem + d + "|" + backend + "|" + algorithm + "|" + tuner + "|" + threads + "|" + batch;
    }

    public boolean ok() {
        return status == Status.OK;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A point record by name; what is not set stays null (0 for the numbers that are never null). */
    public static final class Builder {
        private String op;
        private String problem;
        private String layer;
        private String network;
        private int repeat;
        private int batch;
        private String dtype;
        private Map<String, Object> shape;
        private String backend;
        private String backendVersion;
        private String device;
        private Boolean emulated;
        private String algorithm;
        private String impl;
        private String tuner;
        private int threads;
        private Status status;
        private String reason;
        private String clock;
        private double[] samplesUs;
        private TimeStats timeUs;
        private Double cv;
        private Boolean unstable;
        private long flops;
        private long bytes;
        private Double gflops;
        private Double gbps;
        private Double prepareMs;
        private Double relErr;
        private Double tolerance;
        private TimeStats wallUs;
        private SensorPair cpuMhz;
        private SensorPair tempC;
        private long seed;
        private String finished;
        private Map<String, Object> details;
        private Integer rounds;
        private double[] roundUs;
        private int[] samplesRound;
        private Interval ciUs;
        private Double ciPct;
        private String unstableReason;
        private Boolean interleaved;
        private Noise noise;
        private Double warmupMs;
        private Double timedMs;
        private Double tuningMs;

        private Builder() {
        }

        /** What was measured: op, problem (the descriptor), layer (its name), batch, dtype, shape, flops and bytes. */
        public Builder problem(Problem p) {
            return op(p.op().id()).problem(p.descriptor()).layer(p.name()).batch(p.mb()).dtype(p.dtype().id())
                    .shape(p.fields()).flops(p.flops()).bytes(p.bytes());
        }

        public Builder op(String value) { op = value; return this; }
        public Builder problem(String value) { problem = value; return this; }
        public Builder layer(String value) { layer = value; return this; }
        public Builder network(String value) { network = value; return this; }
        public Builder repeat(int value) { repeat = value; return this; }
        public Builder batch(int value) { batch = value; return this; }
        public Builder dtype(String value) { dtype = value; return this; }
        public Builder shape(Map<String, Object> value) { shape = value; return this; }
        public Builder backend(String value) { backend = value; return this; }
        public Builder backendVersion(String value) { backendVersion = value; return this; }
        public Builder device(String value) { device = value; return this; }
        public Builder emulated(Boolean value) { emulated = value; return this; }
        public Builder algorithm(String value) { algorithm = value; return this; }
        public Builder impl(String value) { impl = value; return this; }
        public Builder tuner(String value) { tuner = value; return this; }
        public Builder threads(int value) { threads = value; return this; }
        public Builder status(Status value) { status = value; return this; }
        public Builder reason(String value) { reason = value; return this; }
        public Builder clock(String value) { clock = value; return this; }
        public Builder samplesUs(double[] value) { samplesUs = value; return this; }
        public Builder timeUs(TimeStats value) { timeUs = value; return this; }
        public Builder cv(Double value) { cv = value; return this; }
        public Builder unstable(Boolean value) { unstable = value; return this; }
        public Builder flops(long value) { flops = value; return this; }
        public Builder bytes(long value) { bytes = value; return this; }
        public Builder gflops(Double value) { gflops = value; return this; }
        public Builder gbps(Double value) { gbps = value; return this; }
        public Builder prepareMs(Double value) { prepareMs = value; return this; }
        public Builder relErr(Double value) { relErr = value; return this; }
        public Builder tolerance(Double value) { tolerance = value; return this; }
        public Builder wallUs(TimeStats value) { wallUs = value; return this; }
        public Builder cpuMhz(SensorPair value) { cpuMhz = value; return this; }
        public Builder tempC(SensorPair value) { tempC = value; return this; }
        public Builder seed(long value) { seed = value; return this; }
        public Builder finished(String value) { finished = value; return this; }
        public Builder details(Map<String, Object> value) { details = value; return this; }
        public Builder rounds(Integer value) { rounds = value; return this; }
        public Builder roundUs(double[] value) { roundUs = value; return this; }
        public Builder samplesRound(int[] value) { samplesRound = value; return this; }
        public Builder ciUs(Interval value) { ciUs = value; return this; }
        public Builder ciPct(Double value) { ciPct = value; return this; }
        public Builder unstableReason(String value) { unstableReason = value; return this; }
        public Builder interleaved(Boolean value) { interleaved = value; return this; }
        public Builder noise(Noise value) { noise = value; return this; }
        public Builder warmupMs(Double value) { warmupMs = value; return this; }
        public Builder timedMs(Double value) { timedMs = value; return this; }
        public Builder tuningMs(Double value) { tuningMs = value; return this; }

        /** The record; every point record has a status (ok, or why not). */
        public PointRecord build() {
            if (status == null) {
                throw new IllegalStateException("a point record needs a status");
            }
            return new PointRecord(KIND, op, problem, layer, network, repeat, batch, dtype, shape, backend,
                    backendVersion, device, emulated, algorithm, impl, tuner, threads, status, reason, clock,
                    samplesUs, timeUs, cv, unstable, flops, bytes, gflops, gbps, prepareMs, relErr, tolerance, wallUs,
                    cpuMhz, tempC, seed, finished, details, rounds, roundUs, samplesRound, ciUs, ciPct,
                    unstableReason, interleaved, noise, warmupMs, timedMs, tuningMs);
        }

    }
}
