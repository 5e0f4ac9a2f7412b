package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, class 5: a small sweep through the real {@code ./opbench} launcher with {@code HOME} and {@code TMPDIR}
 * set to empty folders leaves no file outside its output and cache folders (the driver probes every library, so
 * ONNX Runtime, OpenCV and PoCL load in it too), and ONNX Runtime's natives are unpacked once and reused.
 */
class PlacementTest {

    @Test
    void smallSweepWritesOnlyUnderItsOutputAndCacheFolders(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path cache = dir.resolve("cache");
        Path out = Files.createDirectories(dir.resolve("out"));
        Path set = Files.writeString(dir.resolve("out").resolve("set.txt"), "@network place\nconv mb1ic4ih8oc4kh3ph1\n");
        run(dir, home, tmp, cache, set, out.resolve("a.jsonl"));
        assertEquals(List.of(), entries(home), "left in HOME");
        assertEquals(List.of(), entries(tmp), "left in TMPDIR");
        Path natives;
        try (Stream<Path> s = Files.walk(cache.resolve("onnxruntime").resolve("natives"))) {
            natives = s.filter(p -> p.getFileName().toString().equals(System.mapLibraryName("onnxruntime")))
                    .findFirst().orElseThrow();
        }
        FileTime unpacked = Files.getLastModifiedTime(natives);
        run(dir, home, tmp, cache, set, out.resolve("b.jsonl"));
        assertEquals(List.of(), entries(home), "left in HOME");
        assertEquals(List.of(), entries(tmp), "left in TMPDIR");
        assertEquals(unpacked, Files.getLastModifiedTime(natives), "the natives are reused, not unpacked again");
        try (Stream<Path> s = Files.walk(cache)) {
            List<Path> perRun = s.filter(p -> p.getFileName().toString().startsWith("onnxruntime-java")
                    || p.getFileName().toString().startsWith("mat-debug-")).toList();
            // at most the last run's empty log (the next run deletes it), never an unpacked copy of the natives
            assertTrue(perRun.stream().filter(p -> p.getFileName().toString().startsWith("mat-debug-")).count() <= 1
                    && perRun.stream().filter(p -> p.getFileName().toString().startsWith("onnxruntime-java"))
                    .allMatch(p -> entriesQuietly(p).isEmpty()), "per-run files left: " + perRun);
        }
    }

    private static void run(Path dir, Path home, Path tmp, Path cache, Path set, Path out) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("opbench").toAbsolutePath().toString(), "sweep",
                "--backends", "reference", "--tensors", set.toString(), "--out", out.toString(), "--reps", "2",
                "--min-time", "0", "--warmup", "0", "-q");
        Map<String, String> env = pb.environment();
        env.remove("XDG_CACHE_HOME");
        env.remove("POCL_CACHE_DIR");
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmp.toString());
        env.put("OPBENCH_CACHE", cache.toString());
        env.put("OPBENCH_CLASSPATH", System.getProperty("java.class.path"));
        Path log = dir.resolve(out.getFileName() + ".log");
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "sweep did not finish");
        assertEquals(0, p.exitValue(), Files.readString(log));
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static List<String> entriesQuietly(Path p) {
        try {
            return Files.isDirectory(p) ? entries(p) : List.of(p.toString());
        } catch (IOException e) {
            return List.of(e.toString());
        }
    }
}
