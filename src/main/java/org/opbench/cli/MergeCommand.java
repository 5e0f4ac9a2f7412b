package org.opbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.opbench.problem.InputFileException;
import org.opbench.result.Json;
import org.opbench.result.PointRecord;
import org.opbench.result.ResultFile;
import org.opbench.result.ResultReader;
import org.opbench.result.RunRecord;
import org.opbench.result.ShardInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code opbench merge SHARD... --out ALL.jsonl}: the shard files of one sweep plan into one result file, after
 * checking that they come from the same plan and schema, that no shard is given twice, that every planned point is
 * there exactly once, and that they measured the same kind of machine (unless {@code --keep-hosts}, which keeps
 * each kind of machine as a host of its own). Nothing is written unless every check passes; inputs are only read.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Merge the shard files of a sweep (--shard K/N, a Slurm array, a Kubernetes Indexed Job) into "
                + "one result file, checking that every planned point is there exactly once.",
                "A missing shard or point is named with the command that measures just what is missing."})
final class MergeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SHARD.jsonl", description = "the shard files (result files of sweeps "
            + "run with --shard K/N)")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "the merged result file")
    Path out;

    @Option(names = "--keep-hosts", description = "merge files of different kinds of machine (host fingerprints), "
            + "each kept as a host of its own, each checked for completeness on its own")
    boolean keepHosts;

    @Option(names = "--force", description = "overwrite an existing --out")
    boolean force;

    /** One input: its path, its first run record, its points. */
    record Input(Path path, RunRecord run, List<RunRecord> runs, List<PointRecord> points) {
        ShardInfo shard() {
            return run.shard();
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        for (Path in : files) {
            if (ResultSession.sameFile(out, in) || out.toAbsolutePath().normalize().equals(
                    in.toAbsolutePath().normalize())) {
                throw new UsageError("--out " + out + " is one of the shard files; choose another file (merge "
                        + "never changes its inputs)");
            }
        }
        List<Input> inputs = read(files, err);
        Map<String, List<Input>> hosts = check(inputs, keepHosts);
        try (ResultSession session = ResultSession.prepare(err, out, ResultSession.Mode.overwriteOnly(force), files)) {
            session.open();
            int points = 0;
            for (List<Input> host : hosts.values()) {
                for (Input in : host) {
                    in.runs().forEach(session::write);
                    in.points().forEach(session::write);
                    points += in.points().size();
                }
            }
            session.close();
            Input first = inputs.get(0);
            stdout.println("merged " + inputs.size() + " shard(s) from " + files.size() + " file(s) of plan " + first.run().planDigest() + ": "
                    + points + " points" + (hosts.size() > 1 ? " from " + hosts.size() + " hosts" : "") + " into "
                    + out);
            stdout.flush();
        }
        return 0;
    }

    /**
     * Reads the files (warnings to {@code err}) into inputs: each run record starts one, with the points after it;
     * a resumed run record ({@code resumed: true}) of the same shard continues it. So a merged file is read back as
     * its shards. An unreadable file or one without a sweep header is a usage error.
     */
    static List<Input> read(List<Path> files, PrintWriter err) {
        List<Input> inputs = new ArrayList<>();
        for (Path f : files) {
            ResultFile file;
            try {
                file = ResultReader.read(f);
            } catch (InputFileException e) {
                throw new UsageError(e.getMessage());
            }
            file.warnings().forEach(w -> err.println("opbench: warning: " + w));
            List<RunRecord> runs = new ArrayList<>();
            List<PointRecord> points = new ArrayList<>();
            for (org.opbench.result.Record r : file.records()) {
                if (r instanceof RunRecord run) {
                    check(f, run);
                    if (!runs.isEmpty() && !(run.resumed() && sameShard(runs.get(0), run))) {
                        inputs.add(new Input(f, runs.get(0), runs, points));
                        runs = new ArrayList<>();
                        points = new ArrayList<>();
                    }
                    runs.add(run);
                } else if (r instanceof PointRecord p) {
                    if (runs.isEmpty()) {
                        throw new UsageError(f + ": points before any run record: not a result file of opbench sweep");
                    }
                    points.add(p);
                }
            }
            if (runs.isEmpty()) {
                throw new UsageError(f + ": no run record: not a result file of opbench sweep");
            }
            inputs.add(new Input(f, runs.get(0), runs, points));
        }
        err.flush();
        return inputs;
    }

    private static void check(Path f, RunRecord run) {
        if (run.schema() != Json.SCHEMA) {
            throw new UsageError(f + ": result schema " + run.schema() + ", but this opbench merges schema "
                    + Json.SCHEMA + " (use the opbench that wrote it)");
        }
        if (run.planDigest() == null || run.shard() == null) {
            throw new UsageError(f + ": a run record without plan digest and shard: not written by opbench sweep "
                    + "of this version");
        }
    }

    private static boolean sameShard(RunRecord a, RunRecord b) {
        return a.planDigest().equals(b.planDigest()) && a.shard().k() == b.shard().k()
                && a.shard().n() == b.shard().n() && java.util.Objects.equals(a.hostFingerprint(), b.hostFingerprint());
    }

    /**
     * Checks the inputs and groups them by host (one group unless {@code keepHosts}), each group's files in shard
     * order; any problem is a usage error whose first line says what is wrong.
     */
    static Map<String, List<Input>> check(List<Input> inputs, boolean keepHosts) {
        Input first = inputs.get(0);
        Map<String, List<Input>> hosts = new LinkedHashMap<>();
        for (Input in : inputs) {
            if (!keepHosts && !fingerprint(in).equals(fingerprint(first))) {
                throw new UsageError(in.path() + " was measured on another kind of machine (" + host(in) + ") than "
                        + first.path() + " (" + host(first) + "); add --keep-hosts to keep them as separate hosts");
            }
            hosts.computeIfAbsent(keepHosts ? fingerprint(in) : "", h -> new ArrayList<>()).add(in);
        }
        Map<String, List<Input>> sorted = new LinkedHashMap<>();
        for (var e : hosts.entrySet()) {
            sorted.put(e.getKey(), checkHost(e.getValue(), keepHosts));
        }
        return sorted;
    }

    private static List<Input> checkHost(List<Input> inputs, boolean keepHosts) {
        Input first = inputs.get(0);
        for (Input in : inputs) {
            if (!in.run().planDigest().equals(first.run().planDigest())) {
                throw new UsageError(in.path() + " is a shard of plan " + in.run().planDigest() + ", " + first.path()
                        + " of plan " + first.run().planDigest() + ": shards of different sweeps (other sets, "
                        + "backends or settings) cannot be merged" + (keepHosts ? " on one host" : ""));
            }
            if (in.shard().n() != first.shard().n()) {
                throw new UsageError(in.path() + " is shard " + in.shard().k() + "/" + in.shard().n() + " but "
                        + first.path() + " is shard " + first.shard().k() + "/" + first.shard().n()
                        + ": shards of different splits of the plan");
            }
        }
        int n = first.shard().n();
        Map<Integer, Input> byShard = new TreeMap<>();
        for (Input in : inputs) {
            Input twice = byShard.put(in.shard().k(), in);
            if (twice != null) {
                throw new UsageError((twice.path().equals(in.path()) ? in.path() + " holds shard " + in.shard().k()
                        + "/" + n + " twice (a file given twice?)," : twice.path() + " and " + in.path() + " are both shard " + in.shard().k() + "/"
                        + n) + " of plan " + in.run().planDigest() + ": give each shard once");
            }
        }
        Map<String, Path> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int missingPoints = 0;
        for (Input in : byShard.values()) {
            Set<String> planned = new LinkedHashSet<>(in.shard().keys());
            Set<String> got = new LinkedHashSet<>();
            for (PointRecord p : in.points()) {
                String key = p.key();
                if (!planned.contains(key)) {
                    throw new UsageError(in.path() + ": point " + key + " is not in the plan of shard "
                            + in.shard().k() + "/" + n);
                }
                Path other = seen.put(key, in.path());
                if (other != null) {
                    throw new UsageError(in.path() + ": point " + key + " is there twice" + (other.equals(in.path())
                            ? "" : " (also in " + other + ")"));
                }
                got.add(key);
            }
            List<String> missing = planned.stream().filter(k -> !got.contains(k)).toList();
            if (!missing.isEmpty()) {
                missingPoints += missing.size();
                problems.add("  shard " + in.shard().k() + "/" + n + " (" + in.path() + ") lacks " + missing.size()
                        + " of its " + planned.size() + " points, e.g. " + String.join(", ", missing.subList(0,
                        Math.min(3, missing.size()))));
                problems.add("    rerun: " + rerun(in.run(), in.shard().k(), n, in.path()));
            }
        }
        List<Integer> absent = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            if (!byShard.containsKey(k)) {
                absent.add(k);
                Path guess = first.path().resolveSibling("shard-" + k + "-of-" + n + ".jsonl");
                problems.add("  shard " + k + "/" + n + " is missing (no file given)");
                problems.add("    rerun: " + rerun(first.run(), k, n, guess));
            }
        }
        if (!problems.isEmpty()) {
            String what = (absent.isEmpty() ? "" : "shard(s) " + absent.stream().map(k -> k + "/" + n).toList()
                    .toString().replaceAll("[\\[\\]]", "") + " missing")
                    + (absent.isEmpty() || missingPoints == 0 ? "" : " and ")
                    + (missingPoints == 0 ? "" : missingPoints + " planned point(s) missing");
            throw new UsageError("incomplete merge of plan " + first.run().planDigest()
                    + (keepHosts ? " on host " + host(first) : "") + ": " + what + "; nothing written\n"
                    + String.join("\n", problems));
        }
        return new ArrayList<>(byShard.values());
    }

    /** The command that measures what shard {@code k} lacks: its sweep command with --shard K/N --resume --out. */
    static String rerun(RunRecord run, int k, int n, Path file) {
        List<String> words = new ArrayList<>();
        List<String> command = run.command();
        for (int i = 0; i < command.size(); i++) {
            String w = command.get(i);
            if (w.equals("--shard") || w.equals("--out") || w.equals("-o") || w.equals("--shard-count")) {
                i++;
                continue;
            }
            if (w.startsWith("--shard=") || w.startsWith("--out=") || w.startsWith("--shard-count=")
                    || w.equals("--resume") || w.equals("--force")) {
                continue;
            }
            words.add(i == 0 && w.equals("opbench") ? "./opbench" : quote(w));
        }
        words.add("--shard");
        words.add(k + "/" + n);
        words.add("--resume");
        words.add("--out");
        words.add(quote(file.toString()));
        return String.join(" ", words);
    }

    private static String quote(String w) {
        if (w.matches("[A-Za-z0-9_./:=,+@%-]+")) {
            return w;
        }
        return "'" + w.replace("'", "'\\''") + "'";
    }

    private static String fingerprint(Input in) {
        String f = in.run().hostFingerprint();
        return f == null ? "unknown" : f;
    }

    private static String host(Input in) {
        var h = in.run().host();
        return (h == null ? "?" : h.hostname() + ", " + h.cpuModel() + ", " + h.logicalCpus() + " CPUs") + ", fingerprint "
                + fingerprint(in);
    }
}
