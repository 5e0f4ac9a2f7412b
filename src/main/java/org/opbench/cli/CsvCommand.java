package org.opbench.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.opbench.problem.InputFileException;
import org.opbench.result.CsvWriter;
import org.opbench.result.PointRecord;
import org.opbench.result.ResultFile;
import org.opbench.result.ResultReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code opbench csv}: result files to one flat CSV row per point. */
@Command(name = "csv", mixinStandardHelpOptions = true,
        description = "Write the points of result files as CSV (one row per point, columns documented in the README).")
final class CsvCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESULTS.jsonl")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.csv", description = "output file (default: standard output)")
    Path out;

    @Option(names = "--force", description = "overwrite an existing --out (never one of the inputs)")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (out != null) {
            OutputFiles.check("--out", out, force, files);
        }
        List<PointRecord> points = new ArrayList<>();
        for (Path f : files) {
            try {
                ResultFile r = ResultReader.read(f);
                r.warnings().forEach(w -> spec.commandLine().getErr().println("opbench: warning: " + w));
                points.addAll(r.points());
            } catch (InputFileException e) {
                throw new UsageError(e.getMessage());
            }
        }
        if (out != null) {
            OutputFiles.replace("--out", out, w -> {
                try (CsvWriter csv = new CsvWriter(w)) {
                    points.forEach(csv::write);
                }
            });
            return 0;
        }
        Writer w = new java.io.FilterWriter(spec.commandLine().getOut()) {
            @Override
            public void close() throws IOException {
                flush(); // standard output stays open
            }
        };
        try (CsvWriter csv = new CsvWriter(w)) {
            points.forEach(csv::write);
        }
        return 0;
    }
}
