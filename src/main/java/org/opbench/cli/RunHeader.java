package org.opbench.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.opbench.env.HostProbe;
import org.opbench.env.OpbenchHome;
import org.opbench.measure.TimerCalibration;
import org.opbench.result.HostFingerprint;
import org.opbench.result.HostInfo;
import org.opbench.result.Json;
import org.opbench.result.ShardInfo;
import org.opbench.result.RunRecord;
import org.opbench.result.TimerInfo;
import org.opbench.spi.Availability;

/** The {@code run} record that heads what one command wrote: who, where, which libraries, the timer, the settings. */
final class RunHeader {
    private RunHeader() {
    }

    /** Each backend's availability as the header records it, by name in the given order. */
    static <B> Map<String, Map<String, Object>> libraries(List<B> backends, Function<B, String> name,
                                                          Function<B, Availability> availability) {
        Map<String, Map<String, Object>> libraries = new LinkedHashMap<>();
        for (B b : backends) {
            Availability a = availability.apply(b);
            Map<String, Object> m = status(a);
            m.put("details", a.details());
            libraries.put(name.apply(b), m);
        }
        return libraries;
    }

    /** Whether a backend is available, its version and device, or why not: the header's and 'list backends'. */
    static Map<String, Object> status(Availability a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("available", a.available());
        m.put("version", a.version());
        m.put("device", a.device());
        m.put("reason", a.reason());
        return m;
    }

    /** How long the run header's system check watches steal time and busy processes. */
    static final double SYSTEM_PROBE_S = 0.25;

    /**
     * Runs {@code opbench system}'s checks with a short probe and prints their warnings in one line; the header
     * keeps every check in its settings ({@code system_check}), so that a result says what the machine was like.
     */
    static org.opbench.env.SystemCheck.Report systemCheck(java.io.PrintWriter err) throws InterruptedException {
        org.opbench.env.SystemCheck.Report r = org.opbench.env.SystemCheck.run(SYSTEM_PROBE_S);
        err.println("opbench: system: " + r.summary());
        err.flush();
        return r;
    }

    /** The header of a run started by {@code opbench ARGS...}, stamped now. */
    static RunRecord of(List<String> args, boolean resumed, long seed, Map<String, Map<String, Object>> libraries,
                        TimerCalibration timer, Map<String, Object> settings) {
        return of(args, resumed, seed, libraries, timer, settings, null, null);
    }

    /** The same, for a sweep: its plan's digest and the shard it runs (null: the whole plan). */
    static RunRecord of(List<String> args, boolean resumed, long seed, Map<String, Map<String, Object>> libraries,
                        TimerCalibration timer, Map<String, Object> settings, String planDigest, ShardInfo shard) {
        List<String> command = new ArrayList<>();
        command.add("opbench");
        command.addAll(args);
        HostInfo host = HostProbe.probe();
        return new RunRecord(RunRecord.KIND, Json.SCHEMA, OpbenchHome.version(), OpbenchHome.gitCommit(), command,
                java.time.Instant.now().toString(), resumed, seed, host, libraries, TimerInfo.of(timer),
                settings, planDigest, shard, HostFingerprint.of(host, libraries));
    }
}
