package org.opbench.worker;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opbench.problem.Problem;
import org.opbench.result.PointRecord;
import org.opbench.result.Status;

/**
 * A point record being filled in, by name: what was measured and how are set here, what the measurement found
 * through {@link #record()}; {@link #ok}, {@link #fail} and {@link #build} freeze it (stamped with the time).
 */
public final class PointDraft {
    private final PointRecord.Builder record;
    private final Map<String, Object> details = new LinkedHashMap<>();

    public PointDraft(Problem problem, String network, int repeat, String backend, String algorithm, String tuner,
                      int threads) {
        this.record = PointRecord.builder().problem(problem).network(network).repeat(repeat).backend(backend)
                .algorithm(algorithm).tuner(tuner).threads(threads);
    }

    /** The record's builder, for the figures a measurement fills in (prepare_ms, impl, rel_err, times, ...). */
    public PointRecord.Builder record() {
        return record;
    }

    public PointDraft library(String version, String deviceName) {
        record.backendVersion(version).device(deviceName);
        return this;
    }

    /** Whether the point ran under an emulator (null: unknown). */
    public PointDraft emulated(Boolean value) {
        record.emulated(value);
        return this;
    }

    /** Adds one entry to the record's {@code details}. */
    public PointDraft detail(String key, Object value) {
        details.put(key, value);
        return this;
    }

    /** Adds entries to the record's {@code details}. */
    public PointDraft details(Map<String, ?> entries) {
        details.putAll(entries);
        return this;
    }

    /** A measured record: status ok. */
    public PointRecord ok() {
        record.status(Status.OK);
        return build();
    }

    /** A record that was not measured, with its status and reason: no samples or figures derived from them. */
    public PointRecord fail(Status s, String why) {
        record.status(s).reason(why).samplesUs(null).timeUs(null).cv(null).unstable(null).gflops(null).gbps(null)
                .wallUs(null).rounds(null).roundUs(null).samplesRound(null).ciUs(null).ciPct(null)
                .unstableReason(null).interleaved(null).noise(null).warmupMs(null).timedMs(null);
        return build();
    }

    public PointRecord build() {
        return record.finished(Instant.now().toString()).details(details.isEmpty() ? null : Map.copyOf(details))
                .build();
    }
}
