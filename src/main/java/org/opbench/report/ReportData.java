package org.opbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.analysis.Analysis;
import org.opbench.analysis.Box;
import org.opbench.analysis.Points;
import org.opbench.analysis.Precisions;
import org.opbench.analysis.Schedules;
import org.opbench.analysis.Speedups;
import org.opbench.analysis.Tuners;
import org.opbench.result.LayerRecord;
import org.opbench.result.NetworkRecord;
import org.opbench.result.PointRecord;

/**
 * The data of the report's plots, ready for the page's script (inlined as JSON): per plot a map, or null where the
 * results hold nothing for it (the page then says so instead of drawing empty axes).
 */
final class ReportData {
    private ReportData() {
    }

    static Map<String, Object> build(Analysis a) {
        Map<String, Object> d = new LinkedHashMap<>();
        Labels labels = new Labels(a.timed());
        d.put("gflops", gflops(a.timed(), labels));
        d.put("speedup", speedup(a.speedups(), labels));
        d.put("precisions", precisions(a.precisions(), labels));
        d.put("tuners", tuners(a.tuners(), labels));
        d.put("schedules", schedules(a.schedules()));
        d.put("layers", layerBreakdown(a.input().layers()));
        d.put("throughput", throughput(a.input().networks()));
        d.put("accuracy", accuracy(a.input().networks()));
        d.put("roofline", RooflinePlot.data(a.roofline(), labels));
        return d;
    }

    /** Box plot of the GFLOPS of every sample, per layer (category) and configuration (series). */
    static Map<String, Object> gflops(List<PointRecord> points, Labels labels) {
        Grid grid = new Grid();
        Map<String, String> units = new LinkedHashMap<>(); // series -> GFLOPS or GOPS
        for (PointRecord p : points) {
            if (!Points.timed(p) || p.flops() <= 0 || p.samplesUs() == null || p.samplesUs().length == 0) {
                continue;
            }
            Box box = Box.of(Box.gflops(p.flops(), p.samplesUs()));
            String series = labels.series(Points.config(p), p.threads(), p.batch());
            grid.put(labels.layer(Points.network(p), Points.layer(p)), series, box.asArray());
            units.putIfAbsent(series, Points.rateUnit(Points.dtype(p)));
        }
        if (grid.isEmpty()) {
            return null;
        }
        Map<String, Object> m = grid.toMap("boxes");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> series = (List<Map<String, Object>>) m.get("series");
        series.forEach(x -> x.put("unit", units.get((String) x.get("name"))));
        m.put("rate", points.stream().anyMatch(p -> Points.timed(p) && Points.integer(Points.dtype(p)))
                ? "GFLOPS / GOPS (integer precisions)" : "GFLOPS");
        return m;
    }

    /**
     * Speedup of each precision over f32 per layer on the same backend (category: layer; series: backend and
     * precision), or null when there is no precision to compare with f32.
     */
    static Map<String, Object> precisions(Precisions.Result r, Labels labels) {
        if (!r.compared()) {
            return null;
        }
        Grid grid = new Grid();
        for (Precisions.Row row : r.rows()) {
            for (Precisions.Cell c : row.cells().values()) {
                if (c.speedup() != null) {
                    grid.put(labels.layer(row.network(), row.layer()),
                            labels.series(row.backend() + " " + c.dtype(), row.threads(), row.batch()), c.speedup());
                }
            }
        }
        if (grid.isEmpty()) {
            return null;
        }
        Map<String, Object> m = grid.toMap("values");
        m.put("title", "speedup over f32 on the same backend");
        return m;
    }

    static Map<String, Object> speedup(Speedups.Result s, Labels labels) {
        if (s == null || s.rows().isEmpty()) {
            return null;
        }
        Grid grid = new Grid();
        for (Speedups.Row r : s.rows()) {
            grid.put(labels.layer(r.network(), r.layer()), labels.series(r.config(), r.threads(), r.batch()), r.speedup());
        }
        Map<String, Object> m = grid.toMap("values");
        m.put("baseline", s.baseline().label());
        List<Map<String, Object>> means = new ArrayList<>();
        for (Speedups.Mean mean : s.means()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("network", mean.network());
            x.put("series", labels.series(mean.config(), mean.threads(), mean.batch()));
            x.put("geomean", mean.geomean());
            x.put("layers", mean.layers());
            means.add(x);
        }
        m.put("means", means);
        return m;
    }

    static Map<String, Object> tuners(Tuners.Result r, Labels labels) {
        if (r.rows().isEmpty()) {
            return null;
        }
        Grid grid = new Grid();
        Grid cost = new Grid();
        for (Tuners.Row row : r.rows()) {
            String cat = labels.layer(row.network(), row.layer());
            String series = labels.series(row.backend() + "/" + row.algorithm() + "/" + row.tuner()
                    + (Points.F32.equals(row.dtype()) ? "" : " " + row.dtype()), row.threads(),
                    row.batch());
            grid.put(cat, series, row.speedup());
            cost.put(cat, series, row.tuningMs());
        }
        Map<String, Object> m = grid.toMap("values");
        m.put("cost", cost.toMap("values").get("series"));
        return m;
    }

