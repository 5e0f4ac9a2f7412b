package org.opbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package structure of {@code src/main/java}, read from the sources (docs/architecture.md explains it). A package
 * depends on another when one of its files names a class of it: in an import (static or not) or fully qualified in
 * code ({@code org.opbench.x.y.Type}); comments and string literals do not count. Two rules: no package cycles, and
 * every dependency follows {@link #LAYERS}.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    private static final String ROOT = "org.opbench";

    /**
     * Cycles tolerated while they are being removed: none. An entry here makes the test fail once it is no longer a
     * cycle, so that it cannot linger.
     */
    static final Set<Set<String>> KNOWN_CYCLES = Set.of();

    /** One row of the layer table: the packages it holds (each with its sub-packages) and the rows it may use. */
    record Layer(String name, List<String> packages, List<String> mayUse) {
        Layer(String name, String packages, String mayUse) {
            this(name, List.of(packages.split(" ")), mayUse.isEmpty() ? List.of() : List.of(mayUse.split(" ")));
        }
    }

    /**
     * The allowed direction, bottom up. A package may use its own row and the rows listed; nothing else of opbench.
     * Every package must sit in a row (the longest matching prefix wins: network.ort is a backend, network a model).
     */
    static final List<Layer> LAYERS = List.of(
            // the unit of work: operators, descriptors, seeded data; imports nothing else of opbench
            new Layer("problem", "problem", ""),
            // what a backend implements: Backend, PreparedOp, Availability
            new Layer("spi", "spi", "problem"),
            // timing, statistics, the check; records and their files; host facts
            new Layer("measure", "measure result env", "problem spi"),
            // network graphs, built-in models, ONNX reading/writing, layer profiles, the network backend SPI
            new Layer("model", "onnx network network.models network.onnx network.profile network.spi "
                    + "network.estimate", "problem spi measure"),
            // the ceiling SPI that backends implement (Ceiling, CeilingProvider, PeakSettings) and the peaks job;
            // moving the SPI part down (into spi) would let peaks join the jobs row
            new Layer("peaks", "peaks", "problem spi measure supervisor"),
            // operator backends and network backends
            new Layer("backends", "backend network.ort network.opencv network.tensorrt",
                    "problem spi measure model peaks"),
            // starts worker processes and speaks the protocol; knows no job kind
            new Layer("supervisor", "supervisor", "problem spi measure"),
            // the job kinds and their planners and drivers, the worker side that runs points
            new Layer("jobs", "worker sweep network.run", "problem spi measure model peaks backends supervisor"),
            // reading result files back: statistics across runs, the HTML report
            new Layer("analysis", "analysis report", "problem spi measure model peaks"),
            // the commands; nothing uses them
            new Layer("cli", "cli", "problem spi measure model peaks backends supervisor jobs analysis"));

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.opbench((?:\\.[a-z0-9_]+)+)\\.[A-Z]");

    /** Package graph: package (without {@code org.opbench.}) to the packages it uses, each with one file that does. */
    static Map<String, Map<String, String>> scan(Path sourceRoot) {
        Map<String, Map<String, String>> graph = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(sourceRoot)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path f : files) {
            String code;
            try {
                code = codeOnly(Files.readString(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher pm = PACKAGE.matcher(code);
            if (!pm.find() || !(pm.group(1) + ".").startsWith(ROOT + ".")) {
                continue;
            }
            String from = local(pm.group(1));
            Map<String, String> uses = graph.computeIfAbsent(from, k -> new TreeMap<>());
            Matcher m = REFERENCE.matcher(code);
            while (m.find()) {
                String to = m.group(1).substring(1);
                if (!to.equals(from)) {
                    uses.putIfAbsent(to, sourceRoot.relativize(f).toString());
                }
            }
        }
        graph.values().forEach(uses -> uses.keySet().retainAll(graph.keySet()));
        return graph;
    }

    private static String local(String pkg) {
        return pkg.equals(ROOT) ? "" : pkg.substring(ROOT.length() + 1);
    }

    /** {@code source} with comments, string and text-block literals and char literals blanked out. */
    static String codeOnly(String source) {
        StringBuilder b = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            String end = null;
            if (source.startsWith("//", i)) {
                end = "\n";
            } else if (source.startsWith("/*", i)) {
                end = "*/";
            } else if (source.startsWith("\"\"\"", i)) {
                end = "\"\"\"";
            } else if (c == '"' || c == '\'') {
                end = String.valueOf(c);
            }
            if (end == null) {
                b.append(c);
                i++;
                continue;
            }
            boolean literal = end.charAt(0) == '"' || end.charAt(0) == '\'';
            int j = i + (end.equals("\"\"\"") ? 3 : end.equals("*/") ? 2 : 1);
            while (j < n && !source.startsWith(end, j)) {
                j += literal && source.charAt(j) == '\\' ? 2 : 1;
            }
            j = Math.min(n, j + end.length());
            b.append(" ".repeat(j - i));
            i = j;
        }
        return b.toString();
    }

    /** The strongly connected components of more than one node (Tarjan), each sorted; that is, the cycles. */
    static List<Set<String>> cycles(Map<String, ? extends Collection<String>> graph) {
        Tarjan t = new Tarjan(graph);
        graph.keySet().forEach(v -> {
            if (!t.index.containsKey(v)) {
                t.visit(v);
            }
        });
        return t.components;
    }

    private static final class Tarjan {
        final Map<String, ? extends Collection<String>> graph;
        final Map<String, Integer> index = new TreeMap<>();
        final Map<String, Integer> low = new TreeMap<>();
        final List<String> stack = new ArrayList<>();
        final List<Set<String>> components = new ArrayList<>();

        Tarjan(Map<String, ? extends Collection<String>> graph) {
            this.graph = graph;
        }

        void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.add(v);
            Collection<String> next = graph.get(v);
            for (String w : next == null ? List.<String>of() : next) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (stack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> component = new TreeSet<>();
                String w;
                do {
                    w = stack.remove(stack.size() - 1);
                    component.add(w);
                } while (!w.equals(v));
                if (component.size() > 1) {
                    components.add(component);
                }
            }
        }
    }

    /** The row holding {@code pkg}: the longest package prefix that matches, or null. */
    static Layer layerOf(String pkg) {
        Layer best = null;
        int bestLength = -1;
        for (Layer l : LAYERS) {
            for (String p : l.packages()) {
                if ((pkg.equals(p) || pkg.startsWith(p + ".")) && p.length() > bestLength) {
                    best = l;
                    bestLength = p.length();
                }
            }
        }
        return best;
    }

    /** Each use that breaks the table, as {@code from -> to (file): why}. */
    static List<String> violations(Map<String, Map<String, String>> graph) {
        List<String> out = new ArrayList<>();
        graph.forEach((from, uses) -> uses.forEach((to, file) -> {
            Layer a = layerOf(from);
            Layer b = layerOf(to);
            if (a == null || b == null) {
                out.add(from + " -> " + to + " (" + file + "): " + (a == null ? from : to) + " is in no row of LAYERS");
            } else if (a != b && !a.mayUse().contains(b.name())) {
                out.add(from + " -> " + to + " (" + file + "): row " + a.name() + " may use only " + a.mayUse()
                        + ", not " + b.name());
            }
        }));
        return out;
    }

    private static String describe(Set<String> cycle, Map<String, Map<String, String>> graph) {
        return cycle + ", through " + cycle.stream().flatMap(a -> graph.get(a).entrySet().stream()
                .filter(e -> cycle.contains(e.getKey())).map(e -> a + " -> " + e.getKey() + " (" + e.getValue() + ")"))
                .collect(Collectors.joining(", "));
    }

    @Test
    void noPackageCycles() {
        Map<String, Map<String, String>> graph = scan(MAIN);
        Map<String, Set<String>> edges = new TreeMap<>();
        graph.forEach((from, uses) -> edges.put(from, uses.keySet()));
        List<Set<String>> found = cycles(edges);
        List<String> problems = new ArrayList<>();
        found.stream().filter(c -> !KNOWN_CYCLES.contains(c)).forEach(c -> problems.add("cycle " + describe(c, graph)));
        KNOWN_CYCLES.stream().filter(k -> !found.contains(new TreeSet<>(k)))
                .forEach(k -> problems.add("KNOWN_CYCLES lists " + k + ", which is no longer a cycle: remove it"));
        assertEquals(List.of(), problems);
    }

    @Test
    void everyDependencyFollowsTheLayerTable() {
        Map<String, Map<String, String>> graph = scan(MAIN);
        assertTrue(graph.size() > 20 && graph.containsKey("problem") && graph.containsKey("cli"),
                "the scan did not find opbench's packages under " + MAIN.toAbsolutePath() + ": " + graph.keySet());
        List<String> bad = new ArrayList<>(violations(graph));
        graph.keySet().stream().filter(p -> layerOf(p) == null).forEach(p -> bad.add(p + " is in no row of LAYERS"));
        assertEquals(List.of(), bad);
    }

    @Test
    void theLayerTableItselfHasADirection() {
        Map<String, List<String>> rows = new TreeMap<>();
        LAYERS.forEach(l -> rows.put(l.name(), l.mayUse()));
        assertEquals(List.of(), cycles(rows));
        LAYERS.forEach(l -> assertTrue(rows.keySet().containsAll(l.mayUse()), l.name() + " uses an unknown row"));
        assertTrue(LAYERS.stream().noneMatch(l -> l.mayUse().contains("cli")), "nothing may use cli");
    }

    @Test
    void cycleFinderFindsEachCycleOnceAndNothingInATree() {
        Map<String, List<String>> g = Map.of("a", List.of("b"), "b", List.of("c"), "c", List.of("a", "d"),
                "d", List.of("e"), "e", List.of("d"), "f", List.of("a"));
        Set<Set<String>> found = Set.copyOf(cycles(g));
        assertEquals(Set.of(Set.of("a", "b", "c"), Set.of("d", "e")), found);
        assertEquals(List.of(), cycles(Map.of("a", List.of("b", "c"), "b", List.of("c"), "c", List.of())));
    }

    @Test
    void scanCountsImportsAndQualifiedNamesButNotCommentsOrStrings(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectories(dir.resolve("org/opbench/alpha"));
        Path b = Files.createDirectories(dir.resolve("org/opbench/beta"));
        Files.writeString(a.resolve("A.java"), String.join("\n", "package org.opbench.alpha;",
                "// org.opbench.gamma.G in a comment", "class A {",
                "  String s = \"org.opbench.gamma.G in a string\";", "  void f() { org.opbench.beta.B.run(); }", "}"));
        Files.writeString(b.resolve("B.java"), String.join("\n", "package org.opbench.beta;",
                "import static org.opbench.alpha.A.f;", "/* org.opbench.gamma.G */ class B { static void run() {} }"));
        Files.createDirectories(dir.resolve("org/opbench/gamma"));
        Files.writeString(dir.resolve("org/opbench/gamma/G.java"), "package org.opbench.gamma;\nclass G {}\n");
        Map<String, Map<String, String>> graph = scan(dir);
        assertEquals(Set.of("beta"), graph.get("alpha").keySet());
        assertEquals(Set.of("alpha"), graph.get("beta").keySet());
        assertEquals(Set.of(), graph.get("gamma").keySet());
        assertEquals(List.of(Set.of("alpha", "beta")), cycles(Map.of("alpha", graph.get("alpha").keySet(),
                "beta", graph.get("beta").keySet())));
    }

    @Test
    void aForbiddenUseIsReportedWithItsFile() {
        Map<String, Map<String, String>> graph = Map.of("spi", Map.of("worker", "org/opbench/spi/X.java"),
                "backend.dnnl", Map.of("backend.cuda", "org/opbench/backend/dnnl/Y.java"),
                "network.ort", Map.of("network", "org/opbench/network/ort/Z.java"));
        assertEquals(List.of("spi -> worker (org/opbench/spi/X.java): row spi may use only [problem], not jobs"),
                violations(graph));
        assertEquals("backends", layerOf("network.ort").name());
        assertEquals("model", layerOf("network").name());
        assertNull(layerOf("newpackage"));
    }
}
