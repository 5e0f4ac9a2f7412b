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
            description = "what speedups are measured against (default: untuned direct convolution of the first backend)")
    String baseline;

    /** Reads the files (warnings to {@code err}) and analyses them; an unreadable file or bad baseline is a usage error. */
    Analysis analyze(PrintWriter err) {
        var set = ResultInputs.read(files, err);
        try {
            return Analysis.of(set, baseline);
        } catch (IllegalArgumentException e) {
            throw new UsageError("invalid value for --baseline: " + e.getMessage());
        }
    }
}
