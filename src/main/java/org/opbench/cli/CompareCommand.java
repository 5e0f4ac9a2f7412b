package org.opbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.opbench.analysis.Comparison;
import org.opbench.analysis.ResultSet;
import org.opbench.result.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code opbench compare A B}: point by point and per network total, on round-level evidence; a CI gate. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two result files point by point (same op, problem, backend, algorithm, tuner, threads, "
                + "batch) and per network total: ratio of medians B / A, a two-sided Mann-Whitney U test over the "
                + "round medians and a bootstrap interval over rounds. A difference below --noise is never a change. "
                + "Files without rounds (schema 1) are judged by the noise threshold only.",
                "Exit codes: 0 done (no regression beyond --fail-on-regression), 2 usage error or unreadable input, "
                        + "3 a slowdown found above --fail-on-regression, 4 with --fail-on-regression: no point of A "
                        + "could be compared with B."})
final class CompareCommand implements Callable<Integer> {
    static final int REGRESSION = 3;
    static final int NOT_COMPARABLE = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A.jsonl", description = "the reference run")
    Path a;

    @Parameters(index = "1", paramLabel = "B.jsonl", description = "the run compared with it")
    Path b;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.01",
            description = "significance level of the test; intervals are at level 1 - P (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--noise", paramLabel = "PERCENT", defaultValue = "3",
            description = "a difference of at most PERCENT is never a change, whatever the test says "
                    + "(default: ${DEFAULT-VALUE})")
    double noise;

    @Option(names = "--fail-on-regression", paramLabel = "PERCENT",
            description = "exit with code 3 when a point or network total of B is found slower than in A by more "
                    + "than PERCENT: its verdict slower and the lower end of its interval above +PERCENT")
    Double failOn;

    @Option(names = "--all", description = "list every compared point (default: only the changes)")
    boolean all;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (tables) or json (one object with every verdict, for scripts; default: ${DEFAULT-VALUE})")
    String format;

    @Override
    public Integer call() {
        if (!(alpha > 0 && alpha < 1)) {
            throw new UsageError("invalid value for --alpha: must lie between 0 and 1");
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new UsageError("invalid value for --noise: must be a percentage of 0 or more");
        }
        if (failOn != null && (!(failOn >= 0) || Double.isInfinite(failOn))) {
            throw new UsageError("invalid value for --fail-on-regression: must be a percentage of 0 or more");
        }
        if (!format.equals("text") && !format.equals("json")) {
            throw new UsageError("invalid value for --format: '" + format + "' (expected text or json)");
        }
        PrintWriter err = spec.commandLine().getErr();
        ResultSet ra = ResultSet.of(StrictInputs.read(List.of(a), err));
        ResultSet rb = ResultSet.of(StrictInputs.read(List.of(b), err));
        Comparison.Result r = Comparison.of(ra.points(), rb.points(), new Comparison.Settings(alpha, noise));
        List<Comparison.Row> reg = failOn == null ? List.of() : r.regressions(failOn);
        List<Comparison.Total> regTotals = failOn == null ? List.of() : r.totalRegressions(failOn);
        int code = failOn == null ? 0 : !reg.isEmpty() || !regTotals.isEmpty() ? REGRESSION
                : r.rows().isEmpty() ? NOT_COMPARABLE : 0;
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            try {
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(r, code)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            text(r, out);
        }
        out.flush();
        if (code == REGRESSION) {
            double worst = Math.max(reg.stream().mapToDouble(Comparison.Row::changePercent).max().orElse(0),
                    regTotals.stream().mapToDouble(Comparison.Total::changePercent).max().orElse(0));
            err.println("opbench: " + reg.size() + " point(s) and " + regTotals.size() + " network total(s) found "
                    + "slower by more than " + failOn + "% (significant slowdowns), worst "
                    + String.format(Locale.ROOT, "%+.1f%%", worst));
        } else if (code == NOT_COMPARABLE) {
            err.println("opbench: no point of " + a + " could be compared with " + b
                    + " (no key ok in both): nothing to gate on");
        }
        err.flush();
        return code;
    }

    private void text(Comparison.Result r, PrintWriter out) {
        out.println("A: " + a);
        out.println("B: " + b);
        out.println("ratio = median B / median A (above 1: B slower); change: two-sided Mann-Whitney U over round "
                + "medians, p < " + alpha + ", and beyond the noise threshold of " + noise + "%; interval: "
                + pct(1 - alpha) + " bootstrap over rounds");
        Table t = new Table(List.of("set", "layer", "config", "threads", "batch", "median A", "median B", "ratio",
                "interval", "p", "verdict"), false, false, false, true, true, true, true, true, false, true, false);
        int listed = 0;
        for (Comparison.Row row : r.rows()) {
            if (!all && row.verdict() == Comparison.Verdict.SAME) {
                continue;
            }
            listed++;
            t.row(List.of(row.network(), row.layer(), row.config(), Integer.toString(row.threads()),
                    Integer.toString(row.batch()), Format.time(row.medianA()), Format.time(row.medianB()),
                    ratio(row.ratio()), interval(row.interval()),
                    row.test() == null ? "-" : String.format(Locale.ROOT, "%.2g", row.test().p()),
                    verdict(row.verdict())));
        }
        out.println();
        if (listed > 0) {
            t.print(out);
        } else {
            out.println(all || r.rows().isEmpty() ? "no points to compare" : "no significant differences");
        }
        if (!r.totals().isEmpty()) {
            out.println();
            out.println("network totals (sum of median x repeat over the layers compared):");
            Table tt = new Table(List.of("set", "config", "threads", "batch", "layers", "total A", "total B", "ratio",
                    "interval", "verdict"), false, false, true, true, true, true, true, true, false, false);
            for (Comparison.Total x : r.totals()) {
                tt.row(List.of(x.network(), x.config(), Integer.toString(x.threads()), Integer.toString(x.batch()),
                        Integer.toString(x.points()), Format.time(x.totalA()), Format.time(x.totalB()),
                        ratio(x.ratio()), interval(x.interval()), verdict(x.verdict())));
            }
            tt.print(out);
        }
        out.println();
        out.println(r.rows().size() + " point(s) compared: " + r.count(Comparison.Verdict.SLOWER) + " slower, "
                + r.count(Comparison.Verdict.FASTER) + " faster, " + r.count(Comparison.Verdict.SAME)
                + " without a significant difference");
        if (r.coreRatio() != null) {
            out.println(String.format(Locale.ROOT, "cores: the noise probe's fixed loop ran %+.1f%% in B (median over "
                    + "the points): a hint of how much the machine itself moved, not a correction",
                    (r.coreRatio() - 1) * 100));
        }
        if (r.noiseOnly() > 0) {
            out.println(r.noiseOnly() + " point(s) without rounds in A or B: " + Comparison.Basis.NOISE_ONLY.label()
                    + " (" + noise + "%)");
        }
        if (!r.onlyA().isEmpty()) {
            out.println(r.onlyA().size() + " point(s) only in A");
        }
        if (!r.onlyB().isEmpty()) {
            out.println(r.onlyB().size() + " point(s) only in B");
        }
        if (!r.notCompared().isEmpty()) {
            out.println(r.notCompared().size() + " point(s) not ok in A or B, not compared:");
            r.notCompared().forEach(s -> out.println("  " + s));
        }
    }

    private ObjectNode json(Comparison.Result r, int code) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("a", a.toString());
        root.put("b", b.toString());
        ObjectNode s = root.putObject("settings");
        s.put("alpha", alpha);
        s.put("noise_pct", noise);
        if (failOn == null) {
            s.putNull("fail_on_regression_pct");
        } else {
            s.put("fail_on_regression_pct", failOn);
        }
        s.put("test", "two-sided Mann-Whitney U over round medians (exact for few rounds without ties)");
        s.put("interval", "percentile bootstrap of the ratio of medians over rounds, level 1 - alpha, "
                + Comparison.RESAMPLES + " resamples");
        java.util.Set<Comparison.Row> regressions = new java.util.HashSet<>(
                failOn == null ? List.of() : r.regressions(failOn));
        java.util.Set<Comparison.Total> totalRegressions = new java.util.HashSet<>(
                failOn == null ? List.of() : r.totalRegressions(failOn));
        ArrayNode points = root.putArray("points");
        for (Comparison.Row row : r.rows()) {
            ObjectNode p = points.addObject();
            p.put("key", row.key());
            p.put("network", row.network());
            p.put("layer", row.layer());
            p.put("config", row.config());
            p.put("threads", row.threads());
            p.put("batch", row.batch());
            p.put("median_a_us", row.medianA());
            p.put("median_b_us", row.medianB());
            p.put("ratio", row.ratio());
            p.put("change_pct", row.changePercent());
            interval(p, row.interval());
            if (row.test() == null) {
                p.putNull("p");
            } else {
                p.put("p", row.test().p());
            }
            p.put("rounds_a", row.roundsA());
            p.put("rounds_b", row.roundsB());
            p.put("basis", basis(row.basis()));
            p.put("verdict", verdict(row.verdict()));
            p.put("regression", failOn != null && regressions.contains(row));
        }
        ArrayNode totals = root.putArray("totals");
        for (Comparison.Total x : r.totals()) {
            ObjectNode t = totals.addObject();
            t.put("network", x.network());
            t.put("config", x.config());
            t.put("threads", x.threads());
            t.put("batch", x.batch());
            t.put("points", x.points());
            t.put("total_a_us", x.totalA());
            t.put("total_b_us", x.totalB());
            t.put("ratio", x.ratio());
            t.put("change_pct", x.changePercent());
            interval(t, x.interval());
            t.put("basis", basis(x.basis()));
            t.put("verdict", verdict(x.verdict()));
            t.put("regression", failOn != null && totalRegressions.contains(x));
        }
        r.onlyA().forEach(root.putArray("only_a")::add);
        r.onlyB().forEach(root.putArray("only_b")::add);
        r.notCompared().forEach(root.putArray("not_compared")::add);
        ObjectNode sum = root.putObject("summary");
        sum.put("compared", r.rows().size());
        sum.put("slower", r.count(Comparison.Verdict.SLOWER));
        sum.put("faster", r.count(Comparison.Verdict.FASTER));
        sum.put("same", r.count(Comparison.Verdict.SAME));
        sum.put("noise_only", r.noiseOnly());
        sum.put("only_a", r.onlyA().size());
        sum.put("only_b", r.onlyB().size());
        sum.put("not_compared", r.notCompared().size());
        sum.put("regressions", failOn == null ? 0 : r.regressions(failOn).size());
        if (r.coreRatio() == null) {
            sum.putNull("core_ratio");
        } else {
            sum.put("core_ratio", r.coreRatio());
        }
        sum.put("total_regressions", failOn == null ? 0 : r.totalRegressions(failOn).size());
        root.put("exit_code", code);
        return root;
    }

    private static void interval(ObjectNode o, Comparison.Interval iv) {
        if (iv == null) {
            o.putNull("interval");
        } else {
            ObjectNode i = o.putObject("interval");
            i.put("lo", iv.lo());
            i.put("hi", iv.hi());
        }
    }

    private static String basis(Comparison.Basis b) {
        return b == Comparison.Basis.ROUNDS ? "rounds" : "noise_only";
    }

    private static String verdict(Comparison.Verdict v) {
        return v.name().toLowerCase(Locale.ROOT);
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, "%.3f", r);
    }

    private static String interval(Comparison.Interval iv) {
        return iv == null ? "-" : String.format(Locale.ROOT, "%.3f-%.3f", iv.lo(), iv.hi());
    }

    private static String pct(double level) {
        return String.format(Locale.ROOT, "%.0f%%", level * 100);
    }
}
