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
 * then the job as JSON), runs it and reports through {@link Protocol} frames on standard output. A first line
 * {@code CLASS} {@value #SERVE} asks for a served worker ({@link ServedJob}): the job is the second line, and the
 * lines after it are {@link Command}s. Everything else
 * the JVM would print on standard output goes to standard error. A worker whose driver dies stops itself.
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream protocolOut = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        try {
            org.opbench.env.Pinning.moveJvmThreads(); // before the watchdog and any library start threads of their own
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exitWithParent();
        Job<?> job;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String first = in.readLine();
        if (first != null && first.endsWith(" " + SERVE)) {
            job = read(first.substring(0, first.length() - SERVE.length() - 1), new java.io.StringReader(
                    String.valueOf(in.readLine())));
            if (!(job instanceof ServedJob<?> served)) {
                throw new IOException(job.getClass().getName() + " cannot be served");
            }
            Protocol protocol = new Protocol(protocolOut);
            served.serve(protocol, () -> Command.parse(in.readLine()));
            in.close();
            protocol.done();
            return;
        }
        try (in) {
            job = read(first, in);
        }
        job.execute(new Protocol(protocolOut));
    }

    /** The word after the class name that asks for a served worker. */
    static final String SERVE = "serve";

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
