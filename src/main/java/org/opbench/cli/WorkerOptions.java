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

    /**
     * With {@code --pin}: the workers' spec with the pinning launcher ({@link org.opbench.env.Pinning}), the driver
     * moved off the workers' CPUs when any are left, and what was done put in {@code settings} ({@code pin}:
     * worker_cpus, driver_cpus, driver_moved). Without it, {@code spec} unchanged and {@code pin: null}. A usage
     * error, before anything runs, when taskset is missing, a worker launcher is given, or the threads outnumber the
     * CPUs.
     */
    static WorkerSpec pin(WorkerSpec spec, OutputOptions output, List<Integer> threads, java.io.PrintWriter err,
                          Map<String, Object> settings) throws InterruptedException {
        if (!output.pin) {
            settings.put("pin", null);
            return spec;
        }
        if (spec.inProcess()) {
            throw new UsageError("--pin excludes --in-process (workers are pinned, the driver's JVM is not)");
        }
        if (spec.launched()) {
            throw new UsageError("--pin excludes --worker-launcher (put taskset in the launcher instead)");
        }
        String taskset = org.opbench.env.Pinning.taskset();
        if (taskset == null) {
            throw new UsageError("--pin needs taskset (util-linux) on PATH; it is not there");
        }
        List<Integer> allowed = org.opbench.env.Pinning.allowedCpus();
        if (allowed == null || allowed.isEmpty()) {
            throw new UsageError("--pin: this process's CPUs are unknown (no Cpus_allowed_list in /proc/self/status)");
        }
        int most = threads.stream().mapToInt(Integer::intValue).max().orElse(1);
        org.opbench.env.Pinning.Plan plan;
        try {
            plan = org.opbench.env.Pinning.plan(allowed, most);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        String moved = null;
        if (!plan.driverCpus().isEmpty()) {
            moved = org.opbench.env.Pinning.moveProcess(taskset, ProcessHandle.current().pid(), plan.driverCpus());
        }
        Map<String, Object> pin = new java.util.LinkedHashMap<>();
        pin.put("worker_cpus", org.opbench.env.Pinning.format(plan.workerCpus()));
        pin.put("driver_cpus", plan.driverCpus().isEmpty() ? null : org.opbench.env.Pinning.format(plan.driverCpus()));
        pin.put("driver_moved", plan.driverCpus().isEmpty() ? Boolean.FALSE : Boolean.valueOf(moved == null));
        pin.put("omp", "OMP_PLACES=cores OMP_PROC_BIND=close");
        // the JVM cannot place its own threads; each worker moves them (GC in the VM thread with -XX:+UseSerialGC,
        // the compiler threads, all created at start-up with -XX:-UseDynamicNumberOfCompilerThreads) to the
        // driver's CPUs with taskset before it loads a library: per point details.jvm_threads
        pin.put("jvm_threads", plan.driverCpus().isEmpty() ? "on the worker CPUs (none left)"
                : "moved by each worker to CPUs " + pin.get("driver_cpus"));
        settings.put("pin", pin);
        err.println("opbench: pinning workers to CPUs " + pin.get("worker_cpus") + (plan.driverCpus().isEmpty()
                ? "; no CPU left for the driver, which shares them" : moved == null ? "; the driver to CPUs "
                + pin.get("driver_cpus") : "; the driver could not be moved (" + moved + ")"));
        err.flush();
        WorkerSpec pinned = spec.launcher(plan.launcher(taskset));
        if (!plan.driverCpus().isEmpty()) {
            List<String> jvm = new java.util.ArrayList<>(pinned.jvmArgs());
            jvm.add("-XX:-UseDynamicNumberOfCompilerThreads");
            pinned = new WorkerSpec(pinned.java(), pinned.classPath(), jvm, pinned.launcher(), pinned.cacheDir(),
                    pinned.pointTimeoutMs(), pinned.inProcess(), pinned.verbose(), pinned.environmentOnCommandLine());
        }
        return pinned;
    }
}
