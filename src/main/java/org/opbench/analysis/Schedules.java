package org.opbench.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.result.PointRecord;

/**
 * The ideal adaptive schedule: per shape set, batch and thread count, the fastest ok backend/algorithm/tuner of
 * every layer, and the network time it predicts (sum of median x repeat). It is compared with the best single
 * backend: each backend running every layer with its own fastest algorithm/tuner for that layer; a backend
 * counts only when it has an ok point for every layer. Layer-to-layer costs (layout changes between libraries)
 * are not included: the prediction is a lower bound for a real mixed schedule. Groups without any ok point are
 * left out (their points are listed as not ok). One schedule per precision: an int8 layer never stands in for an
 * f32 one.
 */
public final class Schedules {
    private Schedules() {
    }

    /**
     * One layer of the schedule.
     *
     * @param config       the fastest configuration (null when no point of this layer is ok)
     * @param medianUs     its median time for one instance of the layer (null when none)
     * @param backendUs    per backend, its fastest ok median for this layer
     * @param backendConfig per backend, the configuration that gave it
     */
    public record Choice(String layer, String op, String problem, int repeat, String config, Double medianUs,
                         Map<String, Double> backendUs, Map<String, String> backendConfig) {
    }

    /**
     * @param predictedUs       the schedule's time (over the layers that have an ok point)
     * @param complete          whether every layer has an ok point
     * @param backendTotalUs    per backend, its network time; absent when the backend misses a layer
     * @param bestBackend       the fastest complete backend (null when none is complete)
     * @param saving            1 - predicted / best single backend (null when either is incomplete)
     */
    public record Schedule(String network, int batch, int threads, List<Choice> layers, double predictedUs,
                           boolean complete, Map<String, Double> backendTotalUs, List<String> incompleteBackends,
                           String bestBackend, Double bestBackendUs, Double saving, String dtype) {
    }

    public static List<Schedule> of(List<PointRecord> points) {
        Map<String, List<PointRecord>> groups = new LinkedHashMap<>();
        for (PointRecord p : points) {
            groups.computeIfAbsent(Points.network(p) + "|" + p.batch() + "|" + p.threads() + "|" + Points.dtype(p), k -> new ArrayList<>()).add(p);
        }
        List<Schedule> out = new ArrayList<>();
        for (List<PointRecord> group : groups.values()) {
            if (group.stream().anyMatch(Points::timed)) { // a group with no ok point has nothing to schedule
                out.add(schedule(group));
            }
        }
        return out;
    }

    private static Schedule schedule(List<PointRecord> group) {
        Map<String, List<PointRecord>> byLayer = new LinkedHashMap<>();
        List<String> backends = new ArrayList<>();
        for (PointRecord p : group) {
            byLayer.computeIfAbsent(Points.layerKey(p), k -> new ArrayList<>()).add(p);
            if (!backends.contains(p.backend())) {
                backends.add(p.backend());
            }
        }
        List<Choice> choices = new ArrayList<>();
        double predicted = 0;
        boolean complete = true;
        Map<String, Double> totals = new LinkedHashMap<>();
        List<String> incomplete = new ArrayList<>();
        backends.forEach(b -> totals.put(b, 0.0));
        for (List<PointRecord> layer : byLayer.values()) {
            PointRecord first = layer.get(0);
            PointRecord best = null;
            Map<String, Double> backendUs = new LinkedHashMap<>();
            Map<String, String> backendConfig = new LinkedHashMap<>();
            for (PointRecord p : layer) {
                if (!Points.timed(p)) {
                    continue;
                }
                double m = p.timeUs().median();
                if (best == null || m < best.timeUs().median()) {
                    best = p;
                }
                Double cur = backendUs.get(p.backend());
                if (cur == null || m < cur) {
                    backendUs.put(p.backend(), m);
                    backendConfig.put(p.backend(), Points.config(p));
                }
            }
            int repeat = Math.max(1, first.repeat());
            if (best == null) {
                complete = false;
            } else {
                predicted += best.timeUs().median() * repeat;
            }
            for (String b : backends) {
                Double t = backendUs.get(b);
                if (t == null) {
                    if (!incomplete.contains(b)) {
                        incomplete.add(b);
                    }
                } else {
                    totals.merge(b, t * repeat, Double::sum);
                }
            }
            choices.add(new Choice(Points.layer(first), first.op(), first.problem(), repeat,
                    best == null ? null : Points.config(best), best == null ? null : best.timeUs().median(),
                    backendUs, backendConfig));
        }
        incomplete.forEach(totals::remove);
        String bestBackend = null;
        Double bestUs = null;
        for (Map.Entry<String, Double> e : totals.entrySet()) {
            if (bestUs == null || e.getValue() < bestUs) {
                bestBackend = e.getKey();
                bestUs = e.getValue();
            }
        }
        Double saving = complete && bestUs != null && bestUs > 0 ? 1 - predicted / bestUs : null;
        PointRecord ex = group.get(0);
        return new Schedule(Points.network(ex), ex.batch(), ex.threads(), choices, predicted, complete, totals,
                incomplete, bestBackend, bestUs, saving, Points.dtype(ex));
    }
}
