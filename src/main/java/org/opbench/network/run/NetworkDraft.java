package org.opbench.network.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.measure.Samples;
import org.opbench.measure.Stats;
import org.opbench.network.profile.LayerTime;
import org.opbench.network.NetLayers;
import org.opbench.result.LayerRecord;
import org.opbench.result.NetworkRecord;
import org.opbench.result.Status;
import org.opbench.result.TimeStats;
import org.opbench.spi.Availability;

/**
 * A network record being filled in, by name (by the worker, or by the driver for a batch whose worker died): what
 * was measured and how are set here, what the measurement found through {@link #record()}; {@link #ok} and
 * {@link #fail} freeze it.
 */
final class NetworkDraft {
    private final NetworkRecord.Builder record;
    private final int batch;
    private final long flops;
    private final Map<String, Object> details = new LinkedHashMap<>();
    private double[] samplesUs;
    private TimeStats timeUs;
    private Double cv;
    private Boolean unstable;
    private NetworkRecord.Latency latency;

    NetworkDraft(NetworkTask task, NetworkJob job, Availability availability, int batch, NetLayers layers, long params) {
        this.batch = batch;
        this.flops = layers == null ? 0 : layers.flops();
        int layerCount = layers == null ? 0 : layers.layers().size();
        Integer without = layers == null || layers.withoutFlops() == 0 ? null : layers.withoutFlops();
        this.record = NetworkRecord.builder().model(task.model()).modelFile(task.modelFile())
                .modelDigest(task.digest()).backend(job.backend()).backendVersion(availability.version())
                .device(availability.device()).algorithm(task.algorithm()).threads(job.threads()).batch(batch)
                .flops(flops).layersWithoutFlops(without).params(params).layers(layerCount).seed(job.seed())
                .dtype(task.dtype()).modelBytes(task.modelBytes());
    }

    /** The record's builder, for the figures a measurement fills in (prepare_ms, memory, impl, rel_err, ...). */
    NetworkRecord.Builder record() {
        return record;
    }

    /** Adds one entry to the record's {@code details} (entries whose value is null are left out). */
    NetworkDraft detail(String key, Object value) {
        details.put(key, value);
        return this;
    }

    /** Adds entries to the record's {@code details}. */
    NetworkDraft details(Map<String, ?> entries) {
        details.putAll(entries);
        return this;
    }

    void fillTimes(Samples samples, double cvThreshold) {
        samplesUs = Stats.micros(samples.timed());
        Stats s = Stats.of(samplesUs);
        timeUs = TimeStats.of(s);
        cv = s.cv();
        unstable = s.cv() > cvThreshold;
        double[] sorted = samplesUs.clone();
        Arrays.sort(sorted);
        latency = new NetworkRecord.Latency(Stats.quantile(sorted, 0.5), Stats.quantile(sorted, 0.9),
                Stats.quantile(sorted, 0.99));
    }

    /** The record of a measured batch (after {@link #fillTimes}): status ok with the figures of its times. */
    NetworkRecord ok() {
        double median = timeUs.median();
        return finish(Status.OK, null, null).samplesUs(samplesUs).timeUs(timeUs).timePerImageUs(median / batch)
                .throughputIps(batch * 1e6 / median).latencyUs(latency).cv(cv).unstable(unstable)
                .gflops(flops / (median * 1e3)).build();
    }

    /** The record of a batch that was not measured: no times, nor the figures of an ok run (cold, profile). */
    NetworkRecord fail(Status status, String reason, String autoStop) {
        return finish(status, reason, autoStop).coldMs(null).profileRuns(null).profileTotalUs(null).build();
    }

    private NetworkRecord.Builder finish(Status status, String reason, String autoStop) {
        return record.status(status).reason(reason).autoStop(autoStop).finished(Instant.now().toString())
                .details(details.isEmpty() ? null : Map.copyOf(nonNull(details)));
    }

    private static Map<String, Object> nonNull(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    static List<LayerRecord> layerRecords(NetworkRecord n, List<LayerTime> times) {
        double total = times.stream().mapToDouble(LayerTime::us).sum();
        List<LayerRecord> out = new ArrayList<>();
        int index = 0;
        for (LayerTime t : times) {
            boolean inserted = t.inserted();
            Long f = inserted ? Long.valueOf(0) : t.layer().flops();
            String problem = inserted || t.layer().problem() == null ? null : t.layer().problem().descriptor();
            String op = inserted ? t.kernelOp() : t.layer().op();
            String onnxOp = inserted ? null : t.layer().onnxOp();
            String note = inserted ? "kernel inserted by " + n.backend() : t.layer().note();
            out.add(LayerRecord.builder().model(n.model()).backend(n.backend()).algorithm(n.algorithm())
                    .threads(n.threads()).batch(n.batch()).index(inserted ? index : t.layer().index()).layer(t.name())
                    .op(op).onnxOp(onnxOp).problem(problem).kernelOp(t.kernelOp()).kernels(t.kernels()).timeUs(t.us())
                    .share(total > 0 ? t.us() / total : 0).flops(f).gflops(t.us() > 0 && f != null && f > 0 ? f / (t.us() * 1e3) : null)
                    .fusedInto(t.fusedInto()).fused(t.fused()).executed(t.executed()).inserted(inserted).note(note)
                    .dtype(n.dtype()).build());
            index = Math.max(index, inserted ? index + 1 : t.layer().index() + 1);
        }
        return out;
    }
}
