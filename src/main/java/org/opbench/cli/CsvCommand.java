package org.opbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code opbench csv}: result files to one flat CSV row per point. */
@Command(name = "csv", mixinStandardHelpOptions = true,
        description = "Write the points of result files as CSV (one row per point, columns documented in "
                + "docs/results.md); the same as 'opbench convert --to csv'.")
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
        ConvertCommand convert = new ConvertCommand();
        convert.spec = spec;
        convert.files = files;
        convert.to = "csv";
        convert.out = out;
        convert.force = force;
        convert.timeUnit = "us";
        return convert.call();
    }
}
