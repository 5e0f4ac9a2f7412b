package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.result.ResultReader;
import org.opbench.result.RunRecord;

/**
 * The repository's Slurm scripts on a real Slurm (CI: deploy/slurm/ci-cluster.sh start): the sweep of
 * mobilenet-v1-0.25-128 on reference and dnnl as a 4-task job array, merged by the dependent job, equals the same
 * sweep run unsharded point for point, each once.
 */
class SlurmArrayTest {
    static final List<String> SWEEP = List.of("--tensors", "mobilenet-v1-0.25-128", "--backends", "reference,dnnl",
            "--reps", "1", "--min-time", "0", "--warmup", "0", "-q");

    static boolean slurmUp() {
        if (!Fleet.onPath("sbatch") || !Fleet.onPath("sinfo")) {
            return false;
        }
        try {
            Fleet.Run r = Fleet.run(List.of("sinfo", "-h", "-o", "%T"), Map.of(), 30);
            return r.code() == 0 && r.output().matches("(?s).*\\b(idle|mixed|allocated)\\b.*");
        } catch (IOException | InterruptedException | AssertionError e) {
            return false;
        }
    }

    @Test
    void theFourShardArrayMergedEqualsTheUnshardedSweep(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(slurmUp(), "no Slurm here: sbatch/sinfo missing or no idle node (CI starts one with "
                + "deploy/slurm/ci-cluster.sh start and exports SLURM_CONF)");
        Path opbench = Fleet.opbenchScript(dir);
        Path out = dir.resolve("fleet");
        List<String> submit = new ArrayList<>(List.of("deploy/slurm/submit.sh", "--shards", "4", "--dir",
                out.toString(), "--wait", "--"));
        submit.addAll(SWEEP);
        Fleet.Run r = Fleet.run(submit, Map.of("OPBENCH", opbench.toString()), 540);
        String logs = r.output() + logs(out);
        assertEquals(0, r.code(), logs);
        Path merged = out.resolve("merged.jsonl");
        assertTrue(Files.isRegularFile(merged), logs);

        Path whole = dir.resolve("whole.jsonl");
        List<String> args = new ArrayList<>(List.of("sweep"));
        args.addAll(SWEEP);
        args.addAll(List.of("--out", whole.toString()));
        Cli w = Cli.run(args.toArray(String[]::new));
        assertEquals(0, w.code(), w.err());

        List<String> mergedKeys = Fleet.keys(merged);
        List<String> wholeKeys = Fleet.keys(whole);
        assertEquals(mergedKeys.size(), new HashSet<>(mergedKeys).size(), "each point once");
        assertEquals(wholeKeys.size(), mergedKeys.size());
        assertEquals(new HashSet<>(wholeKeys), new HashSet<>(mergedKeys));
        List<RunRecord> runs = ResultReader.read(merged).runs();
        assertEquals(List.of(1, 2, 3, 4), runs.stream().map(x -> x.shard().k()).toList());
        String digest = ResultReader.read(whole).runs().get(0).planDigest();
        runs.forEach(x -> assertEquals(digest, x.planDigest()));
        for (int k = 1; k <= 4; k++) {
            String log = Files.readString(out.resolve("shard-" + (k - 1) + ".log"));
            assertTrue(log.contains("shard " + k + "/4 (from SLURM_ARRAY_TASK_ID=" + (k - 1) + " of 4)"), log);
        }
    }

    private static String logs(Path out) throws IOException {
        StringBuilder b = new StringBuilder();
        if (Files.isDirectory(out)) {
            try (var files = Files.list(out)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                    b.append("\n--- ").append(f.getFileName()).append('\n').append(Files.readString(f));
                }
            }
        }
        return b.toString();
    }
}