    static List<Map<String, Object>> schedules(List<Schedules.Schedule> schedules) {
        if (schedules.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Schedules.Schedule s : schedules) {
            List<String> bars = new ArrayList<>(s.backendTotalUs().keySet());
            bars.add("adaptive");
            List<Map<String, Object>> layers = new ArrayList<>();
            for (Schedules.Choice c : s.layers()) {
                List<Object> ms = new ArrayList<>();
                List<Object> configs = new ArrayList<>();
                for (String b : s.backendTotalUs().keySet()) {
                    Double us = c.backendUs().get(b);
                    ms.add(us == null ? null : us * c.repeat() / 1e3);
                    configs.add(c.backendConfig().get(b));
                }
                ms.add(c.medianUs() == null ? null : c.medianUs() * c.repeat() / 1e3);
                configs.add(c.config());
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("name", c.layer() + (c.repeat() > 1 ? " x" + c.repeat() : ""));
                l.put("values", ms);
                l.put("configs", configs);
                layers.add(l);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("title", s.network() + ", batch " + s.batch() + ", " + s.threads() + (s.threads() == 1 ? " thread"
                    : " threads") + (Points.F32.equals(s.dtype()) ? "" : ", " + s.dtype()));
            m.put("bars", bars);
            m.put("layers", layers);
            m.put("predicted_ms", s.predictedUs() / 1e3);
            m.put("complete", s.complete());
            m.put("best_backend", s.bestBackend());
            m.put("saving", s.saving());
            out.add(m);
        }
        return out;
    }

    /** Stacked per-layer times of networks from {@code record:"layer"} records. */
    static Map<String, Object> layerBreakdown(List<LayerRecord> layers) {
        List<String> bars = new ArrayList<>();
        Map<String, Map<String, Double>> byLayer = new LinkedHashMap<>();
        for (LayerRecord n : layers) {
            String bar = or(n.model()) + " / " + or(n.backend()) + (n.batch() > 0 ? " / mb" + n.batch() : "")
                    + (n.threads() > 0 ? " / t" + n.threads() : "");
            if (!bars.contains(bar)) {
                bars.add(bar);
            }
            byLayer.computeIfAbsent(or(n.layer()), k -> new LinkedHashMap<>()).merge(bar, n.timeUs() / 1e3,
                    Double::sum);
        }
        if (bars.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> series = new ArrayList<>();
        byLayer.forEach((layer, values) -> {
            List<Object> v = new ArrayList<>();
            bars.forEach(b -> v.add(values.get(b)));
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", layer);
            s.put("values", v);
            series.add(s);
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bars", bars);
        m.put("layers", series);
        return m;
    }

    /** Throughput against batch size from {@code record:"network"} records with status ok. */
    static Map<String, Object> throughput(List<NetworkRecord> networks) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (NetworkRecord n : networks) {
            if (!okNetwork(n) || n.batch() <= 0) {
                continue;
            }
            String name = or(n.model()) + " / " + or(n.backend()) + (n.threads() > 0 ? " / t" + n.threads() : "")
                    + (n.dtypeOrF32().equals("f32") ? "" : " / " + n.dtype());
            series.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {n.batch(), n.throughputIps()});
        }
        return series.isEmpty() ? null : seriesMap(series);
    }

    /** Throughput against accuracy where network records carry a numeric {@code accuracy}. */
    static Map<String, Object> accuracy(List<NetworkRecord> networks) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (NetworkRecord n : networks) {
            Object accuracy = n.extra() == null ? null : n.extra().get("accuracy");
            if (!okNetwork(n) || !(accuracy instanceof Number a)) {
                continue;
            }
            String name = or(n.model()) + " / " + or(n.backend())
                    + (n.dtypeOrF32().equals("f32") ? "" : " / " + n.dtype());
            series.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {a.doubleValue(),
                    n.throughputIps()});
        }
        return series.isEmpty() ? null : seriesMap(series);
    }

    /** Ok (or of no status, as in hand-written records) and with a throughput. */
    private static boolean okNetwork(NetworkRecord n) {
        return (n.status() == null || n.ok()) && n.throughputIps() != null;
    }

    private static String or(String s) {
        return s == null ? "?" : s;
    }

    private static Map<String, Object> seriesMap(Map<String, List<double[]>> series) {
        series.values().forEach(pts -> pts.sort((x, y) -> Double.compare(x[0], y[0])));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("series", Grid.named(series, "points"));
        return m;
    }
}
