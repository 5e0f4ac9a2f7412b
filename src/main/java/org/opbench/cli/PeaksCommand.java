package org.opbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.opbench.env.HostProbe;
import org.opbench.env.OpbenchHome;
import org.opbench.peaks.Ceiling;
import org.opbench.peaks.CeilingProvider;
import org.opbench.peaks.PeakSettings;
import org.opbench.peaks.PeaksRecord;
import org.opbench.peaks.PeaksRun;
import org.opbench.peaks.Theoretical;
import org.opbench.peaks.TheoreticalDtype;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code opbench peaks}: this machine's compute and bandwidth ceilings, for the roofline. */
@Command(name = "peaks", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure this machine's ceilings: peak fp32 compute and memory bandwidth per thread count "
                + "(and per device where a provider measures one), bf16, f16 and int8 compute through oneDNN, with the "
                + "theoretical peak of each type where known.",
                "Writes one record:\"peaks\" line to --out (default: results/peaks-<timestamp>.jsonl); pass that file "
                        + "to 'analyze' and 'report' beside sweep files."})
final class PeaksCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N[,N...]", description = "thread counts (default: 1 up to the number of "
            + "cores)")
    List<String> threads = new ArrayList<>();

    @Option(names = "--providers", paramLabel = "NAME[,NAME...]", description = "only these ceiling providers "
            + "(default: all; see the table for their names)")
    List<String> providers = new ArrayList<>();

    @Option(names = "--reps", paramLabel = "N", defaultValue = "5",
            description = "repetitions per ceiling; the best counts (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--min-time", paramLabel = "SECONDS", defaultValue = "0.2",
            description = "least duration of one compute repetition (default: ${DEFAULT-VALUE})")
    double minTime;

    @Option(names = "--triad-mb", paramLabel = "MIB", defaultValue = "256",
            description = "size of each of the triad's three arrays in MiB; keep it far above the last-level cache "
                    + "(default: ${DEFAULT-VALUE})")
    long triadMb;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "kill a measuring worker after this long (default: ${DEFAULT-VALUE})")
    double timeout;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "result file (default: "
            + "results/peaks-<timestamp>.jsonl)")
    Path out;

    @Option(names = "--force", description = "overwrite an existing --out")
    boolean force;

    @Option(names = "--in-process", description = "measure in this JVM instead of one worker JVM per measurement "
            + "(providers' thread environment does not apply)")
    boolean inProcess;

    @Option(names = {"-q", "--quiet"}, description = "no progress lines")
    boolean quiet;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        List<Integer> counts = Inputs.positiveInts("--threads", threads);
        if (counts.isEmpty()) {
            var host = HostProbe.probe();
            int cores = host.cores() != null ? host.cores() : host.logicalCpus();
            for (int t = 1; t <= cores; t++) {
                counts.add(t);
            }
        }
        if (reps < 1) {
            throw new UsageError("invalid value for --reps: must be at least 1");
        }
        if (!(minTime > 0) || !(timeout > 0)) {
            throw new UsageError("--min-time and --timeout must be positive");
        }
        if (triadMb < 1) {
            throw new UsageError("invalid value for --triad-mb: must be at least 1");
        }
        List<CeilingProvider> all = PeaksRun.providers();
        List<CeilingProvider> chosen = new ArrayList<>();
        List<String> names = Inputs.names(providers);
        for (String n : names) {
            CeilingProvider p = all.stream().filter(x -> x.name().equals(n)).findFirst().orElseThrow(() ->
                    new UsageError("unknown ceiling provider '" + Inputs.printable(n) + "' (known: "
                            + String.join(", ", all.stream().map(CeilingProvider::name).toList()) + ")"));
            chosen.add(p);
        }
        if (names.isEmpty()) {
            chosen.addAll(all);
        }
        Path path = out != null ? out : ResultSession.timestamped("peaks");
        PeakSettings settings = new PeakSettings(counts, reps, minTime, triadMb << 20, timeout);
        PeaksRun run = new PeaksRun(settings, inProcess, OpbenchHome.cacheDir());
        List<String> command = new ArrayList<>(List.of("opbench"));
        command.addAll(spec.commandLine().getParseResult().originalArgs());
        PeaksRecord[] record = new PeaksRecord[1];
        try (ResultSession session = ResultSession.prepare(err, path, ResultSession.Mode.overwriteOnly(force),
                List.of())) {
            session.measure(() -> {
                record[0] = run.run(chosen, command, progress(err));
                session.open();
                session.write(record[0]);
            }, () -> { }, () -> "opbench: interrupted; nothing was written to " + path + " (its one record is "
                    + "written when every ceiling is measured)");
        }
        print(spec.commandLine().getOut(), record[0]);
        err.println("opbench: peaks in " + path);
        err.flush();
        return 0;
    }

    private PeaksRun.Listener progress(PrintWriter err) {
        return new PeaksRun.Listener() {
            @Override
            public void started(CeilingProvider provider, Integer t) {
                if (!quiet) {
                    err.print("opbench: measuring " + provider.name() + (t == null ? "" : " with " + t
                            + (t == 1 ? " thread" : " threads")) + "... ");
                    err.flush();
                }
            }

            @Override
            public void finished(CeilingProvider provider, Integer t, List<Ceiling> ceilings) {
                if (!quiet) {
                    err.println(String.join(", ", ceilings.stream().map(PeaksCommand::short_).toList()));
                    err.flush();
                }
            }
        };
    }

    private static String short_(Ceiling c) {
        return c.isOk() ? Format.num(c.value(), 1) + " " + c.unit() : c.status();
    }

    static void print(PrintWriter out, PeaksRecord r) {
        Table t = new Table(List.of("provider", "kind", "dtype", "device", "threads", "ceiling", "unit",
                "median of reps", "reason"), false, false, false, false, true, true, false, true, false);
        for (Ceiling c : r.ceilings()) {
            String median = "";
            if (c.samples() != null && c.samples().length > 0) {
                median = Format.num(org.opbench.measure.Stats.of(c.samples()).median(), 1);
            }
            t.row(List.of(c.name(), c.kind(), c.dtype(), c.device() == null ? "" : c.device(),
                    c.threads() == null ? "" : c.threads().toString(), c.isOk() ? Format.num(c.value(), 1) : c.status(),
                    c.unit(), median, c.reason() == null ? "" : firstLine(c.reason())));
        }
        Theoretical th = r.theoretical();
        out.println();
        out.println("Measured ceilings (best of " + r.settings().get("reps") + " repetitions; GB/s = 1e9 bytes/s)");
        t.print(out);
        out.println();
        if (th != null && th.gflops() != null) {
            out.println("Theoretical fp32 peak: " + Format.num(th.gflops(), 1) + " GFLOPS (" + Format.num(th.perCoreGflops(), 1)
                    + " per core = " + th.fp32Lanes() + " lanes x " + th.fmaUnits() + " FMA units x 2 flops x "
                    + Format.num(th.mhz(), 0) + " MHz)");
            out.println("  basis: " + th.basis() + "; clock from " + th.mhzSource());
        } else {
            out.println("Theoretical fp32 peak: unknown (" + (th == null ? "not computed" : th.reason()) + ")");
        }
        for (String dtype : List.of(Ceiling.BF16, Ceiling.F16, Ceiling.INT8)) {
            TheoreticalDtype d = r.theoretical(dtype);
            if (d == null) {
                continue;
            }
            String unit = Ceiling.INT8.equals(dtype) ? " GOPS" : " GFLOPS";
            if (d.gops() != null) {
                out.println("Theoretical " + dtype + " peak: " + Format.num(d.gops(), 1) + unit + " ("
                        + Format.num(d.vsF32(), 0) + "x fp32; " + Format.num(d.macsPerCyclePerCore(), 0)
                        + " multiply-adds per cycle per core)");
                out.println("  basis: " + d.basis());
            } else {
                out.println("Theoretical " + dtype + " peak: unknown (" + d.reason() + ")");
            }
        }
        for (String line : aboveTheoretical(r)) {
            out.println(line);
        }
        out.flush();
    }

    /**
     * A line for each measured compute ceiling above the theoretical peak of its thread count (issue 22: a
     * "theoretical" figure below a measured one must say why).
     */
    static List<String> aboveTheoretical(PeaksRecord r) {
        List<String> lines = new ArrayList<>();
        for (Ceiling c : r.ceilings()) {
            if (!c.isOk() || !Ceiling.COMPUTE.equals(c.kind()) || c.threads() == null) {
                continue;
            }
            TheoreticalDtype th = r.theoretical(c.dtype());
            Double peak = th == null ? null : th.forThreads(c.threads());
            if (peak != null && c.value() > peak) {
                lines.add("  note: " + c.name() + " measured " + Format.num(c.value(), 1) + " " + c.unit() + " at "
                        + c.threads() + (c.threads() == 1 ? " thread" : " threads") + ", above the theoretical "
                        + c.dtype() + " " + Format.num(peak, 1) + ": the cores ran faster than the "
                        + Format.num(th.mhz(), 0) + " MHz used, or a core has more multiply-add throughput than "
                        + "assumed");
            }
        }
        return lines;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
