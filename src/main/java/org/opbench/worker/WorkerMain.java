package org.opbench.worker;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.opbench.result.Json;
import org.opbench.spi.Availability;
import org.opbench.spi.Backend;
import org.opbench.spi.Backends;

/**
 * Entry point of a worker JVM: reads one {@link WorkerJob} as JSON from standard input, measures its tasks in
 * order and reports each through {@link Protocol} on standard output. Everything else the JVM would print on
 * standard output goes to standard error.
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream protocolOut = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        exitWithParent();
        WorkerJob job;
        try (InputStream in = System.in) {
            job = Json.mapper().readValue(in, WorkerJob.class);
        }
        run(job, new Protocol(protocolOut));
    }

    /** A worker whose driver was killed (SIGKILL leaves no time to stop it) stops itself. */
    private static void exitWithParent() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            return;
        }
        Thread watchdog = new Thread(() -> {
            while (parent.isAlive()) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(3);
        }, "opbench-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Runs a job in this JVM (also the driver's in-process mode). */
    public static void run(WorkerJob job, Sink protocol) {
        if (job.network() != null) {
            org.opbench.network.run.NetworkWorker.run(job, protocol);
            return;
        }
        Backends backends = Backends.load();
        Backend backend = backends.get(job.backend());
        if (backend == null) {
            throw new IllegalArgumentException("no backend named " + job.backend() + " on the class path");
        }
        Availability availability = backends.availability(backend);
        PointRunner runner = new PointRunner(backend, availability, job.settings(), job.seed(), job.options());
        for (Task task : job.tasks()) {
            protocol.start(task.index());
            protocol.point(task.index(), runner.run(task, job.threads()));
        }
        protocol.done();
    }
}
