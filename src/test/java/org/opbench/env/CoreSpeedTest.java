package org.opbench.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CoreSpeedTest {
    @Test
    void aSlowCoreIsAWarningThatNamesItAndTheFastOnes() {
        // measured on the project's VM during a slow episode of its vCPU 0: 33.7 us a pass against 18.6 us
        SystemCheck.Item i = CoreSpeed.item(new CoreSpeed.Result(Map.of(0, 33_700L, 1, 18_600L), null));
        assertEquals(SystemCheck.Verdict.warning, i.verdict());
        assertEquals("cpu0 1.81x slower than cpu1 (18.6 us a pass)", i.value());
        assertTrue(i.advice().endsWith("taskset -c 1 ./opbench ... --pin"), i.advice());
    }

    @Test
    void coresWithinTenPercentAreOk() {
        SystemCheck.Item i = CoreSpeed.item(new CoreSpeed.Result(Map.of(0, 18_700L, 1, 18_600L, 2, 20_400L), null));
        assertEquals(SystemCheck.Verdict.ok, i.verdict());
        assertEquals("3 CPUs within 10% of each other", i.value());
        assertNull(i.advice());
    }

    @Test
    void notMeasuredSaysWhy() {
        SystemCheck.Item i = CoreSpeed.item(new CoreSpeed.Result(null, "one CPU (0): nothing to compare"));
        assertEquals(SystemCheck.Verdict.unknown, i.verdict());
        assertEquals("one CPU (0): nothing to compare", i.advice());
    }

    @Test
    void measuresEveryAllowedCpuAndPutsTheThreadBack() throws InterruptedException {
        List<Integer> allowed = Pinning.allowedCpus();
        Assumptions.assumeTrue(Pinning.taskset() != null && allowed != null && allowed.size() > 1,
                "needs taskset (util-linux) and at least two allowed CPUs");
        CoreSpeed.Result r = CoreSpeed.measure();
        assertNull(r.unavailable());
        assertEquals(new java.util.TreeSet<>(allowed), new java.util.TreeSet<>(r.nsPerPass().keySet()));
        r.nsPerPass().values().forEach(ns -> assertTrue(ns > 0, "ns " + ns));
        assertEquals(allowed, Pinning.allowedCpus(java.nio.file.Path.of("/proc/thread-self/status")),
                "the calling thread may run everywhere again");
    }
}
