package org.opbench.measure;

import java.io.File;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The real {@link RoundObserver} (issue 15): reads what Linux and the JVM expose before and after each timed round
 * and says whether the round was disturbed.
 *
 * <p>What it reads (each reading that fails gives a null field, never an exception or a made-up 0):
 * <ul>
 *   <li>steal: the {@code steal} column of the aggregate {@code cpu} line of {@code /proc/stat} (in USER_HZ ticks,
 *       taken as 10 ms, the value on every mainstream Linux build), as a percentage of the round's wall time times
 *       the CPUs in {@code /proc/stat}. The tick is coarse: a round of 50 ms sees steal in steps of 10 ms.</li>
 *   <li>other runnable tasks: {@code procs_running} of {@code /proc/stat} after the round, less the worker's own
 *       threads that are running then (state {@code R} in {@code /proc/self/task/TID/status}; the probing thread is one
 *       of them, as are OpenMP threads still spinning).</li>
 *   <li>involuntary context switches: {@code nonvoluntary_ctxt_switches} summed over the worker's threads
 *       ({@code /proc/self/status} alone counts only the main thread).</li>
 *   <li>CPU frequency: mean {@code scaling_cur_freq} over the CPUs that have one (absent on most VMs: null).</li>
 *   <li>the core's speed: the {@link CoreCanary}'s slowdown just before and after the round, and the CPU the
 *       measuring thread is on after it (field 39 of {@code /proc/thread-self/stat}).</li>
 *   <li>GC and JIT time: the sum of the {@link GarbageCollectorMXBean}s' collection times and the
 *       {@link CompilationMXBean}'s total compilation time (both in whole milliseconds).</li>
 * </ul>
 *
 * <p>When a round counts as disturbed ({@link #cause}; every rule that fires is named, joined by "; "):
 * <ul>
 *   <li>steal above {@link #STEAL_PCT_LIMIT} % of the round;</li>
 *   <li>more other runnable tasks than the CPUs the worker leaves free (CPUs minus its running threads): then some
 *       task waits for, or takes, a CPU the worker uses;</li>
 *   <li>the measuring thread waited for a CPU (runnable, not running: {@code run_delay}, the second field of
 *       {@code /proc/thread-self/schedstat}) more than {@link #RUN_WAIT_PCT_LIMIT} % of the round: another task
 *       shares its core. Where schedstat cannot be read, the older rule stands in: the measuring thread saw more
 *       involuntary context switches than {@link #INVOLUNTARY_MIN} and than {@link #INVOLUNTARY_PER_MS} per
 *       millisecond of the round. Switches alone mislead: {@code sched_yield} counts as an involuntary switch, and
 *       PoCL's host thread yields while its device threads run (1741 involuntary switches a second for 16 ms of
 *       waiting, 1.6% of the time), so every OpenCL round at 2 threads was called disturbed and re-run for nothing.
 *       The record's {@code involuntary_cs} still sums every thread;</li>
 *   <li>any GC time ({@code > 0} ms), or JIT time above {@link #JIT_SHARE} of the round: both run on threads of the
 *       worker's own JVM beside the measured code;</li>
 *   <li>the {@link CoreCanary} on the measuring thread more than {@link #CORE_SLOWDOWN_LIMIT} times slower than its
 *       best, before or after the round: the core itself ran slow (on a VM, contention outside the guest that no
 *       counter above shows).</li>
 * </ul>
 *
 * <p>Cost: the per-thread status files dominate (one {@code /proc} file read took 50-110 us on a 2-vCPU VM loaded
 * four times over; a quiet figure is still to be measured); with a JVM of about 20 threads one round's two readings
 * took 2.6-4 ms on that loaded VM, all outside the timed region. Buffers are allocated once; the thread list is read again
 * every {@link #RELIST_EVERY} readings or when a thread has gone.
 * Not thread-safe: one probe per measuring thread.
 */
public final class NoiseProbe implements RoundObserver {
    public static final double STEAL_PCT_LIMIT = 5.0;
    public static final long INVOLUNTARY_MIN = 2;
    public static final double INVOLUNTARY_PER_MS = 0.25;
    /**
     * The measuring thread waiting for a CPU beyond this share of the round marks it (a competitor time-sliced on
     * its core makes it wait about half the time; PoCL's own threads made it wait 1.6%).
     */
    public static final double RUN_WAIT_PCT_LIMIT = 5.0;
    /** JIT compilation beyond this share of the round (compiler threads compete with the measured ones). */
    public static final double JIT_SHARE = 0.02;
    /**
     * The {@link CoreCanary} this much slower than its best marks the round: above what waking up and cold caches
     * cost it (up to 1.09x), below the slow cores it is there to catch (1.8-2.7x on the project's VM).
     */
    public static final double CORE_SLOWDOWN_LIMIT = 1.25;
    static final double TICK_MS = 10.0;
    /** The worker's threads are listed again after this many readings (they change at warm-up, not per round). */
    static final int RELIST_EVERY = 32;

    private final String stat;
    private final String taskDir;
    private final String[] freqFiles;
    private final int cpus;
    private final LongSupplier gcMs;
    private final LongSupplier jitMs;
    private final CanaryReader core;
    private final String threadStat;
    private final String threadStatus;
    private final String threadSchedstat;
    private final byte[] buf = new byte[1 << 16];

    private String[] taskFiles;
    private int roundsSinceListing;
    private long steal0 = -1;
    private long invol0 = -1;
    private long ownInvol0 = -1;
    private long wait0 = -1;
    private long gc0 = -1;
    private long jit0 = -1;
    private long core0 = -1;

    /**
     * A probe of this JVM ({@code /proc/self}); {@link RoundObserver#NONE} where {@code /proc/stat} cannot be read
     * (not Linux). The worker side of the round harness creates one per measuring thread.
     */
    public static RoundObserver forWorker() {
        if (!new File("/proc/stat").canRead() || !new File("/proc/self/task").isDirectory()) {
            return RoundObserver.NONE;
        }
        return new NoiseProbe("/proc", "/sys/devices/system/cpu", NoiseProbe::gcMillis, NoiseProbe::jitMillis,
                new CoreCanary());
    }

    /**
     * A probe of the files under {@code procRoot} ({@code stat}, {@code self/task/TID/status}) and {@code cpuRoot}
     * ({@code cpuN/cpufreq/scaling_cur_freq}), with the GC and JIT clocks given (-1: unknown) and the core's
     * canary ({@link CoreCanary}). For tests on fixed files and for other roots.
     */
    NoiseProbe(String procRoot, String cpuRoot, LongSupplier gcMs, LongSupplier jitMs, CanaryReader core) {
        this.stat = procRoot + "/stat";
        this.threadStat = procRoot + "/thread-self/stat";
        this.threadStatus = procRoot + "/thread-self/status";
        this.threadSchedstat = procRoot + "/thread-self/schedstat";
        this.core = core;
        this.taskDir = procRoot + "/self/task";
        this.gcMs = gcMs;
        this.jitMs = jitMs;
        int n = ProcText.read(stat, buf);
        this.cpus = n < 0 ? 0 : countCpuLines(buf, n);
        List<String> freq = new ArrayList<>();
        String[] entries = new File(cpuRoot).list();
        if (entries != null) {
            for (String e : entries) {
                if (e.matches("cpu[0-9]+")) {
                    File f = new File(cpuRoot + "/" + e + "/cpufreq/scaling_cur_freq");
                    if (f.canRead()) {
                        freq.add(f.getPath());
                    }
                }
            }
        }
        this.freqFiles = freq.toArray(new String[0]);
    }

    @Override
    public void beforeRound() {
        core0 = core.passNanos();
        int n = ProcText.read(stat, buf);
        steal0 = n < 0 ? -1 : ProcText.field(buf, n, "cpu ", 7);
        invol0 = tasks(null);
        wait0 = ownWaitNs();
        ownInvol0 = wait0 < 0 ? ownInvoluntary() : -1; // the switch count decides only without schedstat
        gc0 = gcMs.getAsLong();
        jit0 = jitMs.getAsLong();
    }

    @Override
    public Disturbance afterRound(long roundNanos) {
        try {
            int n = ProcText.read(stat, buf);
            long steal1 = n < 0 ? -1 : ProcText.field(buf, n, "cpu ", 7);
            long running = n < 0 ? -1 : ProcText.field(buf, n, "procs_running", 0);
            int[] ownRunning = new int[1];
            long invol1 = tasks(ownRunning);
            long wait1 = ownWaitNs();
            long ownInvol1 = ownInvol0 >= 0 ? ownInvoluntary() : -1;
            long gc1 = gcMs.getAsLong();
            long jit1 = jitMs.getAsLong();
            long core1 = core.passNanos();
            long best = core.bestNanos();
            long slowest = Math.max(core0, core1);
            long fastest = core0 < 0 ? core1 : core1 < 0 ? core0 : Math.min(core0, core1);
            Double slowdown = slowest > 0 && best > 0 ? Double.valueOf((double) slowest / best) : null;
            Long corePassNs = fastest > 0 ? Long.valueOf(fastest) : null;
            int nt = ProcText.read(threadStat, buf);
            long cpu = nt < 0 ? -1 : ProcText.statField(buf, nt, 39);
            double roundMs = roundNanos / 1e6;
            Double stealPct = steal0 >= 0 && steal1 >= 0 && cpus > 0 && roundNanos > 0
                    ? 100.0 * Math.max(0, steal1 - steal0) * TICK_MS / (roundMs * cpus) : null;
            Integer other = running >= 0 && invol1 >= 0 ? Integer.valueOf((int) Math.max(0, running - ownRunning[0]))
                    : null;
            Long invol = invol0 >= 0 && invol1 >= 0 ? Long.valueOf(Math.max(0, invol1 - invol0)) : null;
            Long ownInvol = ownInvol0 >= 0 && ownInvol1 >= 0 ? Long.valueOf(Math.max(0, ownInvol1 - ownInvol0)) : null;
            Double waitPct = wait0 >= 0 && wait1 >= 0 && roundNanos > 0
                    ? Double.valueOf(100.0 * Math.max(0, wait1 - wait0) / roundNanos) : null;
            Double gc = gc0 >= 0 && gc1 >= 0 ? Double.valueOf(gc1 - gc0) : null;
            Double jit = jit0 >= 0 && jit1 >= 0 ? Double.valueOf(jit1 - jit0) : null;
            int free = cpus > 0 ? Math.max(0, cpus - ownRunning[0]) : 0;
            Integer onCpu = cpu < 0 ? null : Integer.valueOf((int) cpu);
            return new Disturbance(stealPct, other, invol, waitPct, gc, jit, meanMhz(), slowdown, corePassNs, onCpu,
                    cause(stealPct, other, free, waitPct, ownInvol, roundMs, gc, jit, slowdown, onCpu));
        } catch (RuntimeException e) {
            return Disturbance.UNKNOWN; // never let a probe break a measurement
        }
    }

    /**
     * Why a round counts as disturbed, or null. {@code freeCpus}: the CPUs not taken by the worker's running
     * threads. Null readings never fire a rule; {@code involuntary} counts only where {@code runWaitPct} is null.
     */
    public static String cause(Double stealPct, Integer otherRunnable, int freeCpus, Double runWaitPct,
                               Long involuntary, double roundMs, Double gcMs, Double jitMs, Double coreSlowdown,
                               Integer cpu) {
        List<String> why = new ArrayList<>(2);
        if (stealPct != null && stealPct > STEAL_PCT_LIMIT) {
            why.add(String.format(Locale.ROOT, "steal %.0f%% of the round", stealPct));
        }
        if (otherRunnable != null && otherRunnable > freeCpus) {
            why.add(otherRunnable + " other runnable task" + (otherRunnable == 1 ? "" : "s") + " ("
                    + freeCpus + " CPU" + (freeCpus == 1 ? "" : "s") + " free)");
        }
        if (runWaitPct != null) {
            if (runWaitPct > RUN_WAIT_PCT_LIMIT) {
                why.add(String.format(Locale.ROOT, "the measuring thread waited for a CPU %.0f%% of the round",
                        runWaitPct));
            }
        } else if (involuntary != null && involuntary > INVOLUNTARY_MIN
                && involuntary > INVOLUNTARY_PER_MS * roundMs) {
            why.add(involuntary + " involuntary context switches of the measuring thread");
        }
        if (gcMs != null && gcMs > 0) {
            why.add(String.format(Locale.ROOT, "GC %.0f ms", gcMs));
        }
        if (jitMs != null && jitMs > JIT_SHARE * roundMs) {
            why.add(String.format(Locale.ROOT, "JIT %.0f ms", jitMs));
        }
        if (coreSlowdown != null && coreSlowdown > CORE_SLOWDOWN_LIMIT) {
            why.add(String.format(Locale.ROOT, "core slowed: a fixed loop ran %.2fx its best", coreSlowdown)
                    + (cpu == null ? "" : " (cpu " + cpu + ")"));
        }
        return why.isEmpty() ? null : String.join("; ", why);
    }

    /** The measuring thread's own involuntary switches ({@code /proc/thread-self/status}), or -1. */
    private long ownInvoluntary() {
        int n = ProcText.read(threadStatus, buf);
        return n < 0 ? -1 : ProcText.field(buf, n, "nonvoluntary_ctxt_switches:", 0);
    }

    /** The measuring thread's time waiting for a CPU so far ({@code run_delay} of its schedstat, ns), or -1. */
    private long ownWaitNs() {
        int n = ProcText.read(threadSchedstat, buf);
        return n < 0 ? -1 : ProcText.field(buf, n, "", 1);
    }

    /** Involuntary switches summed over the worker's threads (-1 if unreadable); counts running threads if asked. */
    private long tasks(int[] running) {
        if (taskFiles == null || ++roundsSinceListing >= RELIST_EVERY) {
            String[] tids = new File(taskDir).list();
            if (tids == null) {
                return -1;
            }
            taskFiles = new String[tids.length];
            for (int i = 0; i < tids.length; i++) {
                taskFiles[i] = taskDir + "/" + tids[i] + "/status";
            }
            roundsSinceListing = 0;
        }
        long sum = 0;
        boolean any = false;
        for (String file : taskFiles) {
            int n = ProcText.read(file, buf);
            if (n < 0) {
                taskFiles = null; // a thread that ended: list again next time
                continue;
            }
            long v = ProcText.field(buf, n, "nonvoluntary_ctxt_switches:", 0);
            if (v >= 0) {
                sum += v;
                any = true;
            }
            if (running != null && ProcText.charAfter(buf, n, "State:") == 'R') {
                running[0]++;
            }
        }
        return any ? sum : -1;
    }

    private Double meanMhz() {
        if (freqFiles.length == 0) {
            return null;
        }
        double sum = 0;
        int got = 0;
        for (String f : freqFiles) {
            int n = ProcText.read(f, buf);
            long khz = n < 0 ? -1 : ProcText.firstNumber(buf, n);
            if (khz > 0) {
                sum += khz;
                got++;
            }
        }
        return got == 0 ? null : sum / got / 1000.0;
    }

    static int countCpuLines(byte[] b, int len) {
        int count = 0;
        for (int i = 0; i + 3 < len; i++) {
            if ((i == 0 || b[i - 1] == '\n') && b[i] == 'c' && b[i + 1] == 'p' && b[i + 2] == 'u' && b[i + 3] >= '0'
                    && b[i + 3] <= '9') {
                count++;
            }
        }
        return count;
    }

    static long gcMillis() {
        long sum = 0;
        boolean any = false;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            long t = gc.getCollectionTime();
            if (t >= 0) {
                sum += t;
                any = true;
            }
        }
        return any ? sum : -1;
    }

    static long jitMillis() {
        CompilationMXBean c = ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : -1;
    }
}
