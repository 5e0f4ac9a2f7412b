package org.opbench.measure;

/**
 * What the OS and the JVM report about one timed round (issue 15). Counters are differences between the readings
 * before and after the round; a value that could not be read is {@code null} (never a made-up 0).
 *
 * @param stealPct       CPU steal time (hypervisor) as a percentage of the round's wall time over all CPUs
 * @param otherRunnable  runnable tasks other than the worker's own threads at the end of the round ({@code procs_running})
 * @param involuntaryCs  the worker process's involuntary context switches during the round
 * @param runWaitPct     the time the measuring thread spent runnable but waiting for a CPU, as a percentage of the
 *                       round (the {@code run_delay} of {@code /proc/thread-self/schedstat})
 * @param gcMs           JVM garbage-collection time during the round
 * @param jitMs          JIT compilation time during the round
 * @param cpuMhz         mean current CPU frequency after the round where readable
 * @param coreSlowdown   the {@link CoreCanary}'s slowdown on the measuring thread's core, the larger of its readings
 *                       before and after the round (1: as fast as its best)
 * @param corePassNs     the canary's faster reading of the two, in nanoseconds per pass: the core's speed around
 *                       the round, comparable between runs on one machine
 * @param cpu            the CPU the measuring thread was on after the round ({@code /proc/thread-self/stat})
 * @param cause          why the round counts as disturbed ("steal 14% of the round", "3 other runnable tasks",
 *                       "GC 2.1 ms"), or null when it does not
 */
public record Disturbance(Double stealPct, Integer otherRunnable, Long involuntaryCs, Double runWaitPct,
                          Double gcMs, Double jitMs,
                          Double cpuMhz, Double coreSlowdown, Long corePassNs,
                          Integer cpu, String cause) {
    /** Nothing could be read. */
    public static final Disturbance UNKNOWN = new Disturbance(null, null, null, null, null, null, null, null, null, null,
            null);

    public boolean disturbed() {
        return cause != null;
    }
}
