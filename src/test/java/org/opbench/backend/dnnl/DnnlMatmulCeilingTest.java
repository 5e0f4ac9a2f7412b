package org.opbench.backend.dnnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.IntPointer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opbench.peaks.Ceiling;
import org.opbench.peaks.CpuFacts;
import org.opbench.peaks.PeakSettings;
import org.opbench.peaks.PeaksRun;

/**
 * The oneDNN int8 and bf16 ceilings, run small (n = 96): their result is checked exactly before the time counts,
 * a wrong result is refused, a CPU without the type gives an absent ceiling with oneDNN's reason.
 */
class DnnlMatmulCeilingTest {
    static final int SMALL = 96;
    static DnnlBackend backend;

    @BeforeAll
    static void load() {
        backend = DnnlTestSupport.backend();
    }

    private static PeakSettings tiny() {
        return new PeakSettings(List.of(backend.effectiveThreads()), 2, 0.01, 1 << 20, 60);
    }

    private static boolean x86() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    @Test
    void int8CeilingIsMeasuredAndCheckedWhereTheIsaHasInt8() throws Exception {
        Assumptions.assumeTrue(x86() && CpuFacts.read().flags().contains("avx2"),
                "oneDNN's int8 matmul is expected on x86-64 with avx2; this CPU has not");
        Ceiling c = single(new DnnlInt8Ceiling(SMALL).measure(backend.effectiveThreads(), tiny()));
        assertTrue(c.isOk(), c.toString());
        assertEquals(Ceiling.INT8, c.dtype());
        assertEquals("GOPS", c.unit());
        assertEquals(2, c.samples().length);
        assertTrue(c.value() > 0);
        assertEquals("u8:s8:s32", c.details().get("dt"));
        assertFalse(String.valueOf(c.details().get("impl")).isBlank(), "impl recorded");
        System.out.println("dnnl-int8 n=" + SMALL + ": " + c.details() + " " + c.value() + " GOPS");
    }

    @Test
    void bf16CeilingIsMeasuredWhereTheCpuHasAvx512Bf16() throws Exception {
        Assumptions.assumeTrue(x86() && CpuFacts.read().flags().contains("avx512_bf16"),
                "oneDNN's native bf16 matmul is expected where the CPU has avx512_bf16; this CPU has not");
        Ceiling c = single(new DnnlBf16Ceiling(SMALL).measure(backend.effectiveThreads(), tiny()));
        assertTrue(c.isOk(), c.toString());
        assertEquals(Ceiling.BF16, c.dtype());
        assertEquals("GFLOPS", c.unit());
        assertEquals("bf16:bf16:f32", c.details().get("dt"));
        System.out.println("dnnl-bf16 n=" + SMALL + ": " + c.details() + " " + c.value() + " GFLOPS");
    }

    /** f16 has no native arithmetic on most x86 CPUs: either a checked ceiling or absent with oneDNN's status. */
    @Test
    void f16CeilingIsCheckedOrAbsentWithOneDnnsReason() throws Exception {
        Ceiling c = single(new DnnlF16Ceiling(SMALL).measure(backend.effectiveThreads(), tiny()));
        assertEquals(Ceiling.F16, c.dtype());
        if (!c.isOk()) {
            assertEquals("unavailable", c.status(), c.toString());
            assertTrue(c.reason().contains("dnnl_unimplemented"), c.reason());
        } else {
            assertEquals("f16:f16:f32", c.details().get("dt"));
        }
        System.out.println("dnnl-f16 n=" + SMALL + ": " + c);
    }

    @Test
    void halfPrecisionBitsOfSmallIntegers() {
        assertEquals((short) 0x0000, DnnlMatmulCeiling.Matmul.f16Bits(0));
        assertEquals((short) 0x3c00, DnnlMatmulCeiling.Matmul.f16Bits(1));
        assertEquals((short) 0xc700, DnnlMatmulCeiling.Matmul.f16Bits(-7));
        assertEquals((short) 0x4000, DnnlMatmulCeiling.Matmul.f16Bits(2));
        assertEquals((short) 0x6800, DnnlMatmulCeiling.Matmul.f16Bits(2048));
    }

