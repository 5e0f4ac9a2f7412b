package org.opbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The terminal output of {@code opbench network}: one line per batch as it arrives, a table and layer tops. */
final class NetworkSummary {
    private NetworkSummary() {
    }

    static String progressLine(JsonNode n) {
        String head = String.format(Locale.ROOT, "%-11s %-12s t%-2d b%-4d", n.path("backend").asText(),
                n.path("algorithm").asText(), n.path("threads").asInt(), n.path("batch").asInt());
        if (!"ok".equals(n.path("status").asText())) {
            String reason = n.path("reason").asText("");
            int nl = reason.indexOf('\n');
            return head + " " + n.path("status").asText() + ": " + (nl < 0 ? reason : reason.substring(0, nl));
        }
        return head + String.format(Locale.ROOT, " %10s/batch %9.1f images/s  p99 %s  peak %.0f MB  rel_err %s",
                Format.time(n.path("time_us").path("median").asDouble()), n.path("throughput_ips").asDouble(),
                Format.time(n.path("latency_us").path("p99").asDouble()), n.path("peak_memory_mb").asDouble(),
                n.path("rel_err").isNumber() ? String.format(Locale.ROOT, "%.1e", n.path("rel_err").asDouble()) : "-");
    }

    static void print(PrintWriter out, List<JsonNode> records) {
        List<JsonNode> nets = records.stream().filter(r -> "network".equals(r.path("record").asText())).toList();
        if (nets.isEmpty()) {
            return;
        }
        Table t = new Table(List.of("backend", "algorithm", "thr", "batch", "status", "time/batch", "time/image",
                "images/s", "p50", "p90", "p99", "cold", "peak MB", "rel_err"),
                false, false, true, true, false, true, true, true, true, true, true, true, true, true);
        for (JsonNode n : nets) {
            boolean ok = "ok".equals(n.path("status").asText());
            t.row(List.of(n.path("backend").asText(), n.path("algorithm").asText(), n.path("threads").asText(),
                    n.path("batch").asText(), n.path("status").asText(),
                    ok ? Format.time(n.path("time_us").path("median").asDouble()) : "-",
                    ok ? Format.time(n.path("time_per_image_us").asDouble()) : "-",
                    ok ? Format.num(n.path("throughput_ips").asDouble(), 1) : "-",
                    ok ? Format.time(n.path("latency_us").path("p50").asDouble()) : "-",
                    ok ? Format.time(n.path("latency_us").path("p90").asDouble()) : "-",
                    ok ? Format.time(n.path("latency_us").path("p99").asDouble()) : "-",
                    ok ? Format.num(n.path("cold_ms").asDouble(), 1) + " ms" : "-",
                    n.path("peak_memory_mb").isNumber() ? Format.num(n.path("peak_memory_mb").asDouble(), 0) : "-",
                    n.path("rel_err").isNumber() ? String.format(Locale.ROOT, "%.1e", n.path("rel_err").asDouble())
                            : "-"));
        }
        t.print(out);
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (JsonNode n : nets) {
            groups.computeIfAbsent(group(n), k -> new ArrayList<>()).add(n);
        }
        for (Map.Entry<String, List<JsonNode>> g : groups.entrySet()) {
            List<JsonNode> ok = g.getValue().stream().filter(n -> "ok".equals(n.path("status").asText())).toList();
            out.println();
            if (ok.isEmpty()) {
                out.println(g.getKey() + ": no batch measured");
                continue;
            }
            JsonNode best = ok.stream().max(Comparator.comparingDouble(n -> n.path("throughput_ips").asDouble()))
                    .orElseThrow();
            int largest = ok.stream().mapToInt(n -> n.path("batch").asInt()).max().orElse(0);
            out.printf(Locale.ROOT, "%s: best %.1f images/s at batch %d; largest batch measured %d%n", g.getKey(),
                    best.path("throughput_ips").asDouble(), best.path("batch").asInt(), largest);
            for (JsonNode n : g.getValue()) {
                if (n.hasNonNull("auto_stop")) {
                    out.println("  auto: stopped before batch " + n.path("batch").asInt() + " ("
                            + n.path("auto_stop").asText() + "): " + n.path("reason").asText());
                }
            }
            printTop(out, records, best, 5);
        }
        out.flush();
    }

    private static String group(JsonNode n) {
        return n.path("model").asText() + " " + n.path("backend").asText() + " " + n.path("algorithm").asText()
                + " t" + n.path("threads").asInt();
    }

    /** The {@code top} layers by time of the measurement {@code net}. */
    static void printTop(PrintWriter out, List<JsonNode> records, JsonNode net, int top) {
        List<JsonNode> layers = records.stream().filter(r -> "layer".equals(r.path("record").asText())
                && r.path("backend").asText().equals(net.path("backend").asText())
                && r.path("algorithm").asText().equals(net.path("algorithm").asText())
                && r.path("threads").asInt() == net.path("threads").asInt()
                && r.path("batch").asInt() == net.path("batch").asInt())
                .sorted(Comparator.comparingDouble((JsonNode r) -> r.path("time_us").asDouble()).reversed())
                .limit(top).toList();
        if (layers.isEmpty()) {
            return;
        }
        out.println("  top " + layers.size() + " layers at batch " + net.path("batch").asInt() + " (framework profile):");
        for (JsonNode l : layers) {
            String fused = l.path("fused").isArray() && l.path("fused").size() > 0
                    ? " +" + l.path("fused").size() + " fused" : "";
            out.printf(Locale.ROOT, "    %-28s %-8s %10s %5.1f%% %8s GFLOPS%s%n", l.path("layer").asText(),
                    l.path("op").asText(), Format.time(l.path("time_us").asDouble()),
                    100 * l.path("share").asDouble(),
                    l.path("gflops").isNumber() ? Format.num(l.path("gflops").asDouble(), 1) : "-", fused);
        }
    }
}
