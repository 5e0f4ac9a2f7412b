package org.opbench.env;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Where {@code --pin} puts workers and the driver (issue 15). Java cannot set a thread's CPU affinity without native
 * code, so pinning goes through {@code taskset} (util-linux): each worker JVM is started as
 * {@code env OMP_PLACES=cores OMP_PROC_BIND=close taskset -c WORKER_CPUS java ...} (its threads, and the OpenMP
 * threads of oneDNN inside it, stay on those CPUs and OpenMP binds one thread per core there), and the driver moves
 * all its own threads to the remaining CPUs with {@code taskset -a -p -c DRIVER_CPUS PID} when any remain.
 * The worker CPUs are the highest-numbered {@code threads} CPUs this process may use (CPU 0 usually takes most
 * interrupts); a worker can read back where it runs with {@link #allowedCpus(Path)} on {@code /proc/self/status}.
 */
public final class Pinning {
    private Pinning() {
    }

    /** The CPUs for the workers and for the driver (empty when no CPU is left for it). */
    public record Plan(List<Integer> workerCpus, List<Integer> driverCpus) {
        public Plan {
            workerCpus = List.copyOf(workerCpus);
            driverCpus = List.copyOf(driverCpus);
        }

        /**
         * The worker's launcher prefix; the worker learns where it is pinned from {@value #PINNED_CPUS} and where
         * its JVM threads go from {@value #JVM_THREAD_CPUS} (the driver's CPUs, when any are left).
         */
        public List<String> launcher(String taskset) {
            List<String> cmd = new ArrayList<>(List.of("env", "OMP_PLACES=cores", "OMP_PROC_BIND=close",
                    PINNED_CPUS + "=" + format(workerCpus)));
            if (!driverCpus.isEmpty()) {
                cmd.add(JVM_THREAD_CPUS + "=" + format(driverCpus));
            }
            cmd.addAll(List.of(taskset, "-c", format(workerCpus)));
            return cmd;
        }
    }

    /**
     * The plan for workers of up to {@code threads} threads on the {@code allowed} CPUs; an
     * {@link IllegalArgumentException} saying why when they do not fit.
     */
    public static Plan plan(List<Integer> allowed, int threads) {
        if (threads > allowed.size()) {
            throw new IllegalArgumentException("--pin: " + threads + " threads but only " + allowed.size() + " CPU"
                    + (allowed.size() == 1 ? "" : "s") + " (" + format(allowed) + ") to pin them to");
        }
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(allowed));
        int split = sorted.size() - threads;
        return new Plan(sorted.subList(split, sorted.size()), sorted.subList(0, split));
    }

    /** Environment variable of a pinned worker: the CPUs its launcher pinned it to. */
    public static final String PINNED_CPUS = "OPBENCH_PINNED_CPUS";
    /** Environment variable of a pinned worker: the CPUs its JVM's own threads (GC, JIT, ...) are moved to. */
    public static final String JVM_THREAD_CPUS = "OPBENCH_JVM_THREAD_CPUS";
    /** ONNX Runtime's session option for the CPUs of its intra-op pool threads. */
    public static final String ORT_INTRA_OP_AFFINITIES = "session.intra_op_thread_affinities";

    private static volatile String jvmThreadsMoved;

    /** The CPUs this worker was pinned to by {@code --pin} ({@value #PINNED_CPUS}), or null when not pinned. */
    public static List<Integer> pinnedCpus() {
        String v = System.getenv(PINNED_CPUS);
        return v == null || v.isBlank() ? null : parse(v);
    }

    /**
     * ONNX Runtime's {@value #ORT_INTRA_OP_AFFINITIES} value for {@code threads} intra-op threads on {@code cpus}:
     * one CPU per pool thread ({@code threads - 1} of them: ORT does not place the calling thread, which taskset
     * keeps on {@code cpus}), the calling thread's CPU being the first, pool thread i on the (i+1)-th; ORT numbers
     * processors from 1. Null with no CPUs or a single thread.
     */
    public static String ortIntraOpAffinities(List<Integer> cpus, int threads) {
        if (cpus == null || cpus.isEmpty() || threads < 2) {
            return null;
        }
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(cpus));
        List<String> each = new ArrayList<>();
        for (int i = 0; i < threads - 1; i++) {
            each.add(Integer.toString(sorted.get((i + 1) % sorted.size()) + 1));
        }
        return String.join(";", each);
    }

    /**
     * In a pinned worker whose {@value #JVM_THREAD_CPUS} is set, before any library is loaded: moves every thread of
     * this JVM but the calling one (the JVM's own: the VM thread where the serial GC runs, the compiler threads,
     * signal dispatcher, finalizer and the like; at this point no other exists) to those CPUs with
     * {@code taskset -p -c}, so that they stay off the measured CPUs. The outcome is kept for
     * {@link #jvmThreadsMoved()}. Nothing when the variable is unset.
     */
    public static void moveJvmThreads() throws InterruptedException {
        String target = System.getenv(JVM_THREAD_CPUS);
        String taskset = taskset();
        if (target == null || target.isBlank()) {
            return;
        }
        if (taskset == null) {
            jvmThreadsMoved = "not moved: no taskset on the worker's PATH";
            return;
        }
        String self = currentThreadId();
        if (self == null) {
            jvmThreadsMoved = "not moved: /proc/thread-self unreadable";
            return;
        }
        List<String> tids = new ArrayList<>();
        try (var list = Files.list(Path.of("/proc/self/task"))) {
            list.map(t -> t.getFileName().toString()).filter(t -> !t.equals(self)).forEach(tids::add);
        } catch (IOException e) {
            jvmThreadsMoved = "not moved: /proc/self/task unreadable";
            return;
        }
        int moved = 0;
        String failure = null;
        for (String tid : tids) {
            String failed = moveThread(taskset, tid, target);
            if (failed == null) {
                moved++;
            } else if (failure == null) {
                failure = failed;
            }
        }
        jvmThreadsMoved = moved + " of " + tids.size() + " JVM threads to CPUs " + target
                + (failure == null ? "" : " (" + failure + ")");
    }

    /** The Linux thread id of the calling thread ({@code /proc/thread-self}), or null where unreadable. */
    public static String currentThreadId() {
        try {
            return Path.of("/proc/thread-self").toRealPath().getFileName().toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** Moves thread {@code tid} to the CPU list {@code cpus} with {@code taskset -p -c}: null, or what went wrong. */
    public static String moveThread(String taskset, String tid, String cpus) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(taskset, "-p", "-c", cpus, tid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0 ? null : "taskset -p -c " + cpus + " " + tid + " exited " + p.exitValue();
        } catch (IOException e) {
            return "taskset: " + e.getMessage();
        }
    }

    /** What {@link #moveJvmThreads()} did in this worker, or null when it had nothing to do. */
    public static String jvmThreadsMoved() {
        return jvmThreadsMoved;
    }

    /** The taskset executable on PATH, or null. */
    public static String taskset() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir.isEmpty() ? "." : dir, "taskset");
            if (f.isFile() && f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    /** {@code Cpus_allowed_list} of a {@code /proc/PID/status} file, or null where unreadable. */
    public static List<Integer> allowedCpus(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return parse(line.substring("Cpus_allowed_list:".length()).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** The CPUs this process may run on ({@code /proc/self/status}), or null where unknown. */
    public static List<Integer> allowedCpus() {
        return allowedCpus(Path.of("/proc/self/status"));
    }

    /** A kernel CPU list ("0-3,8,10-11") as numbers; {@link NumberFormatException} on anything else. */
    public static List<Integer> parse(String list) {
        List<Integer> cpus = new ArrayList<>();
        if (list.isBlank()) {
            return cpus;
        }
        for (String part : list.split(",")) {
            int dash = part.indexOf('-');
            if (dash < 0) {
                cpus.add(Integer.parseInt(part.strip()));
            } else {
                int lo = Integer.parseInt(part.substring(0, dash).strip());
                int hi = Integer.parseInt(part.substring(dash + 1).strip());
                for (int c = lo; c <= hi; c++) {
                    cpus.add(c);
                }
            }
        }
        return cpus;
    }

    /** CPUs as a kernel CPU list, runs joined: [0,1,2,5] is "0-2,5". */
    public static String format(List<Integer> cpus) {
        List<Integer> s = new ArrayList<>(new TreeSet<>(cpus));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.size(); i++) {
            int j = i;
            while (j + 1 < s.size() && s.get(j + 1) == s.get(j) + 1) {
                j++;
            }
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(s.get(i));
            if (j > i) {
                b.append('-').append(s.get(j));
            }
            i = j;
        }
        return b.toString();
    }

    /**
     * Moves every thread of process {@code pid} to {@code cpus} with {@code taskset -a -p -c}; null on success, else
     * what went wrong.
     */
    public static String moveProcess(String taskset, long pid, List<Integer> cpus) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(taskset, "-a", "-p", "-c", format(cpus), Long.toString(pid))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int rc = p.waitFor();
            return rc == 0 ? null : "taskset exited " + rc + ": " + out.strip();
        } catch (IOException e) {
            return "taskset: " + e.getMessage();
        }
    }
}
