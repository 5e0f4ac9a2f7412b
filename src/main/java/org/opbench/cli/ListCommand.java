package org.opbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opbench.env.OpbenchHome;
import org.opbench.problem.Layer;
import org.opbench.problem.Op;
import org.opbench.problem.ShapeSet;
import org.opbench.problem.ShapeSets;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.Backends;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code opbench list backends|tensors}. */
@Command(name = "list", description = "List backends, shape sets or built-in networks.", mixinStandardHelpOptions = true,
        subcommands = {ListCommand.BackendsCommand.class, ListCommand.TensorsCommand.class,
                ListNetworksCommand.class})
final class ListCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to list: backends or tensors, or networks");
    }

    @Command(name = "backends", mixinStandardHelpOptions = true,
            description = "Every backend on the class path, available or not, with version, device and reason.")
    static final class BackendsCommand implements Runnable {
        @Mixin
        ListFormat format;

        @Override
        public void run() {
            Backends backends = Backends.load();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Backend b : backends.all()) {
                Availability a = backends.availability(b);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", b.name());
                m.putAll(RunHeader.status(a));
                Map<String, List<String>> algs = new LinkedHashMap<>();
                for (Op op : Op.values()) {
                    algs.put(op.id(), b.algorithms(op));
                }
                m.put("algorithms", algs);
                m.put("tuners", b.tuners());
                m.put("details", a.details());
                rows.add(m);
            }
            if (format.printedAsJson(rows)) {
                return;
            }
            PrintWriter out = format.out();
            Table t = new Table(List.of("backend", "status", "version", "device", "conv algorithms", "tuners"));
            for (Map<String, Object> m : rows) {
                @SuppressWarnings("unchecked")
                Map<String, List<String>> algs = (Map<String, List<String>>) m.get("algorithms");
                @SuppressWarnings("unchecked")
                List<String> tuners = (List<String>) m.get("tuners");
                t.row(List.of((String) m.get("name"), (Boolean) m.get("available") ? "available" : "unavailable",
                        str(m.get("version")), str(m.get("device")), String.join(",", algs.get("conv")),
                        String.join(",", tuners)));
            }
            t.print(out);
            for (Map<String, Object> m : rows) {
                if (!(Boolean) m.get("available")) {
                    out.println("  " + m.get("name") + ": unavailable: " + m.get("reason"));
                }
                @SuppressWarnings("unchecked")
                Map<String, String> details = (Map<String, String>) m.get("details");
                details.forEach((k, v) -> out.println("  " + m.get("name") + ": " + k + ": " + v));
            }
            out.flush();
        }

        private static String str(Object o) {
            return o == null ? "-" : o.toString();
        }
    }

    @Command(name = "tensors", mixinStandardHelpOptions = true,
            description = "The shape sets with their layer counts and total GFLOPs at batch 1, or one set's problems.")
    static final class TensorsCommand implements Runnable {
        @Parameters(arity = "0..1", paramLabel = "SET", description = "a set name or a shape-set file")
        String set;

        @Mixin
        ListFormat format;

        @Override
        public void run() {
            PrintWriter out = format.out();
            if (set != null) {
                ShapeSet s = Inputs.shapeSet(set);
                showSet(out, s);
                return;
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String name : ShapeSets.names(OpbenchHome.tensorsDir())) {
                ShapeSet s = Inputs.shapeSet(name);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("set", s.name());
                m.put("network", s.network());
                m.put("lines", s.layers().size());
                m.put("layers", s.layerCount());
                m.put("gflops", s.totalFlops() / 1e9);
                m.put("published_gflops", Double.isNaN(s.publishedGflops()) ? null : s.publishedGflops());
                m.put("published_diff", Double.isNaN(s.publishedGflops()) ? null
                        : s.totalFlops() / 1e9 / s.publishedGflops() - 1);
                m.put("published_tolerance", s.publishedTolerance());
                m.put("published_source", s.publishedSource());
                rows.add(m);
            }
            if (format.printedAsJson(rows)) {
                return;
            }
            Table t = new Table(List.of("set", "lines", "layers", "GFLOPs (b1)", "published", "diff"),
                    false, true, true, true, true, true);
            for (Map<String, Object> m : rows) {
                t.row(List.of((String) m.get("set"), m.get("lines").toString(), m.get("layers").toString(),
                        Format.num((Double) m.get("gflops"), 3),
                        m.get("published_gflops") == null ? "-" : Format.num((Double) m.get("published_gflops"), 3),
                        m.get("published_diff") == null ? "-" : String.format(Locale.ROOT, "%+.1f%%",
                                100 * (Double) m.get("published_diff"))));
            }
            t.print(out);
            out.println("GFLOPs = 2 x multiply-adds of every conv and fc layer plus pooling operations, at batch 1;"
                    + " sources in each file's header (opbench list tensors SET).");
            out.flush();
        }

        private void showSet(PrintWriter out, ShapeSet s) {
            double total = s.totalFlops();
            if (format.json()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Layer l : s.layers()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("layer", l.name());
                    m.put("op", l.problem().op().id());
                    m.put("problem", l.problem().descriptor());
                    m.put("repeat", l.repeat());
                    m.put("flops", l.problem().flops());
                    m.put("bytes", l.problem().bytes());
                    rows.add(m);
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("set", s.name());
                m.put("network", s.network());
                m.put("gflops", total / 1e9);
                m.put("published_gflops", Double.isNaN(s.publishedGflops()) ? null : s.publishedGflops());
                m.put("published_source", s.publishedSource());
                m.put("layers", rows);
                ListFormat.printJson(out, m);
                return;
            }
            out.println(s.name() + (s.network().isEmpty() ? "" : " (network " + s.network() + ")") + ": "
                    + s.layers().size() + " lines, " + s.layerCount() + " layers, "
                    + Format.num(total / 1e9, 3) + " GFLOPs at batch 1"
                    + (Double.isNaN(s.publishedGflops()) ? "" : "; published " + s.publishedGflops() + " ("
                    + s.publishedSource() + ")"));
            Table t = new Table(List.of("layer", "op", "problem", "repeat", "MFLOPs", "share"),
                    false, false, false, true, true, true);
            for (Layer l : s.layers()) {
                long f = l.problem().flops();
                t.row(List.of(l.name(), l.problem().op().id(), l.problem().descriptor(), Integer.toString(l.repeat()),
                        Format.num(f / 1e6, 2), String.format(Locale.ROOT, "%.1f%%", 100.0 * f * l.repeat() / total)));
            }
            t.print(out);
        }
    }
}
