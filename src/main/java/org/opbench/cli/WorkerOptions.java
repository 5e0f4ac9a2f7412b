package org.opbench.cli;

import java.util.List;
import java.util.Map;
import org.opbench.env.Emulation;
import org.opbench.env.OpbenchHome;
import org.opbench.supervisor.WorkerSpec;

/** How workers are started, from the command line, and how the run header records it. */
final class WorkerOptions {
    private WorkerOptions() {
    }

    static WorkerSpec spec(OutputOptions output) {
        List<String> launcher = output.launcher == null || output.launcher.isBlank() ? List.of()
                : List.of(output.launcher.trim().split("\\s+"));
        WorkerSpec spec = WorkerSpec.defaults(OpbenchHome.cacheDir(), (long) (output.pointTimeout * 1000))
                .inProcess(output.inProcess).verbose(output.verbose).launcher(launcher);
        if (!output.jvmArgs.isEmpty()) {
            spec = new WorkerSpec(spec.java(), spec.classPath(), output.jvmArgs, spec.launcher(), spec.cacheDir(),
                    spec.pointTimeoutMs(), spec.inProcess(), spec.verbose());
        }
        if (output.workerJava != null) {
            spec = spec.java(output.workerJava);
        }
        if (output.workerClasspath != null) {
            spec = spec.classPath(output.workerClasspath);
        }
        if (output.workerEnvInline && !spec.launched()) {
            throw new UsageError("--worker-env-inline needs --worker-launcher (workers started here get their "
                    + "environment anyway)");
        }
        spec = spec.environmentOnCommandLine(output.workerEnvInline);
        if (output.inProcess && (spec.launched() || output.workerJava != null)) {
            throw new UsageError("--in-process excludes --worker-launcher and --worker-java");
        }
        if (Emulation.emulatorLauncher(launcher) && output.workerJava == null) {
            String program = launcher.get(0);
            String arch = Emulation.family(System.getProperty("os.arch", ""));
            if (program.contains("aarch64") && !"arm".equals(arch)) {
                throw new UsageError("--worker-launcher " + program + " needs --worker-java with an arm64 java "
                        + "(native/arm64-jre.sh prints one); this JVM's java is not an arm64 program");
            }
        }
        return spec;
    }

    /**
     * Starts the workers' java through the launcher once ({@code LAUNCHER... JAVA -version}) before anything is
     * measured, so that a launcher that cannot start workers (an ssh that cannot connect, a missing emulator) is one
     * clear error rather than a failed point per group. Nothing without a launcher.
     */
    static void checkLauncher(WorkerSpec spec) throws InterruptedException {
        if (!spec.launched() || spec.inProcess()) {
            return;
        }
        List<String> cmd = new java.util.ArrayList<>(spec.launcher());
        cmd.add(spec.java());
        cmd.add("-version");
        String shown = String.join(" ", cmd);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (java.io.IOException e) {
            throw new UsageError("--worker-launcher cannot start workers: '" + shown + "' does not run ("
                    + e.getMessage() + ")");
        }
        try {
            p.getOutputStream().close();
        } catch (java.io.IOException e) {
            // nothing to tell it
        }
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (var in = p.getInputStream()) {
                output.append(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                // the process ended; what was read is kept
            }
        }, "launcher-check");
        reader.setDaemon(true);
        reader.start();
        if (!p.waitFor(LAUNCHER_CHECK_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new UsageError("--worker-launcher cannot start workers: '" + shown + "' did not finish in "
                    + LAUNCHER_CHECK_SECONDS + " s");
        }
        reader.join(1000);
        if (p.exitValue() != 0) {
            String last;
            synchronized (output) {
                last = output.toString().strip().lines().reduce((a, b) -> b).orElse("no output");
            }
            throw new UsageError("--worker-launcher cannot start workers: '" + shown + "' exited with code "
                    + p.exitValue() + ": " + last);
        }
    }

    /** How long {@link #checkLauncher} waits for the workers' java to start through the launcher. */
    static final int LAUNCHER_CHECK_SECONDS = 120;

    /** Adds where workers run to the run header's settings. */
    static void record(WorkerSpec spec, Map<String, Object> settings) {
        settings.put("worker_launcher", spec.launched() ? spec.launcher() : null);
        settings.put("worker_java", spec.java());
        settings.put("workers_emulated", spec.launched() ? (Emulation.emulatorLauncher(spec.launcher()) ? Boolean.TRUE
                : null) : Boolean.valueOf(Emulation.detect() != null));
        if (spec.environmentOnCommandLine()) {
            settings.put("worker_env_inline", true);
        }
    }
}
