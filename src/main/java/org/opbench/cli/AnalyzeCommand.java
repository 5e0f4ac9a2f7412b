package org.opbench.cli;

import java.util.concurrent.Callable;
import org.opbench.analysis.Analysis;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code opbench analyze}: speedups, tuners, the adaptive schedule and the roofline, as terminal tables. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyse result files: speedup over a baseline per problem (geometric mean per set), tuned "
                + "versus untuned, the ideal adaptive schedule per network, the roofline (with a peaks file), and the "
                + "points that are not ok.", "Only ok points enter the numbers."})
final class AnalyzeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    AnalysisInputs inputs;

    @Override
    public Integer call() {
        Analysis a = inputs.analyze(spec.commandLine().getErr());
        if (a.input().points().isEmpty()) {
            spec.commandLine().getOut().println("no points in " + inputs.files);
        }
        for (String note : new String[] {a.baselineNote(), a.referenceNote()}) {
            if (note != null) {
                spec.commandLine().getOut().println(note);
            }
        }
        AnalysisTables.print(spec.commandLine().getOut(), a);
        BoardTables.print(spec.commandLine().getOut(), inputs.files);
        return 0;
    }
}
