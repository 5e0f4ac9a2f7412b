package org.opbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.opbench.result.CsvWriter;
import org.opbench.result.GbenchFormat;
import org.opbench.result.Json;
import org.opbench.result.NetworkRecord;
import org.opbench.result.PointRecord;
import org.opbench.result.Record;
import org.opbench.result.ResultFile;
import org.opbench.result.RunRecord;
import org.opbench.result.TraceFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code opbench convert FILE... --to gbench|trace|csv}: result files in formats other tools read. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert result files for other tools (docs/formats.md):",
                "  gbench  Google Benchmark's JSON (tools/compare.py, dashboards that read it): one benchmark per point",
                "  trace   Chrome Trace Event Format (Perfetto, chrome://tracing): network runs with per-layer profiles",
                "  csv     one row per point (as 'opbench csv')",
                "Records of an unknown kind or a newer schema are refused (exit 2)."})
final class ConvertCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESULTS.jsonl")
    List<Path> files = new ArrayList<>();

    @Option(names = "--to", required = true, paramLabel = "gbench|trace|csv", description = "the output format")
    String to;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "output file (default: standard output)")
    Path out;

    @Option(names = "--force", description = "replace an existing --out file")
    boolean force;

    @Option(names = "--time-unit", paramLabel = "ns|us|ms|s", defaultValue = "us",
            description = "gbench: the time unit of real_time and cpu_time (default: ${DEFAULT-VALUE})")
    String timeUnit;

    @Override
    public Integer call() throws IOException {
        if (!List.of("gbench", "trace", "csv").contains(to)) {
            throw new UsageError("invalid value for --to: '" + to + "' (expected gbench, trace or csv)");
        }
        if (!GbenchFormat.UNITS.containsKey(timeUnit)) {
            throw new UsageError("invalid value for --time-unit: '" + timeUnit + "' (expected ns, us, ms or s)");
        }
        if (out != null) {
            OutputFiles.check("--out", out, force, files);
        }
        PrintWriter err = spec.commandLine().getErr();
        List<ResultFile> read = StrictInputs.read(files, err);
        List<Record> records = new ArrayList<>();
        read.forEach(f -> records.addAll(f.records()));
        switch (to) {
            case "csv" -> write(out, w -> {
                try (CsvWriter csv = new CsvWriter(w)) {
                    pointsOf(records).forEach(csv::write);
                }
            });
            case "gbench" -> {
                List<RunRecord> runs = records.stream().filter(RunRecord.class::isInstance).map(RunRecord.class::cast)
                        .toList();
                List<PointRecord> points = pointsOf(records);
                if (points.isEmpty()) {
                    throw new UsageError("no point records in " + names() + ": gbench holds operator points "
                            + "(from opbench sweep or run)");
                }
                note(records, NetworkRecord.class, "network", err);
                String text = Json.mapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(GbenchFormat.of(runs, points, timeUnit));
                write(out, w -> w.write(text + "\n"));
            }
            default -> {
                List<TraceFormat.Profile> profiles;
                try {
                    profiles = TraceFormat.profiles(records);
                } catch (IllegalArgumentException e) {
                    throw new UsageError(names() + ": " + e.getMessage());
                }
                if (profiles.isEmpty()) {
                    throw new UsageError("no network records with per-layer profiles in " + names()
                            + " (opbench network writes them; see docs/networks.md)");
                }
                note(records, PointRecord.class, "point", err);
                String text = Json.mapper().writeValueAsString(TraceFormat.of(profiles));
                write(out, w -> w.write(text + "\n"));
            }
        }
        err.flush();
        return 0;
    }

    private String names() {
        return files.size() == 1 ? files.get(0).toString() : files.size() + " files";
    }

    private static List<PointRecord> pointsOf(List<Record> records) {
        return records.stream().filter(PointRecord.class::isInstance).map(PointRecord.class::cast).toList();
    }

    private void note(List<Record> records, Class<?> kind, String name, PrintWriter err) {
        long n = records.stream().filter(kind::isInstance).count();
        if (n > 0) {
            err.println("opbench: note: " + n + " " + name + " record(s) not converted (--to " + to
                    + " does not hold them)");
        }
    }

    /** Writes to standard output, or to {@code target} by {@link OutputFiles#replace} (never half-written). */
    void write(Path target, OutputFiles.Content body) throws IOException {
        if (target == null) {
            Writer w = new java.io.FilterWriter(spec.commandLine().getOut()) {
                @Override
                public void close() throws IOException {
                    flush(); // standard output stays open
                }
            };
            body.write(w);
            w.close();
            return;
        }
        OutputFiles.replace("--out", target, body);
    }
}
