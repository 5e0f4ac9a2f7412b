package org.opbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.cli.Main;
import org.opbench.result.PointRecord;
import org.opbench.result.ResultFile;
import org.opbench.result.ResultReader;
import org.opbench.result.Status;

/**
 * A crash, a hang, an unbounded allocation, a wrong answer and a worker killed by SIGKILL each get their status (the
 * supervisor's one rule: SIGKILL is {@code skipped}); the points around them are ok.
 */
class FaultIsolationTest {

    private static Path set(Path dir, String... names) throws IOException {
        StringBuilder b = new StringBuilder("@network faults\n");
        int ic = 3;
        for (String n : names) {
            b.append("conv mb1ic").append(ic++).append("ih6oc4kh3n\"").append(n).append("\"\n");
        }
        Path f = dir.resolve("faults.txt");
        Files.writeString(f, b.toString());
        return f;
    }

    @Test
    void faultsAreContainedToTheirPoint(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("r.jsonl");
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.execute(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err),
                "sweep", "--backends", "faulty", "--tensors",
                set(dir, "ok1", "crash", "ok2", "hang", "ok3", "hog", "ok4", "wrong", "ok5", "killed", "ok6").toString(),
                "--out", out.toString(), "--point-timeout", "10", "--reps", "2", "--min-time", "0", "--warmup", "0",
                "--worker-jvm-arg", "-XX:MaxDirectMemorySize=256m", "-q");
        assertEquals(0, code, err.toString());
        // records arrive as points finish (their rounds are interleaved): put them back in the order of the set
        List<String> order = List.of("ok1", "crash", "ok2", "hang", "ok3", "hog", "ok4", "wrong", "ok5", "killed", "ok6");
        List<PointRecord> p = ResultReader.read(out).points().stream()
                .sorted(java.util.Comparator.comparingInt(r -> order.indexOf(r.layer()))).toList();
        assertEquals(11, p.size(), err.toString());
        assertEquals(List.of(Status.OK, Status.FAILED, Status.OK, Status.TIMEOUT, Status.OK, Status.FAILED, Status.OK,
                Status.MISMATCH, Status.OK, Status.SKIPPED, Status.OK), p.stream().map(PointRecord::status).toList());
        String crash = p.get(1).reason();
        assertTrue(crash.contains("SIGABRT") || crash.contains("SIGSEGV"), crash);
        assertTrue(crash.contains("SIGSEGV"), "the JVM's own report names the fault: " + crash);
        assertTrue(p.get(3).reason().contains("no result within 10000 ms"), p.get(3).reason());
        assertTrue(p.get(5).reason().contains("out of memory"), p.get(5).reason());
        assertTrue(p.get(7).reason().contains("exceeds the tolerance"), p.get(7).reason());
        assertEquals(null, p.get(7).gflops());
        assertTrue(p.get(9).reason().contains("SIGKILL") && p.get(9).reason().contains("out-of-memory killer"),
                p.get(9).reason());
    }

    @Test
    void aWorkerThatDiesDuringInterleavedRoundsCostsOnlyThePointWhoseRoundWasRunning(@TempDir Path dir)
            throws IOException {
        Path out = dir.resolve("r.jsonl");
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.execute(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err),
                "sweep", "--backends", "faulty", "--threads", "1", "--tensors",
                set(dir, "ok1", "late-crash", "ok2", "ok3").toString(), "--out", out.toString(), "--reps", "5",
                "--min-time", "1", "--max-reps", "1000000", "--warmup", "0", "-q");
        assertEquals(0, code, err.toString());
        List<PointRecord> p = ResultReader.read(out).points();
        assertEquals(4, p.size(), err.toString());
        assertEquals(4, p.stream().map(PointRecord::layer).distinct().count(), "each point exactly once");
        for (PointRecord r : p) {
            if (r.layer().equals("late-crash")) {
                assertEquals(Status.FAILED, r.status());
                assertTrue(r.reason().contains("SIGSEGV"), r.reason());
            } else {
                assertEquals(Status.OK, r.status(), r.layer() + ": " + r.reason());
                assertEquals(Boolean.TRUE, r.interleaved(), "the new worker interleaves the points left");
                assertEquals(5, r.rounds());
            }
        }
    }

    @Test
    void roundsAlternateAcrossWorkersAndADeathCostsOnlyItsPoint(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("r.jsonl");
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.execute(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err),
                "sweep", "--backends", "faulty", "--threads", "1,2", "--tensors",
                set(dir, "ok1", "late-crash", "ok2", "ok3").toString(), "--out", out.toString(), "--reps", "5",
                "--min-time", "1", "--max-reps", "1000000", "--warmup", "0", "-q");
        assertEquals(0, code, err.toString());
        List<PointRecord> p = ResultReader.read(out).points();
        assertEquals(8, p.size(), err.toString());
        assertEquals(8, p.stream().map(PointRecord::key).distinct().count(), "each point exactly once");
        java.util.TreeMap<Integer, Integer> threadsBySeq = new java.util.TreeMap<>();
        for (PointRecord r : p) {
            if (r.layer().equals("late-crash")) {
                assertEquals(Status.FAILED, r.status(), "t" + r.threads() + ": " + r.reason());
                assertTrue(r.reason().contains("SIGSEGV"), r.reason());
                continue;
            }
            assertEquals(Status.OK, r.status(), r.layer() + " t" + r.threads() + ": " + r.reason());
            assertEquals(Boolean.TRUE, r.interleaved());
            assertEquals("sweep", r.details().get("interleave_scope"), "both groups' workers lived at once");
            @SuppressWarnings("unchecked")
            List<Number> seq = (List<Number>) r.details().get("round_seq");
            assertEquals(r.rounds(), seq.size(), "one place in the order per kept round");
            for (Number q : seq) {
                assertEquals(null, threadsBySeq.put(q.intValue(), r.threads()), "each place of the order run once");
            }
        }
        List<Integer> order = new ArrayList<>(threadsBySeq.values());
        int switches = 0;
        for (int i = 1; i < order.size(); i++) {
            switches += order.get(i).equals(order.get(i - 1)) ? 0 : 1;
        }
        assertTrue(switches >= 4, "the 1- and 2-thread groups' rounds alternate: " + order);
    }

    @Test
    void pointsThatCannotFitAreSkippedWithTheEstimate(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("r.jsonl");
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.execute(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err),
                "run", "--op", "conv", "--shape", "mb1ic8ih8oc8kh3n\"small\"", "--shape",
                "mb64ic64ih224oc64kh3ph1n\"huge\"", "--backends", "reference", "--out", out.toString(),
                "--worker-jvm-arg", "-Xmx256m", "--reps", "1", "--min-time", "0", "--warmup", "0", "-q");
        assertEquals(0, code, err.toString());
        List<PointRecord> p = ResultReader.read(out).points();
        assertEquals(Status.OK, p.get(0).status());
        assertEquals(Status.SKIPPED, p.get(1).status());
        assertTrue(p.get(1).reason().contains("Java heap") && p.get(1).reason().contains("MB"), p.get(1).reason());
    }

    @Test
    void sweepKilledWithSigkillResumesToEveryPointExactlyOnce(@TempDir Path dir) throws Exception {
        Path set = convSet(dir, "kill", 12);
        Path out = dir.resolve("r.jsonl");
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "sweep", "--backends", "reference",
                "--tensors", set.toString(), "--out", out.toString(), "--reps", "5", "--min-time", "0.15",
                "--warmup", "0", "--rounds", "1", "-q")); // one round each: points finish one after another
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pointLines(out) < 4 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        p.waitFor(10, TimeUnit.SECONDS);
        int before = pointLines(out);
        assertTrue(before >= 4 && before < 12, "killed mid-way: " + before);
        for (ProcessHandle c : children) { // the orphaned worker notices and stops by itself
            c.onExit().get(10, TimeUnit.SECONDS);
        }
        int code = Main.execute(new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()), "sweep", "--backends", "reference", "--tensors",
                set.toString(), "--out", out.toString(), "--resume", "--reps", "2", "--min-time", "0", "--warmup", "0",
                "-q");
        assertEquals(0, code);
        ResultFile f = ResultReader.read(out);
        assertEquals(12, f.points().size());
        assertEquals(12, f.points().stream().map(PointRecord::layer).distinct().count());
        assertEquals(2, f.runs().size());
        assertTrue(f.runs().get(1).resumed());
    }

    @Test
    void sigtermStopsWorkersKeepsWhatWasMeasuredAndSaysHowToResume(@TempDir Path dir) throws Exception {
        Path set = convSet(dir, "term", 10);
        Path out = dir.resolve("r.jsonl");
        Path log = dir.resolve("log");
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "sweep", "--backends", "reference",
                "--tensors", set.toString(), "--out", out.toString(), "--reps", "5", "--min-time", "0.2", "--warmup", "0",
                "-q").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pointLines(out) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<ProcessHandle> workers = p.descendants().toList();
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(143, p.exitValue());
        String text = Files.readString(log);
        assertTrue(text.contains("interrupted") && text.contains("--resume"), text);
        for (ProcessHandle w : workers) {
            w.onExit().get(10, TimeUnit.SECONDS);
        }
        ResultFile f = ResultReader.read(out);
        assertTrue(f.points().size() >= 2 && f.points().size() < 10, "points kept: " + f.points().size());
        assertTrue(f.warnings().isEmpty(), f.warnings().toString());
    }

    private static int pointLines(Path out) throws IOException {
        if (!Files.exists(out)) {
            return 0;
        }
        return (int) Files.readAllLines(out).stream().filter(l -> l.contains("\"record\":\"point\"")).count();
    }

    /** {@code dir/NETWORK.txt}: a tensor set of {@code n} small conv layers {@code l0..} in network {@code network}. */
    private static Path convSet(Path dir, String network, int n) throws IOException {
        StringBuilder b = new StringBuilder("@network " + network + "\n");
        for (int i = 0; i < n; i++) {
            b.append("conv mb1ic").append(4 + i).append("ih24oc16kh3ph1n\"l").append(i).append("\"\n");
        }
        Path set = dir.resolve(network + ".txt");
        Files.writeString(set, b.toString());
        return set;
    }
}
