package org.opbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.opbench.analysis.Analysis;
import org.opbench.report.HtmlReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opbench report}: one self-contained HTML file with interactive plots. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML report (plots and data inlined; opens offline) of result files: "
                + "GFLOPS per layer with the spread of the samples, speedup over a baseline, tuners, the adaptive "
                + "schedule, network records, the roofline (with a peaks file), the run headers and every point "
                + "that is not ok."})
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    AnalysisInputs inputs;

    @Option(names = "--html", paramLabel = "FILE.html", required = true, description = "the report to write")
    Path html;

    @Option(names = "--title", description = "the report's title (default: opbench report: and the sets)")
    String title;

    @Option(names = "--force", description = "overwrite an existing --html")
    boolean force;

    @Override
    public Integer call() throws IOException {
        OutputFiles.check("--html", html, force, inputs.files);
        Analysis a = inputs.analyze(spec.commandLine().getErr());
        String t = title;
        if (t == null) {
            List<String> sets = a.input().points().stream().map(org.opbench.analysis.Points::network).distinct()
                    .toList();
            t = "opbench report" + (sets.isEmpty() ? "" : ": " + String.join(", ", sets));
        }
        try {
            HtmlReport.write(a, t, html);
        } catch (IOException e) {
            throw new UsageError("cannot write --html " + html + ": " + e.getMessage());
        }
        spec.commandLine().getErr().println("opbench: report in " + html);
        spec.commandLine().getErr().flush();
        return 0;
    }
}
