package org.opbench.backend.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a worker-like JVM with {@link OnnxRuntimeBackend#workerEnvironment} (and {@code -Djava.io.tmpdir} pointed at
 * its TMPDIR, as the driver should pass) and checks that ONNX Runtime's files land under the cache directory.
 */
class OrtFilesTest {

    @Test
    void ortWritesOnlyUnderTheCacheDir(@TempDir Path cache) throws IOException, InterruptedException {
        OnnxRuntimeBackendTest.ready();
        Map<String, String> env = new OnnxRuntimeBackend().workerEnvironment(1, cache);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + env.get("TMPDIR"),
                "-cp", System.getProperty("java.class.path"), OrtFilesWorker.class.getName());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        long started = System.currentTimeMillis() - 1000;
        Process child = pb.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "worker did not finish");
        assertEquals(0, child.exitValue(), out);

        Path base = cache.toAbsolutePath().resolve("onnxruntime");
        List<String> files;
        try (Stream<Path> s = Files.walk(base)) {
            files = s.filter(p -> !p.equals(base)).map(p -> base.relativize(p).toString()).sorted().toList();
        }
        System.out.println("files ONNX Runtime wrote under " + base + ":\n  " + String.join("\n  ", files));
        // ORT writes its device id file only when it has none yet, so its presence is not required; where anything
        // lands, it must be one of the directories the worker environment names
        assertTrue(files.stream().allMatch(f -> f.startsWith("xdg-cache") || f.startsWith("profiles")
                || f.startsWith("tmp") || f.startsWith("home")), files.toString());
        Path homeCache = Path.of(System.getProperty("user.home"), ".cache", "Microsoft", "DeveloperTools",
                ".onnxruntime", "deviceid");
        assertFalse(Files.exists(homeCache) && Files.getLastModifiedTime(homeCache).toMillis() >= started,
                "ORT wrote under the real home: " + homeCache);
        assertTrue(files.stream().anyMatch(f -> f.startsWith("profiles/ort_softmax_")), files.toString());
        // the natives come from opbench's cache (OrtNatives), not from a copy unpacked into the temporary folder
        assertTrue(files.stream().noneMatch(f -> f.startsWith("tmp/onnxruntime-java") && f.contains(".so")),
                files.toString());
        long pid = child.pid();
        for (String tmp : new String[] {"/tmp", System.getenv().getOrDefault("TMPDIR", "/tmp")}) {
            assertFalse(Files.exists(Path.of(tmp, "mat-debug-" + pid + ".log")), tmp);
        }
    }
}
