package org.opbench.worker;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opbench.problem.Problem;
import org.opbench.result.PointRecord;
import org.opbench.result.SensorPair;
import org.opbench.result.Status;
import org.opbench.result.TimeStats;

/** A point record being filled in; {@link #build} freezes it. */
public final class PointDraft {
    final Problem problem;
    final String network;
    final int repeat;
    final String backend;
    final String algorithm;
    final String tuner;
    final int threads;
    String backendVersion;
    String device;
    Boolean emulated;
    String impl;
    Status status;
    String reason;
    String clock;
    double[] samplesUs;
    TimeStats timeUs;
    Double cv;
    Boolean unstable;
    Double gflops;
    Double gbps;
    Double prepareMs;
    Double relErr;
    Double tolerance;
    TimeStats wallUs;
    SensorPair cpuMhz;
    SensorPair tempC;
    long seed;
    final Map<String, Object> details = new LinkedHashMap<>();

    public PointDraft(Problem problem, String network, int repeat, String backend, String algorithm, String tuner,
                      int threads) {
        this.problem = problem;
        this.network = network;
        this.repeat = repeat;
        this.backend = backend;
        this.algorithm = algorithm;
        this.tuner = tuner;
        this.threads = threads;
    }

    public PointDraft library(String version, String deviceName) {
        this.backendVersion = version;
        this.device = deviceName;
        return this;
    }

    /** Whether the point ran under an emulator (null: unknown). */
    public PointDraft emulated(Boolean value) {
        this.emulated = value;
        return this;
    }

    /** A record that was not measured, with its status and reason. */
    public PointRecord fail(Status s, String why) {
        this.status = s;
        this.reason = why;
        this.samplesUs = null;
        this.timeUs = null;
        this.cv = null;
        this.unstable = null;
        this.gflops = null;
        this.gbps = null;
        this.wallUs = null;
        return build();
    }

    public PointRecord build() {
        return new PointRecord(PointRecord.KIND, problem.op().id(), problem.descriptor(), problem.name(), network, repeat,
                problem.mb(), problem.dtype().id(), problem.fields(), backend, backendVersion, device, emulated, algorithm, impl,
                tuner, threads, status, reason, clock, samplesUs, timeUs, cv, unstable, problem.flops(), problem.bytes(),
                gflops, gbps, prepareMs, relErr, tolerance, wallUs, cpuMhz, tempC, seed, Instant.now().toString(),
                details.isEmpty() ? null : Map.copyOf(details));
    }
}
