package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.result.ResultFile;
import org.opbench.result.ResultReader;
import org.opbench.result.RunRecord;

/**
 * Real shards of a small reference sweep merged back: the merge has exactly the unsharded sweep's points, each once;
 * a missing shard, a torn shard, a shard twice, other hosts are refused with the command that reruns what is
 * missing (run here, after which the merge succeeds); inputs are never changed.
 */
class MergeCommandTest {
    static final int N = 3;
    @TempDir
    static Path dir;
    static Path whole;
    static final List<Path> shards = new ArrayList<>();

    @BeforeAll
    static void sweep() {
        whole = dir.resolve("whole.jsonl");
        Cli w = Cli.run(Fleet.sweep("--out", whole.toString()).toArray(String[]::new));
        assertEquals(0, w.code(), w.err());
        for (int k = 1; k <= N; k++) {
            Path f = dir.resolve("shard-" + k + "-of-" + N + ".jsonl");
            Cli s = Cli.run(Fleet.sweep("--shard", k + "/" + N, "--out", f.toString()).toArray(String[]::new));
            assertEquals(0, s.code(), s.err());
            assertTrue(s.err().contains("shard " + k + "/" + N + " (from --shard)"), s.err());
            shards.add(f);
        }
    }

    private static Cli merge(Path out, Object... args) {
        List<String> all = new ArrayList<>(List.of("merge"));
        for (Object a : args) {
            all.add(a.toString());
        }
        all.addAll(List.of("--out", out.toString()));
        return Cli.run(all.toArray(String[]::new));
    }

    private static Map<Path, byte[]> snapshot(List<Path> files) throws IOException {
        Map<Path, byte[]> m = new HashMap<>();
        for (Path f : files) {
            m.put(f, Files.readAllBytes(f));
        }
        return m;
    }

