package org.opbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.opbench.analysis.Comparison;
import org.opbench.analysis.ResultSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code opbench compare A B}: point by point, with a significance test; exit 3 on a regression. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two result files point by point (same op, problem, backend, algorithm, tuner, threads, "
                + "batch): ratio of medians B / A and whether the samples differ significantly (two-sided "
                + "Mann-Whitney U test).",
                "Exit codes: 0 done, 2 usage error, 3 a significant slowdown above --fail-on-regression."})
final class CompareCommand implements Callable<Integer> {
    static final int REGRESSION = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A.jsonl", description = "the reference run")
    Path a;

    @Parameters(index = "1", paramLabel = "B.jsonl", description = "the run compared with it")
    Path b;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.01",
            description = "significance level of the test (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--fail-on-regression", paramLabel = "PERCENT",
            description = "exit with code 3 when a point of B is significantly slower than in A by more than PERCENT")
    Double failOn;

    @Option(names = "--all", description = "list every compared point (default: only the significant differences)")
    boolean all;

    @Override
    public Integer call() {
        if (!(alpha > 0 && alpha < 1)) {
            throw new UsageError("invalid value for --alpha: must lie between 0 and 1");
        }
        if (failOn != null && !(failOn >= 0)) {
            throw new UsageError("invalid value for --fail-on-regression: must be a percentage of 0 or more");
        }
        PrintWriter err = spec.commandLine().getErr();
        ResultSet ra = ResultInputs.read(List.of(a), err);
        ResultSet rb = ResultInputs.read(List.of(b), err);
        Comparison.Result r = Comparison.of(ra.points(), rb.points(), alpha);
        PrintWriter out = spec.commandLine().getOut();
        out.println("A: " + a);
        out.println("B: " + b);
        out.println("ratio = median B / median A (above 1: B slower); significant: two-sided Mann-Whitney U, p < "
                + alpha);
        Table t = new Table(List.of("set", "layer", "config", "threads", "batch", "median A", "median B", "ratio",
                "p", "verdict"), false, false, false, true, true, true, true, true, true, false);
        int listed = 0;
        for (Comparison.Row row : r.rows()) {
            if (!all && row.verdict() == Comparison.Verdict.SAME) {
                continue;
            }
            listed++;
            t.row(List.of(row.network(), row.layer(), row.config(), Integer.toString(row.threads()),
                    Integer.toString(row.batch()), Format.time(row.medianA()), Format.time(row.medianB()),
                    String.format(Locale.ROOT, "%.3f", row.ratio()), String.format(Locale.ROOT, "%.2g", row.test().p()),
                    row.verdict().name().toLowerCase(Locale.ROOT)));
        }
        out.println();
        if (listed > 0) {
            t.print(out);
        } else {
            out.println(all || r.rows().isEmpty() ? "no points to compare" : "no significant differences");
        }
        out.println();
        out.println(r.rows().size() + " point(s) compared: " + r.count(Comparison.Verdict.SLOWER) + " slower, "
                + r.count(Comparison.Verdict.FASTER) + " faster, " + r.count(Comparison.Verdict.SAME)
                + " without a significant difference");
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
        out.flush();
        if (failOn != null) {
            List<Comparison.Row> reg = r.regressions(failOn);
            if (!reg.isEmpty()) {
                err.println("opbench: " + reg.size() + " significant slowdown(s) above " + failOn + "%, worst "
                        + String.format(Locale.ROOT, "%+.1f%%", reg.stream().mapToDouble(Comparison.Row::changePercent)
                        .max().orElse(0)));
                err.flush();
                return REGRESSION;
            }
        }
        return 0;
    }
}
