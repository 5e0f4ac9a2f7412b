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

    /** Adds where workers run to the run header's settings. */
    static void record(WorkerSpec spec, Map<String, Object> settings) {
        settings.put("worker_launcher", spec.launched() ? spec.launcher() : null);
        settings.put("worker_java", spec.java());
        settings.put("workers_emulated", spec.launched() ? (Emulation.emulatorLauncher(spec.launcher()) ? Boolean.TRUE
                : null) : Boolean.valueOf(Emulation.detect() != null));
    }
}
