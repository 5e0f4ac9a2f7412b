package org.opbench.supervisor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.opbench.env.OpbenchHome;
import org.opbench.result.Json;

/**
 * One worker JVM, started the same way for every job kind: the launcher, the java executable, -XX:ErrorFile in the
 * cache, the JVM arguments, {@code libjsig} preloaded, OPBENCH_HOME/OPBENCH_CACHE and the backend's or provider's
 * environment; fed its job on standard input and read frame by frame. Standard error is kept (its last lines
 * explain a crash) and echoed when verbose.
 */
public final class WorkerProcess implements AutoCloseable {
    private static final int STDERR_LINES = 60;
    private static final Object EOF = new Object();

    private final Process process;
    private final BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private OutputStream commands; // a served worker's standard input, kept open for commands

    private WorkerProcess(Process process, boolean verbose) {
        this.process = process;
        Thread out = new Thread(() -> pump(true, verbose), "worker-stdout");
        Thread err = new Thread(() -> pump(false, verbose), "worker-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    public static WorkerProcess start(Job<?> job, WorkerSpec spec, Map<String, String> environment) throws IOException {
        return start(job, spec, environment, false);
    }

    /**
     * Starts a worker; {@code served}: one that waits for {@link Command}s after preparing ({@link ServedJob}), its
     * standard input kept open for {@link #send}.
     */
    public static WorkerProcess start(Job<?> job, WorkerSpec spec, Map<String, String> environment, boolean served)
            throws IOException {
        List<String> cmd = new ArrayList<>(spec.launcher());
        int javaAt = cmd.size();
        cmd.add(spec.java());
        cmd.add("-XX:+UseSerialGC");
        // JIT in the foreground: the thread that needs a method compiled waits for it, so no compiler thread runs
        // beside a timed round. With background compilation a sweep's worker compiled its between-round code
        // (protocol, probe, statistics) during its rounds: 1.3 s of JIT time inside 105 rounds of one oneDNN
        // worker, 68 rounds marked disturbed; with -Xbatch 39 ms and 17 (issue 15).
        cmd.add("-Xbatch");
        cmd.add("-XX:ErrorFile=" + spec.cacheDir().resolve("hs_err_pid%p.log"));
        cmd.add("-Dopbench.home=" + OpbenchHome.home());
        if (environment.containsKey("TMPDIR")) { // the JVM does not take its temporary directory from TMPDIR
            cmd.add("-Djava.io.tmpdir=" + environment.get("TMPDIR"));
        }
        cmd.addAll(spec.jvmArgs());
        cmd.add("-cp");
        cmd.add(spec.classPath());
        cmd.add(WorkerMain.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path jsig = signalChainingLibrary(spec.java());
        if (jsig != null && !pb.environment().getOrDefault("LD_PRELOAD", "").contains("libjsig")) {
            String old = pb.environment().get("LD_PRELOAD");
            pb.environment().put("LD_PRELOAD", jsig + (old == null || old.isBlank() ? "" : ":" + old));
        }
        pb.environment().putAll(environment);
        pb.environment().put("OPBENCH_HOME", OpbenchHome.home().toString());
        pb.environment().put("OPBENCH_CACHE", spec.cacheDir().toString());
        if (spec.environmentOnCommandLine()) {
            List<String> inline = new ArrayList<>();
            inline.add("env");
            environment.forEach((k, v) -> inline.add(k + "=" + v));
            inline.add("OPBENCH_HOME=" + pb.environment().get("OPBENCH_HOME"));
            inline.add("OPBENCH_CACHE=" + pb.environment().get("OPBENCH_CACHE"));
            if (jsig != null) {
                inline.add("LD_PRELOAD=" + jsig);
            }
            cmd.addAll(javaAt, inline);
        }
        Process p = pb.start();
        WorkerProcess w = new WorkerProcess(p, spec.verbose());
        OutputStream in = p.getOutputStream();
        try {
            in.write((job.getClass().getName() + (served ? " " + WorkerMain.SERVE : "") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            in.write(Json.mapper().writeValueAsBytes(job));
            if (served) {
                in.write('\n');
                in.flush();
                w.commands = in;
            } else {
                in.close();
            }
        } catch (IOException e) {
            // the worker died at once; its exit is reported through the event stream
            closeQuietly(in);
        }
        return w;
    }

    /** Sends a command to a served worker; false when it cannot be sent (the worker has ended). */
    public boolean send(Command command) {
        if (commands == null) {
            return false;
        }
        try {
            commands.write((command.line() + "\n").getBytes(StandardCharsets.UTF_8));
            commands.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(OutputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // already closed by the worker's end
        }
    }

    /**
     * HotSpot's signal-chaining library next to the worker's java, or null. Preloaded into every worker: native
     * libraries that install their own signal handlers (PoCL does) would otherwise replace the JVM's, after which
     * Java integer division by zero silently stops throwing.
     */
    static Path signalChainingLibrary(String java) {
        try {
            Path bin = Path.of(java).toRealPath().getParent();
            Path lib = bin.getParent().resolve("lib").resolve("libjsig.so");
            return Files.isRegularFile(lib) ? lib : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void pump(boolean stdout, boolean verbose) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                stdout ? process.getInputStream() : process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (stdout && line.startsWith(Frame.PREFIX)) {
                    lines.add(line);
                } else {
                    synchronized (stderrTail) {
                        stderrTail.addLast(line);
                        if (stderrTail.size() > STDERR_LINES) {
                            stderrTail.removeFirst();
                        }
                    }
                    if (verbose) {
                        System.err.println("[worker " + process.pid() + "] " + line);
                    }
                }
            }
        } catch (IOException e) {
            // stream closed: the worker ended
        } finally {
            if (stdout) {
                lines.add(EOF);
            }
        }
    }

    /** The next frame, {@code null} at end of stream, or throws on timeout. */
    public Frame next(long timeoutMs) throws IOException, InterruptedException, TimeoutExceeded {
        Object item = lines.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (item == null) {
            throw new TimeoutExceeded();
        }
        if (item == EOF) {
            return null;
        }
        return Frame.parse((String) item);
    }

    /** Waits for the exit and describes it: exit code, or the signal that ended it. */
    public String exitDescription() throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill();
            return "worker did not exit; killed";
        }
        int code = process.exitValue();
        if (code > 128 && code < 160) {
            return "worker killed by signal " + (code - 128) + " (" + signalName(code - 128) + "), exit code " + code;
        }
        return "worker exited with code " + code;
    }

    /** The exit code once the worker has exited (128 + N for signal N), else null. */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    static String signalName(int signal) {
        return switch (signal) {
            case 4 -> "SIGILL";
            case 6 -> "SIGABRT";
            case 7 -> "SIGBUS";
            case 8 -> "SIGFPE";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            default -> "signal " + signal;
        };
    }

    /**
     * What the worker last wrote outside the protocol, for a failure reason: the JVM crash report's fault line and
     * problematic frame when there is one (they come early in the report), then the last {@code max} non-blank lines.
     */
    public String stderrTail(int max) {
        List<String> all;
        synchronized (stderrTail) {
            all = new ArrayList<>(stderrTail);
        }
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String line = all.get(i);
            if (line.matches("#\\s+(SIG[A-Z]+|Internal Error|Out of Memory Error|There is insufficient memory).*")) {
                picked.add(line.strip());
            } else if (line.startsWith("# Problematic frame:") && i + 1 < all.size()) {
                picked.add("# Problematic frame: " + all.get(i + 1).substring(1).strip());
            }
        }
        List<String> tail = all.stream().filter(l -> !l.isBlank() && !l.strip().equals("#")).toList();
        for (String line : tail.subList(Math.max(0, tail.size() - max), tail.size())) {
            if (!picked.contains(line.strip())) {
                picked.add(line);
            }
        }
        return String.join("\n", picked);
    }

    public long pid() {
        return process.pid();
    }

    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (commands != null) {
            closeQuietly(commands);
        }
        if (process.isAlive()) {
            kill();
        }
    }

    /** No event within the time limit. */
    public static final class TimeoutExceeded extends Exception {
        TimeoutExceeded() {
            super(null, null, false, false);
        }
    }
}
