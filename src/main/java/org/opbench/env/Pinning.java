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

        /** The worker's launcher prefix. */
        public List<String> launcher(String taskset) {
            return List.of("env", "OMP_PLACES=cores", "OMP_PROC_BIND=close", taskset, "-c", format(workerCpus));
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
