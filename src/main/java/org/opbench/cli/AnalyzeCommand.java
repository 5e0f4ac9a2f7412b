package org.opbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.opbench.analysis.Analysis;
import org.opbench.analysis.ResultSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code opbench analyze}: speedups, tuners, the adaptive schedule and the roofline, as terminal tables. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyse result files: speedup over a baseline per problem (geometric mean per set), tuned "
                + "versus untuned, the ideal adaptive schedule per network, the roofline (with a peaks file), and the "
                + "points that are not ok.", "Only ok points enter the numbers."})
final class AnalyzeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "result files of sweeps and runs, and peaks files")
    List<Path> files = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "BACKEND/ALGORITHM[/TUNER]",
            description = "what speedups are measured against (default: untuned direct convolution of the first backend)")
    String baseline;

    @Override
    public Integer call() {
        ResultSet set = ResultInputs.read(files, spec.commandLine().getErr());
        Analysis a;
        try {
            a = Analysis.of(set, baseline);
        } catch (IllegalArgumentException e) {
            throw new UsageError("invalid value for --baseline: " + e.getMessage());
        }
        if (set.points().isEmpty()) {
            spec.commandLine().getOut().println("no points in " + files);
        }
        AnalysisTables.print(spec.commandLine().getOut(), a);
        return 0;
    }
}
