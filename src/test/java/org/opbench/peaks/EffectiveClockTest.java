package org.opbench.peaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class EffectiveClockTest {
    private static final CpuFacts CPU = new CpuFacts("GenuineIntel", 6, Set.of("avx2", "fma"), 2596.0, null);

    @Test
    void aMeasuredClockAboveCpuinfoReplacesIt() {
        EffectiveClock.Estimate e = new EffectiveClock.Estimate(3500.0, 3500.0, 3400.0, "effective clock measured: "
                + "test", null);
        Theoretical t = TheoreticalPeak.compute("amd64", CPU, 2, 2, null, e);
        assertEquals(3500.0, t.mhz());
        // 8 lanes x 2 FMA units x 2 flops x 3.5 GHz
        assertEquals(112.0, t.perCoreGflops(), 1e-9);
        assertTrue(t.mhzSource().startsWith("effective clock measured"), t.mhzSource());
        assertTrue(t.mhzSource().contains("/proc/cpuinfo says 2596 MHz"), t.mhzSource());
    }

    @Test
    void theHigherOfSysfsMaximumAndMeasuredClockIsUsed() {
        EffectiveClock.Estimate e = new EffectiveClock.Estimate(3500.0, 3500.0, 3400.0, "effective clock measured: "
                + "test", null);
        Theoretical t = TheoreticalPeak.compute("amd64", CPU, 2, 2, 3900.0, e);
        assertEquals(3900.0, t.mhz());
        assertEquals("sysfs cpuinfo_max_freq (effective clock measured 3500 MHz)", t.mhzSource());
        Theoretical low = TheoreticalPeak.compute("amd64", CPU, 2, 2, 3000.0, e);
        assertEquals(3500.0, low.mhz());
        assertTrue(low.mhzSource().contains("above sysfs cpuinfo_max_freq 3000 MHz"), low.mhzSource());
    }

    @Test
    void unmeasuredClockFallsBackToCpuinfoAndSaysWhy() {
        EffectiveClock.Estimate e = EffectiveClock.measure("aarch64", 0.01);
        assertNull(e.mhz());
        assertTrue(e.reason().contains("x86-64 only"));
        Theoretical t = TheoreticalPeak.compute("amd64", CPU, 2, 2, null, e);
        assertEquals(2596.0, t.mhz());
        assertTrue(t.mhzSource().contains("x86-64 only"), t.mhzSource());
    }

    @Test
    void liveMeasurementIsPlausible() {
        String arch = System.getProperty("os.arch");
        Assumptions.assumeTrue("amd64".equals(arch) || "x86_64".equals(arch), "the effective clock is measured on "
                + "x86-64 only");
        EffectiveClock.Estimate e = EffectiveClock.measure(arch, 0.05);
        assertNotNull(e.mhz());
        // a chain the JIT had shortened would give tens of GHz; a clock below 400 MHz is no server or desktop core
        assertTrue(e.mhz() > 400 && e.mhz() < 7000, e.method());
        assertEquals(Math.max(e.shiftAddMhz(), e.mulAddMhz()), e.mhz());
    }
}
