package org.opbench.backend.onnxruntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where ONNX Runtime's files go. The native library writes, even with telemetry off:
 * {@code $XDG_CACHE_HOME/Microsoft/DeveloperTools/.onnxruntime/{deviceid,onnxruntime.db}} (falling back to
 * {@code $HOME/.cache} when XDG_CACHE_HOME is unset), and {@code $TMPDIR/.ses} plus an empty
 * {@code $TMPDIR/mat-debug-<pid>.log} per process. The worker therefore gets all three pointed under
 * {@code <cacheDir>/onnxruntime/}, and {@value #DIR_ENV} names that folder so the worker can put session profiles
 * there. The Java binding's native libraries are unpacked once into the cache ({@link OrtNatives}); the empty
 * {@code onnxruntime-java<random>} folder it still creates follows the JVM property {@code java.io.tmpdir}, which the
 * JVM does not take from TMPDIR: only {@code -Djava.io.tmpdir} on the command line moves it.
 */
public final class OrtDirs {
    /** Environment variable naming opbench's onnxruntime folder in the worker. */
    public static final String DIR_ENV = "OPBENCH_ONNXRUNTIME_DIR";

    private OrtDirs() {
    }

    public static Map<String, String> workerEnvironment(Path cacheDir) {
        Path base = cacheDir.toAbsolutePath().resolve("onnxruntime");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", base.resolve("home").toString());
        env.put("XDG_CACHE_HOME", base.resolve("xdg-cache").toString());
        env.put("TMPDIR", base.resolve("tmp").toString());
        env.put(DIR_ENV, base.toString());
        return env;
    }

    /**
     * Creates the folders the worker environment names, before the native library loads, so that ORT's writes land
     * in them rather than failing or going elsewhere. A no-op outside a worker (variables absent).
     */
    public static void createWorkerFolders() throws IOException {
        String base = System.getenv(DIR_ENV);
        for (String var : new String[] {"HOME", "XDG_CACHE_HOME", "TMPDIR"}) {
            String value = System.getenv(var);
            if (base != null && value != null && Path.of(value).startsWith(Path.of(base))) {
                Files.createDirectories(Path.of(value));
            }
        }
    }

    /**
     * Folder for session profiles: option {@code profile_dir}, else {@code $OPBENCH_ONNXRUNTIME_DIR/profiles},
     * else {@code <java.io.tmpdir>/opbench-onnxruntime/profiles} (in-process use outside a worker).
     */
    public static Path profileDir(String option) throws IOException {
        Path dir;
        if (option != null && !option.isBlank()) {
            dir = Path.of(option);
        } else if (System.getenv(DIR_ENV) != null) {
            dir = Path.of(System.getenv(DIR_ENV), "profiles");
        } else {
            dir = Path.of(System.getProperty("java.io.tmpdir"), "opbench-onnxruntime", "profiles");
        }
        return Files.createDirectories(dir);
    }
}
