package org.opbench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.opbench.result.PointRecord;
import org.opbench.result.ResultReader;

/** Helpers of the fleet tests: opbench as a program other processes start, and the keys of a result file. */
final class Fleet {
    /** Small and quick: reference pool layers measured once. */
    static final List<String> SHAPES = List.of("max:mb1ic4ih4oh2kh2sh2", "max:mb1ic4ih6oh3kh2sh2",
            "max:mb1ic8ih8oh4kh2sh2", "avg_np:mb1ic4ih8oh4kh2sh2", "avg_np:mb1ic8ih6oh3kh2sh2");
    static final List<String> FAST = List.of("--reps", "1", "--min-time", "0", "--warmup", "0", "-q");

    private Fleet() {
    }

    /** {@code sweep --op pool --shape ... --backends reference FAST... extra...}. */
    static List<String> sweep(String... extra) {
        List<String> args = new ArrayList<>(List.of("sweep", "--op", "pool"));
        SHAPES.forEach(s -> {
            args.add("--shape");
            args.add(s);
        });
        args.addAll(List.of("--backends", "reference"));
        args.addAll(FAST);
        args.addAll(List.of(extra));
        return args;
    }

    /** A script {@code dir/opbench} that runs this build's opbench with this JVM's java and class path. */
    static Path opbenchScript(Path dir) throws IOException {
        Path script = dir.resolve("opbench");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Files.writeString(script, "#!/bin/sh\nOPBENCH_HOME='" + Path.of("").toAbsolutePath() + "' exec '" + java
                + "' -cp '" + System.getProperty("java.class.path") + "' org.opbench.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** The keys of a result file's points, in file order. */
    static List<String> keys(Path file) {
        return ResultReader.read(file).points().stream().map(PointRecord::key).toList();
    }

    /** A finished process: its exit code and its output (standard error merged). */
    record Run(int code, String output) {
    }

    /** Runs {@code cmd} in the repository root with {@code env} added; fails the test after {@code seconds}. */
    static Run run(List<String> cmd, Map<String, String> env, int seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        reader.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            reader.join(5000);
            throw new AssertionError(cmd + " did not finish in " + seconds + " s: "
                    + new String(out[0] == null ? new byte[0] : out[0], StandardCharsets.UTF_8));
        }
        reader.join();
        return new Run(p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
    }

    /** Whether {@code program} is on the PATH. */
    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
