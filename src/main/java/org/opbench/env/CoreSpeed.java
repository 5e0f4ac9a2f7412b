package org.opbench.env;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.opbench.measure.CoreCanary;

/**
 * The {@code cores} check of {@link SystemCheck}: the speed of each CPU this process may use on the noise probe's
 * fixed loop ({@link CoreCanary}), the calling thread moved from CPU to CPU with {@code taskset -p -c} and put back
 * where it was allowed to run afterwards.
 *
 * <p>Why: on the project's 2-vCPU KVM machine one vCPU ran every loop (8 KiB to 256 KiB of data) 1.8-2.7x slower than
 * the other for minutes at a time while steal, load and busy processes all read quiet: the host shared or throttled
 * that core. Rounds that land there are slow, and two runs disagree by how many of them did. Each CPU is read
 * {@value #SWEEPS} times in turn ({@value #READS} canary readings each, the fastest kept), so that a change of speed
 * during the check does not pass for a difference between CPUs.
 */
public final class CoreSpeed {
    /** A CPU this much slower than the fastest on the same loop is called slow. */
    public static final double SLOW_RATIO = 1.10;
    static final int SWEEPS = 3;
    static final int READS = 5;

    private CoreSpeed() {
    }

    /** Nanoseconds per canary pass by CPU, or why they could not be measured. */
    public record Result(Map<Integer, Long> nsPerPass, String unavailable) {
        public Result {
            nsPerPass = nsPerPass == null ? Map.of() : Map.copyOf(new TreeMap<>(nsPerPass));
        }
    }

    /** Measures every CPU this process may use (a few milliseconds each, plus two {@code taskset} calls per CPU). */
    public static Result measure() throws InterruptedException {
        String taskset = Pinning.taskset();
        if (taskset == null) {
            return new Result(null, "no taskset on PATH (util-linux) to move the probe from CPU to CPU");
        }
        List<Integer> allowed = Pinning.allowedCpus();
        if (allowed == null || allowed.isEmpty()) {
            return new Result(null, "Cpus_allowed_list of /proc/self/status unreadable");
        }
        if (allowed.size() == 1) {
            return new Result(null, "one CPU (" + allowed.get(0) + "): nothing to compare");
        }
        String tid = Pinning.currentThreadId();
        if (tid == null) {
            return new Result(null, "/proc/thread-self unreadable");
        }
        CoreCanary canary = new CoreCanary();
        Map<Integer, Long> best = new TreeMap<>();
        String failed = null;
        try {
            for (int sweep = 0; sweep < SWEEPS && failed == null; sweep++) {
                for (int cpu : allowed) {
                    failed = Pinning.moveThread(taskset, tid, Integer.toString(cpu));
                    if (failed != null) {
                        break;
                    }
                    for (int k = 0; k < READS; k++) {
                        best.merge(cpu, canary.passNanos(), Math::min);
                    }
                }
            }
        } finally {
            String restored = Pinning.moveThread(taskset, tid, Pinning.format(allowed));
            failed = failed != null ? failed : restored;
        }
        return failed != null ? new Result(null, failed) : new Result(best, null);
    }

    /** The check's line: a warning naming the slow CPUs and how much slower they ran than the fastest. */
    public static SystemCheck.Item item(Result r) {
        if (r.unavailable() != null) {
            return new SystemCheck.Item("cores", "not measured", SystemCheck.Verdict.unknown, r.unavailable());
        }
        long fastest = r.nsPerPass().values().stream().mapToLong(Long::longValue).min().orElse(0);
        int fastCpu = r.nsPerPass().entrySet().stream().filter(e -> e.getValue() == fastest).findFirst()
                .map(Map.Entry::getKey).orElse(-1);
        StringBuilder slow = new StringBuilder();
        StringBuilder fast = new StringBuilder();
        for (Map.Entry<Integer, Long> e : r.nsPerPass().entrySet()) {
            double ratio = (double) e.getValue() / fastest;
            if (ratio > SLOW_RATIO) {
                slow.append(slow.length() == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "cpu%d %.2fx", e.getKey(), ratio));
            } else {
                fast.append(fast.length() == 0 ? "" : ",").append(e.getKey());
            }
        }
        if (slow.length() == 0) {
            return new SystemCheck.Item("cores", r.nsPerPass().size() + " CPUs within "
                    + Math.round((SLOW_RATIO - 1) * 100) + "% of each other", SystemCheck.Verdict.ok, null);
        }
        return new SystemCheck.Item("cores", slow + String.format(Locale.ROOT, " slower than cpu%d (%.1f us a pass)",
                fastCpu, fastest / 1e3), SystemCheck.Verdict.warning,
                "those cores run a fixed loop slower with nothing of this machine's own on them: the host shares or "
                        + "throttles them (a VM neighbour, a power or thermal limit). Measure later, or only on the "
                        + "fast CPUs: taskset -c " + fast + " ./opbench ... --pin");
    }
}
