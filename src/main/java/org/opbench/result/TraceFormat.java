package org.opbench.result;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Network records with per-layer profiles as a Chrome Trace Event Format file (JSON object form:
 * {@code {"traceEvents": [...], "displayTimeUnit": "ms"}}), which Perfetto's UI and Chromium's
 * {@code about:tracing} open.
 *
 * <p>One process (track) per backend and thread count, named by a {@code ph: "M"} {@code process_name} event; in it,
 * for each profiled network record (model, algorithm, batch) one complete event ({@code ph: "X"}) for the profiled
 * run, and inside it one complete event per layer record, end to end in the network's order (kernels the framework
 * inserted follow the layers, as in the records). The records keep each layer's median over the profiled runs, not
 * every run, so the run event is the median run as the layer times add up ({@code args.profile_runs} says over how
 * many runs); layers fused into another or removed are zero-length events at their place. Times are microseconds,
 * computed on whole nanoseconds so that every layer event lies within its run's event exactly. {@code args} hold the
 * descriptor, operator, kernels, fusion, share and GFLOPS.
 */
public final class TraceFormat {
    private TraceFormat() {
    }

    /** A network record and its layer records. */
    public record Profile(NetworkRecord network, List<LayerRecord> layers) {
    }

    /**
     * The network records with their layer records (those of the same model, backend, algorithm, threads and
     * batch that follow them in {@code records}), in file order; records without layers are left out.
     */
    public static List<Profile> profiles(List<Record> records) {
        Map<String, NetworkRecord> open = new LinkedHashMap<>();
        List<NetworkRecord> order = new ArrayList<>();
        Map<NetworkRecord, List<LayerRecord>> layers = new java.util.IdentityHashMap<>();
        for (Record r : records) {
            if (r instanceof NetworkRecord n) {
                open.put(key(n.model(), n.backend(), n.algorithm(), n.threads(), n.batch()) + "|" + n.dtypeOrF32(), n);
                order.add(n);
                layers.put(n, new ArrayList<>());
            } else if (r instanceof LayerRecord l) {
                NetworkRecord n = open.get(key(l.model(), l.backend(), l.algorithm(), l.threads(), l.batch()) + "|"
                        + (l.dtype() == null ? "f32" : l.dtype()));
                if (n == null) {
                    throw new IllegalArgumentException("layer record '" + l.layer() + "' of " + l.model() + " on "
                            + l.backend() + " has no network record before it");
                }
                layers.get(n).add(l);
            }
        }
        List<Profile> out = new ArrayList<>();
        for (NetworkRecord n : order) {
            List<LayerRecord> ls = layers.get(n);
            if (!ls.isEmpty()) {
                out.add(new Profile(n, List.copyOf(ls)));
            }
        }
        return out;
    }

    private static String key(String model, String backend, String algorithm, int threads, int batch) {
        return model + "|" + backend + "|" + algorithm + "|" + threads + "|" + batch;
    }

    /** The trace document of these profiles. */
    public static ObjectNode of(List<Profile> profiles) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode events = root.putArray("traceEvents");
        Map<String, Integer> pids = new LinkedHashMap<>();
        Map<Integer, Long> cursor = new LinkedHashMap<>(); // per track, in ns
        for (Profile p : profiles) {
            NetworkRecord n = p.network();
            String track = n.backend() + (n.dtypeOrF32().equals("f32") ? "" : " " + n.dtype()) + " " + n.threads()
                    + " thread" + (n.threads() == 1 ? "" : "s");
            int pid = pids.computeIfAbsent(track, k -> {
                int id = pids.size() + 1;
                ObjectNode m = events.addObject();
                m.put("name", "process_name");
                m.put("ph", "M");
                m.put("pid", id);
                m.put("tid", 1);
                m.putObject("args").put("name", k);
                ObjectNode sort = events.addObject();
                sort.put("name", "process_sort_index");
                sort.put("ph", "M");
                sort.put("pid", id);
                sort.put("tid", 1);
                sort.putObject("args").put("sort_index", id);
                return id;
            });
            long start = cursor.getOrDefault(pid, 0L);
            long t = start;
            List<ObjectNode> layerEvents = new ArrayList<>();
            for (LayerRecord l : p.layers()) {
                long dur = Math.max(0, Math.round(l.timeUs() * 1000));
                ObjectNode e = Json.mapper().createObjectNode();
                e.put("name", l.layer() == null ? "layer " + l.index() : l.layer());
                e.put("cat", l.inserted() ? "inserted" : l.executed() ? "layer" : "fused");
                e.put("ph", "X");
                e.put("ts", t / 1000.0);
                e.put("dur", dur / 1000.0);
                e.put("pid", pid);
                e.put("tid", 1);
                ObjectNode a = e.putObject("args");
                a.put("index", l.index());
                put(a, "op", l.op());
                put(a, "onnx_op", l.onnxOp());
                put(a, "problem", l.problem());
                put(a, "kernel_op", l.kernelOp());
                if (l.kernels() != null) {
                    l.kernels().forEach(a.putArray("kernels")::add);
                }
                a.put("time_us", l.timeUs());
                a.put("share", l.share());
                if (l.gflops() != null) {
                    a.put("gflops", l.gflops());
                }
                put(a, "fused_into", l.fusedInto());
                if (l.fused() != null && !l.fused().isEmpty()) {
                    l.fused().forEach(a.putArray("fused")::add);
                }
                a.put("executed", l.executed());
                a.put("inserted", l.inserted());
                put(a, "note", l.note());
                layerEvents.add(e);
                t += dur;
            }
            ObjectNode run = events.addObject();
            run.put("name", n.model() + " batch " + n.batch() + " (" + n.algorithm() + ")");
            run.put("cat", "run");
            run.put("ph", "X");
            run.put("ts", start / 1000.0);
            run.put("dur", (t - start) / 1000.0);
            run.put("pid", pid);
            run.put("tid", 1);
            ObjectNode a = run.putObject("args");
            a.put("model", n.model());
            a.put("backend", n.backend());
            put(a, "backend_version", n.backendVersion());
            a.put("algorithm", n.algorithm());
            put(a, "impl", n.impl());
            a.put("threads", n.threads());
            a.put("batch", n.batch());
            if (n.profileRuns() != null) {
                a.put("profile_runs", n.profileRuns());
            }
            if (n.timeUs() != null) {
                a.put("median_run_us", n.timeUs().median());
            }
            if (n.gflops() != null) {
                a.put("gflops", n.gflops());
            }
            a.put("layers", p.layers().size());
            a.put("note", "layer times are medians over the profiled runs, laid end to end");
            layerEvents.forEach(events::add);
            // a gap of a tenth of the run (at least 1 us) between runs on one track
            cursor.put(pid, t + Math.max(1000, (t - start) / 10));
        }
        root.put("displayTimeUnit", "ms");
        ObjectNode meta = root.putObject("otherData");
        meta.put("producer", "opbench convert --to trace");
        return root;
    }

    private static void put(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
