package org.opbench.supervisor;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.opbench.result.Json;

/**
 * Entry point of every worker JVM: reads one {@link Job} from standard input (its class name on the first line,
 * then the job as JSON), runs it and reports through {@link Protocol} frames on standard output. Everything else
 * the JVM would print on standard output goes to standard error. A worker whose driver dies stops itself.
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream protocolOut = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        exitWithParent();
        Job<?> job;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            job = read(in.readLine(), in);
        }
        job.execute(new Protocol(protocolOut));
    }

    /** The job of class {@code className} (which must be a {@link Job}) read from the JSON in {@code in}. */
    static Job<?> read(String className, java.io.Reader in) throws IOException {
        if (className == null) {
            throw new IOException("no job on standard input");
        }
        Class<?> type;
        try {
            type = Class.forName(className.strip(), false, WorkerMain.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IOException("unknown job class " + className, e);
        }
        if (!Job.class.isAssignableFrom(type)) {
            throw new IOException(className + " is not a " + Job.class.getName());
        }
        return (Job<?>) Json.mapper().readValue(in, type);
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
}
