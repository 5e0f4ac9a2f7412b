package org.opbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.cli.Main;
import org.opbench.result.PointRecord;
import org.opbench.result.ResultFile;
import org.opbench.result.ResultReader;
import org.opbench.result.Status;

/**
 * Workers are started through the --worker-launcher prefix: a wrapper script records the command it was given and
 * runs it; the run header says which launcher ran the workers; a backend the driver cannot load is probed by the
 * launched workers themselves.
 */
class WorkerLauncherTest {

    /** A launcher that appends its arguments (the worker's command line), one per line, to {@code log}. */
    private static Path wrapper(Path dir, Path log) throws IOException {
        Path script = dir.resolve("launch.sh");
        Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '" + log + "'\necho '--' >> '" + log
                + "'\nexec \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static int run(StringWriter err, String... args) {
        return Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
    }

    @Test
    void workersRunThroughTheLauncherAndTheRunSaysSo(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("launched.txt");
        Path script = wrapper(dir, log);
        Path out = dir.resolve("r.jsonl");
        StringWriter err = new StringWriter();
        int code = run(err, "run", "--op", "conv", "--shape", "mb1ic3ih8oc4kh3ph1n\"c1\"", "--backends",
                "reference,faulty", "--worker-launcher", script.toString(), "--out", out.toString(), "--reps", "1",
                "--min-time", "0", "--warmup", "0", "-q");
        assertEquals(0, code, err.toString());
        List<String> lines = Files.readAllLines(log);
        assertEquals(2, lines.stream().filter(l -> l.equals("org.opbench.supervisor.WorkerMain")).count(),
                "one worker per backend (after the launcher check, JAVA -version): " + lines);
        assertEquals(ProcessHandle.current().info().command().orElseThrow(), lines.get(0),
                "the launcher is given the worker's java command line");
        assertTrue(lines.contains("org.opbench.supervisor.WorkerMain"), lines.toString());
        ResultFile r = ResultReader.read(out);
        assertEquals(List.of(script.toString()), r.runs().get(0).settings().get("worker_launcher"));
        assertEquals(null, r.runs().get(0).settings().get("workers_emulated"), "a non-emulator launcher: unknown to the driver");
        for (PointRecord p : r.points()) {
            assertEquals(Status.OK, p.status(), p.reason());
            assertEquals(Boolean.FALSE, p.emulated(), "the worker found no emulation on this host");
        }
    }

    @Test
    void launchedWorkersProbeTheBackendThemselves(@TempDir Path dir) throws IOException {
        Path script = wrapper(dir, dir.resolve("launched.txt"));
        Path out = dir.resolve("r.jsonl");
        StringWriter err = new StringWriter();
        int code = run(err, "run", "--op", "pool", "--shape", "max:mb1ic3ih8oh4kh2sh2", "--backends", "remote-only",
                "--worker-launcher", script.toString(), "--worker-jvm-arg", "-Dopbench.test.remote=board-1",
                "--out", out.toString(), "--reps", "1", "--min-time", "0", "--warmup", "0", "-q");
        assertEquals(0, code, err.toString());
        assertTrue(err.toString().contains("probe it themselves"), err.toString());
        PointRecord p = ResultReader.read(out).points().get(0);
        assertEquals(Status.OK, p.status(), p.reason());
        assertEquals("board-1", p.device(), "the record carries the worker's own probe");

        Path local = dir.resolve("local.jsonl");
        code = run(new StringWriter(), "run", "--op", "pool", "--shape", "max:mb1ic3ih8oh4kh2sh2", "--backends",
                "remote-only", "--out", local.toString(), "-q");
        assertEquals(0, code);
        PointRecord q = ResultReader.read(local).points().get(0);
        assertEquals(Status.UNAVAILABLE, q.status());
        assertTrue(q.reason().contains("-Dopbench.test.remote not set"), q.reason());
    }

    @Test
    void anArm64EmulatorNeedsAnArm64Java(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int code = run(err, "run", "--op", "conv", "--shape", "mb1ic3ih8oc4kh3", "--backends", "reference",
                "--worker-launcher", "qemu-aarch64-static", "--out", dir.resolve("r.jsonl").toString(), "-q");
        if (System.getProperty("os.arch").equals("aarch64")) {
            return; // this JVM's own java is an arm64 program
        }
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("--worker-java"), err.toString());
    }
}