    @Test
    void aWrongResultIsNotAcceptedAsACeiling() throws Exception {
        try (Resources res = new Resources()) {
            DnnlMatmulCeiling.Matmul mm = DnnlMatmulCeiling.Matmul.create(res, DnnlMatmulCeiling.Types.INT8, 32);
            mm.run();
            DnnlMatmulCeiling.check(mm, "now"); // the exact product
            IntPointer dst = (IntPointer) mm.dst;
            dst.put(31L * 32 + 5, dst.get(31L * 32 + 5) + 1); // the last checked row, off by one
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> DnnlMatmulCeiling.check(mm,
                    "now"));
            assertTrue(e.getMessage().contains("row 31, column 5"), e.getMessage());
        } catch (org.opbench.spi.UnsupportedException e) {
            Assumptions.abort("oneDNN has no int8 matmul here: " + e.getMessage());
        }
    }

    @Test
    void checkedRowsSpanTheMatrix() {
        assertEquals(List.of(0L, 1L, 2L), DnnlMatmulCeiling.checkedRows(3));
        List<Long> rows = DnnlMatmulCeiling.checkedRows(1024);
        assertEquals(DnnlMatmulCeiling.CHECKED_ROWS, rows.size());
        assertEquals(0L, rows.get(0));
        assertEquals(1023L, rows.get(rows.size() - 1));
    }

    @Test
    void anotherThreadCountThanTheProcessRunsIsAbsentWithTheReason() throws Exception {
        int other = backend.effectiveThreads() + 1;
        Ceiling c = single(new DnnlInt8Ceiling(SMALL).measure(other, tiny()));
        assertEquals("unavailable", c.status());
        assertNull(c.value());
        assertEquals(Ceiling.INT8, c.dtype());
        assertTrue(c.reason().contains("OMP_NUM_THREADS"), c.reason());
    }

    @Test
    void providersAreRegistered() {
        assertEquals(Ceiling.INT8, PeaksRun.provider(DnnlInt8Ceiling.NAME).dtype());
        assertEquals(Ceiling.BF16, PeaksRun.provider(DnnlBf16Ceiling.NAME).dtype());
        assertEquals(Ceiling.F16, PeaksRun.provider(DnnlF16Ceiling.NAME).dtype());
    }

    /**
     * oneDNN limited to AVX2 ({@code ONEDNN_MAX_CPU_ISA}, in a child JVM since it is read once per process) has no
     * bf16 matmul: the ceiling is absent with oneDNN's status, not a number.
     */
    @Test
    void bf16WithoutTheIsaIsAbsentWithOneDnnsReason() throws Exception {
        Assumptions.assumeTrue(x86(), "ONEDNN_MAX_CPU_ISA=AVX2 is an x86-64 setting");
        String java = ProcessHandle.current().info().command().orElse(null);
        Assumptions.assumeTrue(java != null, "the command of this JVM is not known, so no child JVM can be started");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                MatmulCeilingMain.class.getName(), DnnlBf16Ceiling.NAME, "64"));
        pb.environment().put("ONEDNN_MAX_CPU_ISA", "AVX2");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectErrorStream(true);
        Process process = pb.start();
        byte[] bytes = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        Map<String, String> out = MatmulCeilingMain.parse(text);
        assertEquals("avx2", out.get("isa"), text);
        assertEquals("unavailable", out.get("status"), text);
        assertEquals(Ceiling.BF16, out.get("dtype"), text);
        assertTrue(out.get("reason").contains("dnnl_unimplemented") && out.get("reason").contains("avx2"), text);
    }

    private static Ceiling single(List<Ceiling> list) {
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }
}
