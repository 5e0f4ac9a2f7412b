package org.opbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where results go and how workers run. */
final class OutputOptions {
    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "JSON Lines result file")
    Path out;

    @Option(names = "--resume", description = "continue the run in --out: points (network: batches) already there are not measured again")
    boolean resume;

    @Option(names = "--force", description = "overwrite an existing --out")
    boolean force;

    @Option(names = "--in-process", description = "measure in this JVM instead of worker JVMs (debugging: no crash "
            + "isolation, and thread-count environment variables do not apply)")
    boolean inProcess;

    @Option(names = "--point-timeout", paramLabel = "SECONDS",
            description = "kill a worker whose point takes longer and record it as timeout (default: ${DEFAULT-VALUE})",
            defaultValue = "600")
    double pointTimeout;

    @Option(names = "--worker-launcher", paramLabel = "COMMAND",
            description = "a command put in front of each worker's java command line (e.g. an emulator or ssh)")
    String launcher;

    @Option(names = "--worker-java", paramLabel = "PATH",
            description = "the java executable of the workers (default: this JVM's); with an emulator launcher, a "
                    + "java for the emulated architecture (native/arm64-jre.sh prints an arm64 one)")
    String workerJava;

    @Option(names = "--worker-classpath", paramLabel = "CLASSPATH",
            description = "the class path of the workers (default: this JVM's)")
    String workerClasspath;

    @Option(names = "--worker-jvm-arg", paramLabel = "ARG", description = "an extra JVM argument for workers (repeatable)")
    List<String> jvmArgs = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, description = "echo the workers' standard error")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "no per-point progress lines")
    boolean quiet;

    @Option(names = "--pin", description = "place workers on fixed CPUs (taskset; OMP_PLACES=cores, OMP_PROC_BIND=close) "
            + "and the driver on the CPUs left, if any; needs taskset and at least as many CPUs as threads")
    boolean pin;

    @Option(names = "--worker-env-inline", description = "put the workers' environment (thread counts, OPBENCH_HOME, "
            + "LD_PRELOAD) on their command line as 'env NAME=VALUE...' after --worker-launcher: for a launcher that "
            + "does not forward its environment, such as ssh")
    boolean workerEnvInline;
}
