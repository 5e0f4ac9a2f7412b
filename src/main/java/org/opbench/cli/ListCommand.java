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

/** {@code opbench list backends [NAME]|tensors [SET]|networks}. */
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
            description = {"Every backend on the class path, available or not, with version, device and reason;"
                    + " the table shows the first of each backend's conv algorithms and tuners.",
                    "With NAME: that backend's full details, every algorithm of every operator and every tuner."})
    static final class BackendsCommand implements Runnable {
        /** How many characters of a backend's algorithm or tuner list the table shows before {@code +N more}. */
        static final int SHOWN_CHARS = 28;

        @Parameters(arity = "0..1", paramLabel = "NAME", description = "one backend to describe in full")
        String name;

        @Mixin
        ListFormat format;

        @Override
        public void run() {
            Backends backends = Backends.load();
            if (name != null && !backends.names().contains(name)) {
                throw new UsageError("list backends: unknown backend '" + name + "' (known: "
                        + String.join(", ", backends.names()) + ")");
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Backend b : backends.all()) {
                if (name != null && !b.name().equals(name)) {
                    continue;
                }
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
            if (name != null) {
                if (!format.printedAsJson(rows.get(0))) {
                    describe(format.out(), rows.get(0), Table.terminalWidth());
                }
                return;
            }
            if (format.printedAsJson(rows)) {
                return;
            }
            int width = Table.terminalWidth();
            PrintWriter out = format.out();
            Table t = new Table(List.of("backend", "status", "version", "device", "conv algorithms", "tuners"))
                    .wrapping(2, 3, 4, 5);
            for (Map<String, Object> m : rows) {
                t.row(List.of((String) m.get("name"), (Boolean) m.get("available") ? "available" : "unavailable",
                        str(m.get("version")), str(m.get("device")), abbreviated(algorithms(m).get("conv")),
                        abbreviated(tuners(m))));
            }
            t.print(out, width, 1);
            for (Map<String, Object> m : rows) {
                if (!(Boolean) m.get("available")) {
                    Table.printWrapped(out, "  " + m.get("name") + ": unavailable: " + m.get("reason"), width);
                }
                details(m).forEach((k, v) -> Table.printWrapped(out, "  " + m.get("name") + ": " + k + ": " + v, width));
            }
            out.println("Every algorithm and tuner of one backend: opbench list backends NAME (or --format json)");
            out.flush();
        }

        /**
         * The first names that fit {@link #SHOWN_CHARS} characters, then {@code +N more} for the rest (always at
         * least one name); the whole list when it fits.
         */
        static String abbreviated(List<String> names) {
            String all = String.join(",", names);
            if (all.length() <= SHOWN_CHARS) {
                return all;
            }
            StringBuilder b = new StringBuilder(names.get(0));
            int shown = 1;
            while (shown < names.size()) {
                String more = " +" + (names.size() - shown - 1) + " more";
                if (b.length() + 1 + names.get(shown).length() + more.length() > SHOWN_CHARS) {
                    break;
                }
                b.append(',').append(names.get(shown));
                shown++;
            }
            return shown == names.size() ? b.toString() : b + " +" + (names.size() - shown) + " more";
        }

        /** One backend in full: status, reason, version, device, every operator's algorithms, tuners, details. */
        private static void describe(PrintWriter out, Map<String, Object> m, int width) {
            boolean available = (Boolean) m.get("available");
            out.println(m.get("name") + ": " + (available ? "available" : "unavailable"));
            if (!available) {
                Table.printWrapped(out, "  reason: " + m.get("reason"), width);
            }
            Table.printWrapped(out, "  version: " + str(m.get("version")), width);
            Table.printWrapped(out, "  device: " + str(m.get("device")), width);
            out.println("  algorithms:");
            algorithms(m).forEach((op, algs) -> Table.printWrapped(out, "    " + op + ": "
                    + (algs.isEmpty() ? "(none)" : String.join(", ", algs)), width));
            Table.printWrapped(out, "  tuners: " + String.join(", ", tuners(m)), width);
            if (!details(m).isEmpty()) {
                out.println("  details:");
                details(m).forEach((k, v) -> Table.printWrapped(out, "    " + k + ": " + v, width));
            }
            out.flush();
        }

        @SuppressWarnings("unchecked")
        private static Map<String, List<String>> algorithms(Map<String, Object> m) {
            return (Map<String, List<String>>) m.get("algorithms");
        }

        @SuppressWarnings("unchecked")
        private static List<String> tuners(Map<String, Object> m) {
            return (List<String>) m.get("tuners");
        }

        @SuppressWarnings("unchecked")
        private static Map<String, String> details(Map<String, Object> m) {
            return (Map<String, String>) m.get("details");
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
            t.print(out, Table.terminalWidth(), 1);
            Table.printWrapped(out, "GFLOPs = 2 x multiply-adds of every conv and fc layer plus pooling operations, at"
                    + " batch 1; sources in each file's header (opbench list tensors SET).", Table.terminalWidth());
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
            Table.printWrapped(out, s.name() + (s.network().isEmpty() ? "" : " (network " + s.network() + ")") + ": "
                    + s.layers().size() + " lines, " + s.layerCount() + " layers, "
                    + Format.num(total / 1e9, 3) + " GFLOPs at batch 1"
                    + (Double.isNaN(s.publishedGflops()) ? "" : "; published " + s.publishedGflops() + " ("
                    + s.publishedSource() + ")"), Table.terminalWidth());
            Table t = new Table(List.of("layer", "op", "problem", "repeat", "MFLOPs", "share"),
                    false, false, false, true, true, true);
            for (Layer l : s.layers()) {
                long f = l.problem().flops();
                t.row(List.of(l.name(), l.problem().op().id(), l.problem().descriptor(), Integer.toString(l.repeat()),
                        Format.num(f / 1e6, 2), String.format(Locale.ROOT, "%.1f%%", 100.0 * f * l.repeat() / total)));
            }
            t.print(out, Table.terminalWidth(), 2);
        }
    }
}
