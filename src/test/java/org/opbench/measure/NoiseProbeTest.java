package org.opbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseProbeTest {
    @TempDir
    Path dir;

    /**
     * A /proc under the test directory before a round: /proc/stat, the running measuring thread 4243 (also as
     * thread-self) and a sleeping pool thread 4250.
     */
    private Path procBefore() throws IOException {
        Path proc = dir.resolve("proc");
        put("stat-before.txt", proc.resolve("stat"));
        put("task-status-running.txt", proc.resolve("self/task/4243/status"));
        put("task-status-sleeping.txt", proc.resolve("self/task/4250/status"));
        put("task-status-running.txt", proc.resolve("thread-self/status"));
        return proc;
    }

    private void put(String fixture, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (InputStream in = NoiseProbeTest.class.getResourceAsStream("noise/" + fixture)) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private NoiseProbe probe(long[] gc, long[] jit) {
        return probe(gc, jit, new long[] {1000, 1000});
    }

    /** {@code core}: the canary's next reading and its best so far, in ns per pass (-1: none). */
    private NoiseProbe probe(long[] gc, long[] jit, long[] core) {
        return new NoiseProbe(dir.resolve("proc").toString(), dir.resolve("cpu").toString(), () -> gc[0],
                () -> jit[0], new CanaryReader() {
                    @Override
                    public long passNanos() {
                        return core[0];
                    }

                    @Override
                    public long bestNanos() {
                        return core[1];
                    }
                });
    }

    @Test
    void disturbedRoundNamesStealRunnableTasksSwitchesGcAndJit() throws IOException {
        Path proc = procBefore();
        long[] gc = {100};
        long[] jit = {2000};
        NoiseProbe p = probe(gc, jit);
        p.beforeRound();
        put("stat-after.txt", proc.resolve("stat"));
        Files.writeString(proc.resolve("self/task/4243/status"), Files.readString(proc.resolve(
                "self/task/4243/status")).replace("nonvoluntary_ctxt_switches:\t12", "nonvoluntary_ctxt_switches:\t42"));
        Files.copy(proc.resolve("self/task/4243/status"), proc.resolve("thread-self/status"),
                StandardCopyOption.REPLACE_EXISTING);
        gc[0] = 103;
        jit[0] = 2005;
        Disturbance d = p.afterRound(100_000_000L);
        // 2 ticks of steal (20 ms) over 2 CPUs x 100 ms
        assertEquals(10.0, d.stealPct(), 1e-9);
        // procs_running 5 less the one running worker thread
        assertEquals(4, d.otherRunnable());
        assertEquals(30L, d.involuntaryCs());
        assertEquals(3.0, d.gcMs());
        assertEquals(5.0, d.jitMs());
        assertNull(d.cpuMhz(), "no cpufreq files: unknown, not 0");
        assertEquals("steal 10% of the round; 4 other runnable tasks (1 CPU free); 30 involuntary context switches of the measuring thread; "
                + "GC 3 ms; JIT 5 ms", d.cause());
        assertTrue(d.disturbed());
    }

    @Test
    void aPoolThreadsYieldsAreCountedButDoNotMarkTheRound() throws IOException {
        Path proc = procBefore();
        NoiseProbe p = probe(new long[] {5}, new long[] {7});
        p.beforeRound();
        Path pool = proc.resolve("self/task/4250/status");
        String before = Files.readString(pool);
        String after = before.replaceAll("nonvoluntary_ctxt_switches:\\s*\\d+", "nonvoluntary_ctxt_switches:\t900");
        assertTrue(!after.equals(before), "the fixture has the counter");
        Files.writeString(pool, after);
        Disturbance d = p.afterRound(50_000_000L);
        assertTrue(d.involuntaryCs() > 800, "every thread is summed: " + d.involuntaryCs());
        assertNull(d.cause(), "the measuring thread was not preempted");
    }

    @Test
    void waitingForACpuDecidesWhereSchedstatIsReadableNotTheSwitchCount() throws IOException {
        Path proc = procBefore();
        Files.writeString(proc.resolve("thread-self/schedstat"), "5000000 2000000 40\n");
        NoiseProbe p = probe(new long[] {5}, new long[] {7});
        p.beforeRound();
        // the measuring thread yields 400 times (counted as involuntary switches) but waits only 1 ms of 100
        String status = Files.readString(proc.resolve("thread-self/status"))
                .replaceAll("nonvoluntary_ctxt_switches:\\s*\\d+", "nonvoluntary_ctxt_switches:\t412");
        Files.writeString(proc.resolve("thread-self/status"), status);
        Files.writeString(proc.resolve("thread-self/schedstat"), "95000000 3000000 440\n");
        Disturbance d = p.afterRound(100_000_000L);
        assertEquals(1.0, d.runWaitPct(), 1e-9);
        assertNull(d.cause(), "1% waiting: quiet, whatever the switch count");

        p.beforeRound();
        Files.writeString(proc.resolve("thread-self/schedstat"), "140000000 51000000 480\n");
        Disturbance slowed = p.afterRound(100_000_000L);
        assertEquals(48.0, slowed.runWaitPct(), 1e-9);
        assertEquals("the measuring thread waited for a CPU 48% of the round", slowed.cause());
    }

    @Test
    void quietRoundHasReadingsAndNoCause() throws IOException {
        Path proc = dir.resolve("proc");
        put("stat-before.txt", proc.resolve("stat"));
        put("task-status-running.txt", proc.resolve("self/task/4243/status"));
        Files.createDirectories(dir.resolve("cpu/cpu0/cpufreq"));
        Files.writeString(dir.resolve("cpu/cpu0/cpufreq/scaling_cur_freq"), "2600000\n");
        Files.createDirectories(dir.resolve("cpu/cpu1/cpufreq"));
        Files.writeString(dir.resolve("cpu/cpu1/cpufreq/scaling_cur_freq"), "3000000\n");
        NoiseProbe p = probe(new long[] {5}, new long[] {7});
        p.beforeRound();
        Disturbance d = p.afterRound(50_000_000L);
        assertEquals(0.0, d.stealPct());
        assertEquals(1, d.otherRunnable(), "procs_running 2, one of them the worker's running thread");
        assertEquals(0L, d.involuntaryCs());
        assertEquals(0.0, d.gcMs());
        assertEquals(0.0, d.jitMs());
        assertEquals(2800.0, d.cpuMhz(), 1e-9);
        assertNull(d.cause(), "one other task and one free CPU is no disturbance");
    }

    @Test
    void unreadableFilesGiveNullsNotZerosAndNoException() {
        NoiseProbe p = probe(new long[] {-1}, new long[] {-1}, new long[] {-1, -1});
        p.beforeRound();
        Disturbance d = p.afterRound(1_000_000L);
        assertEquals(Disturbance.UNKNOWN, d);
    }

    @Test
    void thresholds() {
        assertNull(NoiseProbe.cause(5.0, 0, 1, null, 2L, 10, 0.0, 0.0, null, null), "at the limits: quiet");
        assertEquals("steal 6% of the round", NoiseProbe.cause(5.5, null, 0, null, null, 10, null, null, null, null));
        assertEquals("2 other runnable tasks (1 CPU free)",
                NoiseProbe.cause(null, 2, 1, null, null, 10, null, null, null, null));
        assertNull(NoiseProbe.cause(null, 1, 1, null, null, 10, null, null, null, null));
        // 25 switches in 100 ms: above the minimum but not above 0.25 per ms; 26 are
        assertNull(NoiseProbe.cause(null, null, 0, null, 25L, 100, null, null, null, null));
        assertEquals("26 involuntary context switches of the measuring thread",
                NoiseProbe.cause(null, null, 0, null, 26L, 100, null, null, null, null));
        assertEquals("GC 1 ms", NoiseProbe.cause(null, null, 0, null, null, 10, 1.0, null, null, null));
        // JIT: up to 2% of the round is quiet
        assertNull(NoiseProbe.cause(null, null, 0, null, null, 100, null, 2.0, null, null));
        assertEquals("JIT 3 ms", NoiseProbe.cause(null, null, 0, null, null, 100, null, 3.0, null, null));
        // waiting for a CPU: up to 5% of the round is quiet; where it is known, switch counts do not decide
        assertNull(NoiseProbe.cause(null, null, 0, 5.0, 500L, 100, null, null, null, null),
                "500 switches (yields) but 5% waiting: quiet");
        assertEquals("the measuring thread waited for a CPU 48% of the round",
                NoiseProbe.cause(null, null, 0, 48.0, 3L, 100, null, null, null, null));
    }

    @Test
    void aSlowCoreMarksTheRoundAndNamesTheCpu() throws IOException {
        Path proc = dir.resolve("proc");
        put("stat-before.txt", proc.resolve("stat"));
        put("task-status-running.txt", proc.resolve("self/task/4243/status"));
        // a command name with a space and a parenthesis: fields are counted after the last ')'
        StringBuilder stat = new StringBuilder("4243 (java (main)) R 1");
        for (int field = 5; field <= 38; field++) {
            stat.append(' ').append(field == 14 ? 77 : 0);
        }
        stat.append(" 1 0 0\n"); // field 39: processor 1
        Files.createDirectories(proc.resolve("thread-self"));
        Files.writeString(proc.resolve("thread-self/stat"), stat.toString());
        long[] core = {1040, 1000};
        NoiseProbe p = probe(new long[] {5}, new long[] {7}, core);
        p.beforeRound();
        core[0] = 2710;
        Disturbance d = p.afterRound(50_000_000L);
        assertEquals(2.71, d.coreSlowdown(), 1e-12, "the slower of the readings before and after, over the best");
        assertEquals(1040L, d.corePassNs(), "the faster reading: the core's speed around the round");
        assertEquals(1, d.cpu());
        assertEquals("core slowed: a fixed loop ran 2.71x its best (cpu 1)", d.cause());
        core[0] = 1250;
        p.beforeRound();
        assertNull(p.afterRound(50_000_000L).cause(), "at the limit: quiet");
        assertEquals(77, ProcText.statField(stat.toString().getBytes(), stat.length(), 14));
        assertEquals(-1, ProcText.statField("1 (x) R".getBytes(), 7, 39), "too few fields");
    }

    @Test
    void theCanaryIsAtLeastItsBestAndFinite() {
        CoreCanary canary = new CoreCanary();
        for (int i = 0; i < 5; i++) {
            long now = canary.passNanos();
            assertTrue(now > 0 && canary.bestNanos() > 0 && canary.bestNanos() <= now,
                    "reading " + now + " ns, best " + canary.bestNanos());
        }
    }

    @Test
    void liveProcReadingsAreSane() {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/stat")) && Files.isDirectory(Path.of("/proc/self/task")),
                "needs Linux /proc (stat and self/task)");
        RoundObserver o = NoiseProbe.forWorker();
        assertTrue(o instanceof NoiseProbe);
        o.beforeRound(); // warm the probe's own code once
        o.afterRound(1_000_000L);
        long t0 = System.nanoTime();
        o.beforeRound();
        long x = 0;
        while (System.nanoTime() - t0 < 20_000_000L) {
            x += x ^ t0;
        }
        long round = System.nanoTime() - t0;
        Disturbance d = o.afterRound(round);
        long probeNs = System.nanoTime() - t0 - round;
        assertNotNull(d.stealPct());
        assertTrue(d.stealPct() >= 0 && d.stealPct() <= 100 * 20, "steal " + d.stealPct());
        assertNotNull(d.otherRunnable());
        assertTrue(d.otherRunnable() >= 0);
        assertNotNull(d.involuntaryCs());
        assertTrue(d.involuntaryCs() >= 0);
        assertNotNull(d.gcMs());
        assertTrue(d.gcMs() >= 0);
        assertTrue(d.jitMs() == null || d.jitMs() >= 0);
        assertTrue(d.cpuMhz() == null || d.cpuMhz() > 100, "MHz " + d.cpuMhz());
        assertTrue(d.coreSlowdown() >= 1.0, "core slowdown " + d.coreSlowdown());
        assertTrue(d.cpu() != null && d.cpu() >= 0 && d.cpu() < Runtime.getRuntime().availableProcessors() * 64,
                "cpu " + d.cpu());
        assertTrue(probeNs < 1_000_000_000L, "one reading took " + probeNs + " ns (x=" + x + ")");
    }
}
