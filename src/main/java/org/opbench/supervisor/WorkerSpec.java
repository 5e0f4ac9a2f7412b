package org.opbench.supervisor;

import java.nio.file.Path;
import java.util.List;

/**
 * How worker JVMs are started.
 *
 * @param java        the java executable (default: the driver's own)
 * @param classPath   class path of the worker (default: the driver's)
 * @param jvmArgs     extra JVM arguments (e.g. {@code -Xmx8g})
 * @param launcher    a command put in front of the worker's java command line (e.g. {@code qemu-aarch64-static}
 *                    or {@code ssh board}); empty for none
 * @param cacheDir    opbench's cache directory, given to backends for their environment
 * @param pointTimeoutMs  a unit (point, batch, ceiling) that runs longer is killed with its worker and recorded as
 *                        {@code timeout}
 * @param inProcess   run every group in the driver's JVM (debugging; thread-count environment does not apply)
 * @param verbose     echo the workers' standard error
 * @param environmentOnCommandLine  put the workers' environment on the launched command line as
 *                    {@code env NAME=VALUE... java ...}, for a launcher that does not forward its environment (ssh)
 */
public record WorkerSpec(String java, String classPath, List<String> jvmArgs, List<String> launcher, Path cacheDir,
                         long pointTimeoutMs, boolean inProcess, boolean verbose, boolean environmentOnCommandLine) {
    public WorkerSpec {
        jvmArgs = List.copyOf(jvmArgs);
        launcher = List.copyOf(launcher);
    }

    /** Workers that get their environment from the launcher's process. */
    public WorkerSpec(String java, String classPath, List<String> jvmArgs, List<String> launcher, Path cacheDir,
                      long pointTimeoutMs, boolean inProcess, boolean verbose) {
        this(java, classPath, jvmArgs, launcher, cacheDir, pointTimeoutMs, inProcess, verbose, false);
    }

    /** Workers like the driver's JVM, with the given time limit per point. */
    public static WorkerSpec defaults(Path cacheDir, long pointTimeoutMs) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new WorkerSpec(java, System.getProperty("java.class.path"), List.of(), List.of(), cacheDir,
                pointTimeoutMs, false, false);
    }

    public WorkerSpec inProcess(boolean value) {
        return new WorkerSpec(java, classPath, jvmArgs, launcher, cacheDir, pointTimeoutMs, value,
                verbose, environmentOnCommandLine);
    }

    public WorkerSpec verbose(boolean value) {
        return new WorkerSpec(java, classPath, jvmArgs, launcher, cacheDir, pointTimeoutMs, inProcess, value,
                environmentOnCommandLine);
    }

    public WorkerSpec launcher(List<String> value) {
        return new WorkerSpec(java, classPath, jvmArgs, value, cacheDir, pointTimeoutMs, inProcess,
                verbose, environmentOnCommandLine);
    }

    /** Workers run this java executable (e.g. an arm64 JRE started through an emulator launcher). */
    public WorkerSpec java(String value) {
        return new WorkerSpec(value, classPath, jvmArgs, launcher, cacheDir, pointTimeoutMs, inProcess,
                verbose, environmentOnCommandLine);
    }

    /** Workers get this class path (e.g. the driver's plus a native jar for the workers' platform). */
    public WorkerSpec classPath(String value) {
        return new WorkerSpec(java, value, jvmArgs, launcher, cacheDir, pointTimeoutMs, inProcess,
                verbose, environmentOnCommandLine);
    }

    /** Workers whose environment travels on their command line ({@code env NAME=VALUE...}) or not. */
    public WorkerSpec environmentOnCommandLine(boolean value) {
        return new WorkerSpec(java, classPath, jvmArgs, launcher, cacheDir, pointTimeoutMs, inProcess, verbose, value);
    }

    /** Whether workers run through a launcher, i.e. possibly on another machine or under an emulator. */
    public boolean launched() {
        return !launcher.isEmpty();
    }
}
