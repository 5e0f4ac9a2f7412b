package org.opbench.peaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TheoreticalPeakTest {
    @Test
    void laneCountFollowsTheIsaFlags() {
        assertEquals(16, TheoreticalPeak.lanes("amd64", "GenuineIntel", 6, Set.of("avx2", "fma", "avx512f")).count());
        assertEquals(8, TheoreticalPeak.lanes("amd64", "AuthenticAMD", 25, Set.of("avx2", "fma", "avx512f")).count());
        assertEquals(8, TheoreticalPeak.lanes("x86_64", "GenuineIntel", 6, Set.of("avx2", "fma")).count());
        assertEquals(4, TheoreticalPeak.lanes("aarch64", "0x41", null, Set.of("fp", "asimd")).count());
        assertNull(TheoreticalPeak.lanes("amd64", "GenuineIntel", 6, Set.of("sse4_2")).count());
        assertNull(TheoreticalPeak.lanes("riscv64", null, null, Set.of()).count());
    }

    @Test
    void peakIsCoresTimesLanesTimesFmaUnitsTimesTwoTimesClock() {
        CpuFacts cpu = new CpuFacts("GenuineIntel", 6, Set.of("avx2", "fma"), 2000.0, null);
        Theoretical t = TheoreticalPeak.compute("amd64", cpu, 4, 8, 3000.0);
        // 8 lanes x 2 units x 2 flops x 3.0 GHz = 96 GFLOPS per core; the sysfs maximum wins over cpu MHz
        assertEquals(96.0, t.perCoreGflops(), 1e-9);
        assertEquals(384.0, t.gflops(), 1e-9);
        assertEquals(192.0, t.forThreads(2), 1e-9);
        assertEquals(384.0, t.forThreads(16), 1e-9);
        assertTrue(t.mhzSource().contains("sysfs"));
        Theoretical fromCpuinfo = TheoreticalPeak.compute("amd64", cpu, 4, 8, null);
        assertEquals(2000.0, fromCpuinfo.mhz());
        assertTrue(fromCpuinfo.mhzSource().contains("/proc/cpuinfo"));
    }

    @Test
    void unknownClockOrWidthGivesNullWithReason() {
        Theoretical noClock = TheoreticalPeak.compute("amd64", new CpuFacts(null, null, Set.of("fma"), null, null), 2, 2,
                null);
        assertNull(noClock.gflops());
        assertNotNull(noClock.reason());
        Theoretical noFma = TheoreticalPeak.compute("amd64", new CpuFacts(null, null, Set.of("sse2"), 2000.0, null), 2,
                2, null);
        assertNull(noFma.gflops());
        assertTrue(noFma.reason().contains("FMA"));
    }

    @Test
    void readsCpuinfoAndTheLastLevelCache(@TempDir Path dir) throws IOException {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, """
                processor\t: 0
                vendor_id\t: AuthenticAMD
                cpu family\t: 25
                cpu MHz\t\t: 2596.142
                flags\t\t: fpu avx2 fma avx512f

                processor\t: 1
                vendor_id\t: AuthenticAMD
                cpu family\t: 25
                cpu MHz\t\t: 3100.5
                flags\t\t: fpu avx2 fma avx512f
                """);
        Path cache = dir.resolve("cache");
        for (String[] e : new String[][] {{"index0", "1", "32K"}, {"index2", "2", "1024K"}, {"index3", "3", "32768K"}}) {
            Files.createDirectories(cache.resolve(e[0]));
            Files.writeString(cache.resolve(e[0]).resolve("level"), e[1] + "\n");
            Files.writeString(cache.resolve(e[0]).resolve("size"), e[2] + "\n");
        }
        CpuFacts f = CpuFacts.read(cpuinfo, cache);
        assertEquals("AuthenticAMD", f.vendor());
        assertEquals(25, f.family());
        assertEquals(3100.5, f.cpuinfoMhz());
        assertTrue(f.flags().contains("avx512f"));
        assertEquals(32L << 20, f.llcBytes());
        assertNull(CpuFacts.read(dir.resolve("absent"), dir.resolve("absent")).llcBytes());
    }
}
