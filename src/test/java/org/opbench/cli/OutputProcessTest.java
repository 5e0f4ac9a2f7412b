package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.result.PointRecord;
import org.opbench.result.ResultFile;
import org.opbench.result.ResultReader;

/**
 * Result files under real process-level trouble (issue 17, classes 4, 7 and 8), each with opbench run as a child
 * JVM: a second writer on the same {@code --out}, SIGTERM and SIGINT at different moments, and a disk that fills up
 * mid-run (the file-size limit of {@code ulimit -f}, which makes writes fail as a full disk does).
 */
class OutputProcessTest {

    @Test
    void secondWriterIsRefusedWithTheHoldersPidAndTheFileStaysValid(@TempDir Path dir) throws Exception {
        Path set = convSet(dir, 6);
        Path out = dir.resolve("r.jsonl");
        Process first = start(dir, "first.log", List.of(), "sweep", "--backends", "reference", "--tensors",
                set.toString(), "--out", out.toString(), "--reps", "3", "--min-time", "0.1", "--warmup", "0", "-q");
        waitFor(() -> Files.exists(dir.resolve("r.jsonl.lock")) && first.isAlive(), 60);
        Process second = start(dir, "second.log", List.of(), "sweep", "--backends", "reference", "--tensors",
                set.toString(), "--out", out.toString(), "--resume", "--reps", "3", "--min-time", "0.1", "--warmup",
                "0", "-q");
        assertTrue(second.waitFor(120, TimeUnit.SECONDS));
        String refusal = Files.readString(dir.resolve("second.log"));
        assertEquals(2, second.exitValue(), refusal);
        assertTrue(refusal.contains("being written by another opbench run (pid " + first.pid()), refusal);
        assertEquals(1, refusal.strip().lines().count(), refusal);
        assertTrue(first.waitFor(180, TimeUnit.SECONDS));
        assertEquals(0, first.exitValue(), Files.readString(dir.resolve("first.log")));
        ResultFile f = ResultReader.read(out);
        assertEquals(1, f.runs().size());
        assertEquals(6, f.points().size());
        assertEquals(6, f.points().stream().map(PointRecord::layer).distinct().count());
        assertTrue(f.warnings().isEmpty(), f.warnings().toString());
        assertFalse(Files.exists(dir.resolve("r.jsonl.lock")), "the lock file is removed");
    }