    private static void assertUnchanged(Map<Path, byte[]> before) throws IOException {
        for (var e : before.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), e.getKey() + " changed");
        }
    }

    @Test
    void theMergeHoldsTheUnshardedPlanPointForPointEachOnce() throws IOException {
        Map<Path, byte[]> before = snapshot(shards);
        Path out = dir.resolve("merged.jsonl");
        Cli m = merge(out, shards.get(2), shards.get(0), shards.get(1));
        assertEquals(0, m.code(), m.err());
        List<String> merged = Fleet.keys(out);
        assertEquals(merged.size(), new HashSet<>(merged).size(), "each point once: " + merged);
        assertEquals(new HashSet<>(Fleet.keys(whole)), new HashSet<>(merged));
        assertEquals(Fleet.keys(whole).size(), merged.size());
        assertUnchanged(before);
        ResultFile file = ResultReader.read(out);
        RunRecord wholeRun = ResultReader.read(whole).runs().get(0);
        for (RunRecord r : file.runs()) {
            assertEquals(wholeRun.planDigest(), r.planDigest(), "shards and the whole sweep share the plan digest");
            assertEquals(N, r.shard().n());
            assertEquals(wholeRun.hostFingerprint(), r.hostFingerprint());
        }
        assertEquals(List.of(1, 2, 3), file.runs().stream().map(r -> r.shard().k()).toList(), "in shard order");
        for (List<String> command : List.of(List.of("analyze", out.toString()), List.of("csv", out.toString()),
                List.of("report", out.toString(), "--html", dir.resolve("merged.html").toString()))) {
            Cli c = Cli.run(command.toArray(String[]::new));
            assertEquals(0, c.code(), command + ": " + c.err() + c.out());
        }
        // a merged file is read back as its shards
        Cli again = merge(dir.resolve("again.jsonl"), out);
        assertEquals(0, again.code(), again.err());
    }

    @Test
    void aMissingShardIsNamedWithTheCommandThatMeasuresIt() throws IOException {
        Path out = dir.resolve("incomplete.jsonl");
        Cli m = merge(out, shards.get(0), shards.get(2));
        assertEquals(2, m.code(), m.err());
        String first = m.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("opbench: error: incomplete merge") && first.contains("2/3 missing"), first);
        assertFalse(Files.exists(out), "nothing written");
        String rerun = m.err().lines().filter(l -> l.contains("rerun: ")).findFirst().orElseThrow();
        assertTrue(rerun.contains("--shard 2/3 --resume --out " + dir.resolve("shard-2-of-3.jsonl")), rerun);
        // the printed command, run (the shapes need no quoting), measures the missing shard
        Path missing = dir.resolve("rerun");
        Files.createDirectories(missing);
        List<String> words = new ArrayList<>(List.of(rerun.substring(rerun.indexOf("rerun: ") + 7).split(" ")));
        assertEquals("./opbench", words.remove(0));
        words.set(words.size() - 1, missing.resolve("shard-2-of-3.jsonl").toString());
        Cli r = Cli.run(words.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        Cli ok = merge(dir.resolve("completed.jsonl"), shards.get(0), missing.resolve("shard-2-of-3.jsonl"),
                shards.get(2));
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void aTornShardListsItsMissingPointAndIsLeftAsItIs() throws IOException {
        Path torn = dir.resolve("torn-2-of-3.jsonl");
        byte[] bytes = Files.readAllBytes(shards.get(1));
        Files.write(torn, java.util.Arrays.copyOf(bytes, bytes.length - 40));
        Map<Path, byte[]> before = snapshot(List.of(torn));
        Cli m = merge(dir.resolve("torn-merge.jsonl"), shards.get(0), torn, shards.get(2));
        assertEquals(2, m.code(), m.err());
        assertTrue(m.err().contains("ignoring a torn last line"), m.err());
        assertTrue(m.err().contains("1 planned point(s) missing") && m.err().contains("--shard 2/3 --resume --out "
                + torn), m.err());
        assertUnchanged(before);
    }

    @Test
    void theSameShardTwiceAndAnInputAsOutputAreRefused() throws IOException {
        Cli twice = merge(dir.resolve("twice.jsonl"), shards.get(0), shards.get(1), shards.get(2), shards.get(1));
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("give each shard once"), twice.err());
        Map<Path, byte[]> before = snapshot(shards);
        Cli self = merge(shards.get(0), shards.get(0), shards.get(1), shards.get(2));
        assertEquals(2, self.code());
        assertTrue(self.err().contains("is one of the shard files"), self.err());
        assertUnchanged(before);
    }

    @Test
    void otherKindsOfMachineNeedKeepHostsAndStaySeparate() throws IOException {
        List<Path> board = new ArrayList<>();
        String fingerprint = ResultReader.read(shards.get(0)).runs().get(0).hostFingerprint();
        for (Path s : shards) {
            Path copy = dir.resolve("board-" + s.getFileName());
            Files.writeString(copy, Files.readString(s).replace("\"host_fingerprint\":\"" + fingerprint + "\"",
                    "\"host_fingerprint\":\"0123456789abcdef\""));
            board.add(copy);
        }
        List<Object> both = new ArrayList<>(shards);
        both.addAll(board);
        Cli refused = merge(dir.resolve("boards.jsonl"), both.toArray());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("another kind of machine") && refused.err().contains("--keep-hosts"),
                refused.err());
        both.add("--keep-hosts");
        Cli kept = merge(dir.resolve("boards.jsonl"), both.toArray());
        assertEquals(0, kept.code(), kept.err());
        assertTrue(kept.out().contains("from 2 hosts"), kept.out());
        assertEquals(2 * Fleet.keys(whole).size(), Fleet.keys(dir.resolve("boards.jsonl")).size());
    }

    @Test
    void aShardOfAPlanSmallerThanNIsEmptyAndSaysSo() throws IOException {
        Path out = dir.resolve("empty.jsonl");
        Cli s = Cli.run(Fleet.sweep("--shard", "9/9", "--out", out.toString()).toArray(String[]::new));
        assertEquals(0, s.code(), s.err());
        assertTrue(s.err().contains("this shard is empty"), s.err());
        assertEquals(List.of(), Fleet.keys(out));
        assertEquals(9, ResultReader.read(out).runs().get(0).shard().n());
    }

    @Test
    void aShardFileResumesOnlyAsItsOwnShard() throws IOException {
        Path copy = dir.resolve("resume-copy.jsonl");
        Files.copy(shards.get(0), copy);
        byte[] before = Files.readAllBytes(copy);
        Cli c = Cli.run(Fleet.sweep("--shard", "2/3", "--resume", "--out", copy.toString()).toArray(String[]::new));
        assertEquals(2, c.code(), c.err());
        assertTrue(c.err().startsWith("opbench: error: cannot resume") && c.err().contains("holds shard 1/3"),
                c.err());
        assertFalse(c.err().contains("calibrating"), "nothing measured");
        assertArrayEquals(before, Files.readAllBytes(copy));
    }
}
