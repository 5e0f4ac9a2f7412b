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
import org.opbench.result.Status;
import org.opbench.result.TimeStats;
import org.opbench.spi.Availability;

/** A network record being filled in (by the worker, or by the driver for a batch whose worker died). */
final class NetworkDraft {
    private final NetworkTask task;
    private final NetworkJob job;
    private final Availability availability;
    private final int batch;
    private final long flops;
    private final long params;
    private final int layerCount;
    final Map<String, Object> details = new LinkedHashMap<>();
    String impl;
    Double prepareMs;
    Double coldMs;
    Double peakMemoryMb;
    Double baselineMemoryMb;
    Double heapPeakMb;
    Double relErr;
    Double tolerance;
    String reference;
    Integer profileRuns;
    Double profileTotalUs;
    private double[] samplesUs;
    private TimeStats timeUs;
    private Double cv;
    private Boolean unstable;
    private NetworkRecord.Latency latency;

    NetworkDraft(NetworkTask task, NetworkJob job, Availability availability, int batch, long flops, long params,
                 int layerCount) {
        this.task = task;
        this.job = job;
        this.availability = availability;
        this.batch = batch;
        this.flops = flops;
        this.params = params;
        this.layerCount = layerCount;
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

    NetworkRecord ok() {
        double median = timeUs.median();
        return build(Status.OK, null, null, samplesUs, timeUs, median / batch, batch * 1e6 / median, latency,
                flops / (median * 1e3));
    }

    NetworkRecord fail(Status status, String reason, String autoStop) {
        return build(status, reason, autoStop, null, null, null, null, null, null);
    }

    private NetworkRecord build(Status status, String reason, String autoStop, double[] samples, TimeStats t,
                                Double perImage, Double throughput, NetworkRecord.Latency lat, Double gflops) {
        boolean ok = status == Status.OK;
        return new NetworkRecord(NetworkRecord.KIND, task.model(), task.modelFile(), task.digest(), job.backend(),
                availability.version(), availability.device(), task.algorithm(), impl, job.threads(), batch, status,
                reason, autoStop, samples, t, perImage, throughput, lat, ok ? cv : null, ok ? unstable : null,
                ok ? coldMs : null, prepareMs, peakMemoryMb, baselineMemoryMb, heapPeakMb, flops, gflops, params,
                layerCount, relErr, tolerance, reference, ok ? profileRuns : null, ok ? profileTotalUs : null,
                job.seed(), Instant.now().toString(), details.isEmpty() ? null : Map.copyOf(nonNull(details)));
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
            long f = inserted ? 0 : t.layer().flops();
            String problem = inserted || t.layer().problem() == null ? null : t.layer().problem().descriptor();
            String op = inserted ? t.kernelOp() : t.layer().op();
            String onnxOp = inserted ? null : t.layer().onnxOp();
            String note = inserted ? "kernel inserted by " + n.backend() : t.layer().note();
            out.add(new LayerRecord(LayerRecord.KIND, n.model(), n.backend(), n.algorithm(), n.threads(),
                    n.batch(), inserted ? index : t.layer().index(), t.name(), op, onnxOp, problem, t.kernelOp(),
                    t.kernels(), t.us(), total > 0 ? t.us() / total : 0, f,
                    t.us() > 0 && f > 0 ? f / (t.us() * 1e3) : null, t.fusedInto(), t.fused(), t.executed(),
                    inserted, note));
            index = Math.max(index, inserted ? index + 1 : t.layer().index() + 1);
        }
        return out;
    }
}
