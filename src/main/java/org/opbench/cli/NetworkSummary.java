package org.opbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.opbench.result.LayerRecord;
import org.opbench.result.NetworkRecord;
import org.opbench.result.Record;

/** The terminal output of {@code opbench network}: one line per batch as it arrives, a table and layer tops. */
final class NetworkSummary {
    private NetworkSummary() {
    }

    static String progressLine(NetworkRecord n) {
        String head = String.format(Locale.ROOT, "%-11s %-12s %-4s t%-2d b%-4d", n.backend(), n.algorithm(),
                n.dtypeOrF32(), n.threads(), n.batch());
        if (!n.ok()) {
            String reason = n.reason() == null ? "" : n.reason();
            int nl = reason.indexOf('\n');
            return head + " " + n.status().id() + ": " + (nl < 0 ? reason : reason.substring(0, nl));
        }
        return head + String.format(Locale.ROOT, " %10s/batch %9.1f images/s  p99 %s  peak %.0f MB  rel_err %s",
                Format.time(n.timeUs().median()), n.throughputIps(), Format.time(n.latencyUs().p99()),
                n.peakMemoryMb() == null ? 0 : n.peakMemoryMb(), relErr(n));
    }

    private static String relErr(NetworkRecord n) {
        return n.relErr() != null ? String.format(Locale.ROOT, "%.1e", n.relErr()) : "-";
    }

    static void print(PrintWriter out, List<Record> records) {
        List<NetworkRecord> nets = records.stream().filter(NetworkRecord.class::isInstance)
                .map(NetworkRecord.class::cast).toList();
        if (nets.isEmpty()) {
            return;
        }
        Table t = new Table(List.of("backend", "algorithm", "dtype", "model MB", "thr", "batch", "status",
                "time/batch", "time/image", "images/s", "p50", "p90", "p99", "cold", "peak MB", "rel_err"),
                false, false, false, true, true, true, false, true, true, true, true, true, true, true, true, true);
        for (NetworkRecord n : nets) {
            boolean ok = n.ok();
            t.row(List.of(n.backend(), n.algorithm(), n.dtypeOrF32(),
                    n.modelBytes() != null ? Format.num(n.modelBytes() / 1e6, 1) : "-",
                    String.valueOf(n.threads()), String.valueOf(n.batch()),
                    n.status().id(),
                    ok ? Format.time(n.timeUs().median()) : "-",
                    ok ? Format.time(n.timePerImageUs()) : "-",
                    ok ? Format.num(n.throughputIps(), 1) : "-",
                    ok ? Format.time(n.latencyUs().p50()) : "-",
                    ok ? Format.time(n.latencyUs().p90()) : "-",
                    ok ? Format.time(n.latencyUs().p99()) : "-",
                    ok ? Format.num(n.coldMs(), 1) + " ms" : "-",
                    n.peakMemoryMb() != null ? Format.num(n.peakMemoryMb(), 0) : "-",
                    relErr(n)));
        }
        t.print(out);
        Map<String, List<NetworkRecord>> groups = new LinkedHashMap<>();
        for (NetworkRecord n : nets) {
            groups.computeIfAbsent(group(n), k -> new ArrayList<>()).add(n);
        }
        for (Map.Entry<String, List<NetworkRecord>> g : groups.entrySet()) {
            List<NetworkRecord> ok = g.getValue().stream().filter(NetworkRecord::ok).toList();
            out.println();
            if (ok.isEmpty()) {
                out.println(g.getKey() + ": no batch measured");
                continue;
            }
            NetworkRecord best = ok.stream().max(Comparator.comparingDouble(NetworkRecord::throughputIps))
                    .orElseThrow();
            int largest = ok.stream().mapToInt(NetworkRecord::batch).max().orElse(0);
            out.printf(Locale.ROOT, "%s: best %.1f images/s at batch %d; largest batch measured %d%n", g.getKey(),
                    best.throughputIps(), best.batch(), largest);
            if (best.layersWithoutFlops() != null) { // an operator opbench has no shape rule for
                out.printf(Locale.ROOT, "  flops: %.3f G per batch counted; %d of %d layers without counts%n",
                        best.flops() / 1e9, best.layersWithoutFlops(), best.layers());
            }
            for (NetworkRecord n : g.getValue()) {
                if (n.autoStop() != null) {
                    out.println("  auto: stopped before batch " + n.batch() + " (" + n.autoStop() + "): "
                            + n.reason());
                }
            }
            printTop(out, records, best, 5);
        }
        out.flush();
    }

    private static String group(NetworkRecord n) {
        return n.model() + " " + n.backend() + " " + n.algorithm() + " " + n.dtypeOrF32() + " t" + n.threads();
    }

    /** The {@code top} layers by time of the measurement {@code net}. */
    static void printTop(PrintWriter out, List<Record> records, NetworkRecord net, int top) {
        List<LayerRecord> layers = records.stream().filter(LayerRecord.class::isInstance).map(LayerRecord.class::cast)
                .filter(r -> Objects.equals(r.backend(), net.backend())
                        && Objects.equals(r.algorithm(), net.algorithm()) && r.threads() == net.threads()
                        && r.batch() == net.batch()
                        && Objects.equals(r.dtype() == null ? "f32" : r.dtype(), net.dtypeOrF32()))
                .sorted(Comparator.comparingDouble(LayerRecord::timeUs).reversed())
                .limit(top).toList();
        if (layers.isEmpty()) {
            return;
        }
        out.println("  top " + layers.size() + " layers at batch " + net.batch() + " (framework profile):");
        for (LayerRecord l : layers) {
            String fused = l.fused() != null && !l.fused().isEmpty() ? " +" + l.fused().size() + " fused" : "";
            out.printf(Locale.ROOT, "    %-28s %-8s %10s %5.1f%% %8s GFLOPS%s%n", l.layer(), l.op(),
                    Format.time(l.timeUs()), 100 * l.share(), l.gflops() != null ? Format.num(l.gflops(), 1) : "-",
                    fused);
        }
    }
}
