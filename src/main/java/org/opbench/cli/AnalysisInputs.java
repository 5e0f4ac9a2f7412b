package org.opbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opbench.analysis.Analysis;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code analyze} and {@code report} analyse: the result files and the speedup baseline. */
final class AnalysisInputs {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "result files of sweeps and runs, and peaks files")
    List<Path> files = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "BACKEND/ALGORITHM[/TUNER]",
            description = "what speedups are measured against (default: untuned direct algorithm of the first "
                    + "backend in the results other than the reference; the reference only where it is alone)")
    String baseline;

    @Option(names = "--include-reference", description = "put the reference backend (the correctness oracle) in the "
            + "timing numbers and charts too; by default it is left out where another backend is in the results")
    boolean includeReference;

    /** Reads the files (warnings to {@code err}) and analyses them; an unreadable file or bad baseline is a usage error. */
    Analysis analyze(PrintWriter err) {
        var set = ResultInputs.read(files, err);
        try {
            return Analysis.of(set, baseline, includeReference);
        } catch (IllegalArgumentException e) {
            throw new UsageError("invalid value for --baseline: " + e.getMessage());
        }
    }
}