    @Test
    void sigtermMidRunSaysHowToResumeWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path set = convSet(dir, 10);
        Path out = dir.resolve("r.jsonl");
        Process p = start(dir, "log", List.of(), "sweep", "--backends", "reference", "--tensors", set.toString(),
                "--out", out.toString(), "--reps", "5", "--min-time", "0.2", "--warmup", "0", "-q");
        waitFor(() -> pointLines(out) >= 2, 120);
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String log = Files.readString(dir.resolve("log"));
        assertEquals(143, p.exitValue(), log);
        assertTrue(log.contains("interrupted") && log.contains("--resume"), log);
        assertFalse(log.contains("Exception") || log.contains("\tat "), log);
        assertFalse(Files.exists(dir.resolve("r.jsonl.lock")), "the lock file is removed");
        assertTrue(ResultReader.read(out).warnings().isEmpty());
    }

    @Test
    void sigtermBeforeMeasuringReleasesTheLockAndSaysSo(@TempDir Path dir) throws Exception {
        Path set = convSet(dir, 3);
        Path out = dir.resolve("r.jsonl");
        Process p = start(dir, "log", List.of(), "sweep", "--backends", "reference", "--tensors", set.toString(),
                "--out", out.toString(), "--reps", "3", "--min-time", "0.1", "--warmup", "0", "-q");
        waitFor(() -> Files.readString(dir.resolve("log")).contains("opbench: writing"), 60);
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String log = Files.readString(dir.resolve("log"));
        assertEquals(143, p.exitValue(), log);
        assertTrue(log.contains("interrupted"), log);
        assertFalse(log.contains("Exception") || log.contains("\tat "), log);
        assertFalse(Files.exists(dir.resolve("r.jsonl.lock")), "the lock file is removed: " + log);
    }

    @Test
    void sigintMidRunSaysHowToResumeWithoutAStackTrace(@TempDir Path dir) throws Exception {
        String status = Files.readString(Path.of("/proc/self/status"));
        String ignored = status.lines().filter(l -> l.startsWith("SigIgn:")).findFirst().orElse("SigIgn: 0");
        Assumptions.assumeTrue((Long.parseLong(ignored.substring(7).strip(), 16) & 2) == 0,
                "SIGINT is ignored in this test JVM (started in the background), so a child would ignore it too");
        Path set = convSet(dir, 10);
        Path out = dir.resolve("r.jsonl");
        Process p = start(dir, "log", List.of(), "sweep", "--backends", "reference", "--tensors", set.toString(),
                "--out", out.toString(), "--reps", "5", "--min-time", "0.2", "--warmup", "0", "-q");
        waitFor(() -> pointLines(out) >= 2, 120);
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String log = Files.readString(dir.resolve("log"));
        assertEquals(130, p.exitValue(), log);
        assertTrue(log.contains("interrupted") && log.contains("--resume"), log);
        assertFalse(log.contains("Exception") || log.contains("\tat "), log);
        assertTrue(ResultReader.read(out).warnings().isEmpty());
    }

    @Test
    void fullDiskMidRunIsOneLineKeepsCompletePointsAndResumeCompletes(@TempDir Path dir) throws Exception {
        Path set = convSet(dir, 12);
        Path out = dir.resolve("r.jsonl");
        // ulimit -f 12: writes past 12 KiB fail with EFBIG, as writes to a full disk fail with ENOSPC
        Process p = start(dir, "log", List.of("ulimit -f 12;"), "sweep", "--in-process", "--backends", "reference",
                "--tensors", set.toString(), "--out", out.toString(), "--reps", "2", "--min-time", "0",
                "--warmup", "0", "-q");
        assertTrue(p.waitFor(180, TimeUnit.SECONDS));
        String log = Files.readString(dir.resolve("log"));
        assertEquals(1, p.exitValue(), log);
        List<String> errors = log.lines().filter(l -> l.startsWith("opbench: failed")).toList();
        assertEquals(1, errors.size(), log);
        assertTrue(errors.get(0).contains(out.toString()) && errors.get(0).contains("File too large"), log);
        assertFalse(log.contains("interrupted"), log);
        // opbench's own lines: the failure once, no stack trace (other lines may come from libraries the driver
        // probes, such as ONNX Runtime's logger when it cannot extract its natives under the same limit)
        assertTrue(log.lines().filter(l -> l.startsWith("opbench:")).noneMatch(l -> l.contains("Exception")), log);
        ResultFile partial = ResultReader.read(out);
        int kept = partial.points().size();
        assertTrue(kept >= 1 && kept < 12, "complete points kept: " + kept);
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "sweep", "--in-process",
                "--backends", "reference", "--tensors", set.toString(), "--out", out.toString(), "--resume", "--reps",
                "2", "--min-time", "0", "--warmup", "0", "-q");
        assertEquals(0, code, err.toString());
        ResultFile f = ResultReader.read(out);
        assertEquals(12, f.points().size());
        assertEquals(12, f.points().stream().map(PointRecord::layer).distinct().count());
        assertTrue(f.warnings().isEmpty(), f.warnings().toString());
    }

    /** opbench in a child JVM (through bash, after {@code shell}), its output in {@code dir/log}. */
    private static Process start(Path dir, String log, List<String> shell, String... args) throws IOException {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        java.addAll(List.of(args));
        StringBuilder cmd = new StringBuilder(String.join(" ", shell)).append(" exec");
        for (String a : java) {
            cmd.append(" '").append(a.replace("'", "'\\''")).append("'");
        }
        return new ProcessBuilder("bash", "-c", cmd.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile()).start();
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    private static void waitFor(Condition c, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!c.holds()) {
            assertTrue(System.nanoTime() < deadline, "timed out after " + seconds + " s");
            Thread.sleep(20);
        }
    }

    private static int pointLines(Path out) throws IOException {
        if (!Files.exists(out)) {
            return 0;
        }
        return (int) Files.readAllLines(out).stream().filter(l -> l.contains("\"record\":\"point\"")).count();
    }

    private static Path convSet(Path dir, int n) throws IOException {
        StringBuilder b = new StringBuilder("@network proc\n");
        for (int i = 0; i < n; i++) {
            b.append("conv mb1ic").append(4 + i).append("ih24oc16kh3ph1n\"l").append(i).append("\"\n");
        }
        return Files.writeString(dir.resolve("proc.txt"), b.toString());
    }
}
