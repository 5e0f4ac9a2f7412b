package org.opbench.peaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The theoretical peak per data type on fixed flag sets, worked by hand (4 cores at 3000 MHz, 2 FMA units). */
class PrecisionPeakTest {
    private static List<TheoreticalDtype> peaks(String arch, String vendor, Integer family, String... flags) {
        CpuFacts cpu = new CpuFacts(vendor, family, Set.of(flags), 2000.0, null);
        Theoretical f32 = TheoreticalPeak.compute(arch, cpu, 4, 8, 3000.0);
        return PrecisionPeak.compute(arch, cpu, f32);
    }

    private static TheoreticalDtype of(List<TheoreticalDtype> list, String dtype) {
        return list.stream().filter(t -> t.dtype().equals(dtype)).findFirst().orElseThrow();
    }

    @Test
    void avx512VnniAndBf16OnIntel() {
        // fp32: 16 lanes x 2 units = 32 MACs/cycle, x 2 x 3 GHz = 192 GFLOPS per core
        // int8: vpdpbusd 4 products x 16 lanes x 2 units = 128 MACs/cycle = 768 GOPS per core
        // bf16: vdpbf16ps 2 products x 16 lanes x 2 units = 64 MACs/cycle = 384 GFLOPS per core
        List<TheoreticalDtype> p = peaks("amd64", "GenuineIntel", 6, "avx2", "fma", "avx512f", "avx512bw",
                "avx512_vnni", "avx512_bf16");
        assertEquals(192.0, of(p, Ceiling.F32).perCoreGops(), 1e-9);
        assertEquals(768.0, of(p, Ceiling.INT8).perCoreGops(), 1e-9);
        assertEquals(128.0, of(p, Ceiling.INT8).macsPerCyclePerCore(), 1e-9);
        assertEquals(4.0, of(p, Ceiling.INT8).vsF32(), 1e-9);
        assertEquals(3072.0, of(p, Ceiling.INT8).gops(), 1e-9);
        assertEquals(1536.0, of(p, Ceiling.INT8).forThreads(2), 1e-9);
        assertEquals(384.0, of(p, Ceiling.BF16).perCoreGops(), 1e-9);
        assertEquals(2.0, of(p, Ceiling.BF16).vsF32(), 1e-9);
        assertTrue(of(p, Ceiling.INT8).basis().contains("vpdpbusd"), of(p, Ceiling.INT8).basis());
        // no avx512_fp16: f16 is widened to fp32, 32 MACs = 192 GFLOPS per core
        assertEquals(192.0, of(p, Ceiling.F16).perCoreGops(), 1e-9);
        assertTrue(of(p, Ceiling.F16).basis().contains("widened"));
        assertTrue(of(p, Ceiling.BF16).basis().contains("vdpbf16ps"), of(p, Ceiling.BF16).basis());
    }

    @Test
    void zen4RunsHalfWidthSoEveryTypeHalves() {
        // AMD family 25: 8 fp32 lanes -> fp32 16 MACs, int8 64 MACs (384 GOPS/core), bf16 32 MACs (192 GFLOPS/core)
        List<TheoreticalDtype> p = peaks("amd64", "AuthenticAMD", 25, "avx2", "fma", "avx512f", "avx512bw",
                "avx512_vnni", "avx512_bf16");
        assertEquals(96.0, of(p, Ceiling.F32).perCoreGops(), 1e-9);
        assertEquals(384.0, of(p, Ceiling.INT8).perCoreGops(), 1e-9);
        assertEquals(192.0, of(p, Ceiling.BF16).perCoreGops(), 1e-9);
    }

    @Test
    void avx2WithoutVnniIsTwiceFp32AndBf16IsWidenedToFp32() {
        // fp32 8 lanes x 2 = 16 MACs (96 GFLOPS/core); int8 vpmaddubsw+vpmaddwd 2 x 8 x 2 = 32 MACs (192 GOPS/core)
        List<TheoreticalDtype> p = peaks("x86_64", "GenuineIntel", 6, "avx2", "fma");
        assertEquals(96.0, of(p, Ceiling.F32).perCoreGops(), 1e-9);
        assertEquals(192.0, of(p, Ceiling.INT8).perCoreGops(), 1e-9);
        assertTrue(of(p, Ceiling.INT8).basis().contains("vpmaddubsw"));
        assertEquals(96.0, of(p, Ceiling.BF16).perCoreGops(), 1e-9);
        assertTrue(of(p, Ceiling.BF16).basis().contains("widened"));
        // avx_vnni (256-bit VNNI, no AVX-512): 4 x 8 x 2 = 64 MACs = 384 GOPS per core
        List<TheoreticalDtype> adl = peaks("x86_64", "GenuineIntel", 6, "avx2", "fma", "avx_vnni");
        assertEquals(384.0, of(adl, Ceiling.INT8).perCoreGops(), 1e-9);
    }

    @Test
    void amxTilesUseIntelsRate() {
        // 1024 int8 MACs/cycle = 2048 ops x 3 GHz = 6144 GOPS per core; bf16 512 MACs = 3072 GFLOPS per core
        List<TheoreticalDtype> p = peaks("amd64", "GenuineIntel", 6, "avx2", "fma", "avx512f", "avx512bw",
                "avx512_vnni", "avx512_bf16", "amx_tile", "amx_int8", "amx_bf16");
        assertEquals(6144.0, of(p, Ceiling.INT8).perCoreGops(), 1e-9);
        assertEquals(3072.0, of(p, Ceiling.BF16).perCoreGops(), 1e-9);
        // avx512_fp16 (vfmadd231ph): 2 x 16 x 2 = 64 MACs = 384 GFLOPS per core
        List<TheoreticalDtype> fp16 = peaks("amd64", "GenuineIntel", 6, "avx2", "fma", "avx512f", "avx512_fp16");
        assertEquals(384.0, of(fp16, Ceiling.F16).perCoreGops(), 1e-9);
    }

    @Test
    void armDotProductMatrixAndBf16Instructions() {
        // fp32 4 lanes x 2 = 8 MACs (48 GFLOPS/core); sdot 4 x 4 x 2 = 32 MACs (192 GOPS/core)
        List<TheoreticalDtype> dot = peaks("aarch64", "0x41", null, "fp", "asimd", "asimddp");
        assertEquals(48.0, of(dot, Ceiling.F32).perCoreGops(), 1e-9);
        assertEquals(192.0, of(dot, Ceiling.INT8).perCoreGops(), 1e-9);
        assertEquals(48.0, of(dot, Ceiling.BF16).perCoreGops(), 1e-9);
        // i8mm: smmla 8 x 4 x 2 = 64 MACs (384 GOPS/core); bf16 bfdot 2 x 4 x 2 = 16 MACs (96 GFLOPS/core)
        List<TheoreticalDtype> mm = peaks("aarch64", "0x41", null, "fp", "asimd", "asimddp", "i8mm", "bf16");
        assertEquals(384.0, of(mm, Ceiling.INT8).perCoreGops(), 1e-9);
        assertEquals(96.0, of(mm, Ceiling.BF16).perCoreGops(), 1e-9);
        // asimdhp: fmla .8h, 2 x 4 x 2 = 16 MACs = 96 GFLOPS per core; without it widened: 48
        assertEquals(96.0, of(peaks("aarch64", "0x41", null, "asimd", "asimdhp"), Ceiling.F16).perCoreGops(), 1e-9);
        assertEquals(48.0, of(dot, Ceiling.F16).perCoreGops(), 1e-9);
        // NEON without dot product: int8 unknown, with the reason
        TheoreticalDtype none = of(peaks("aarch64", "0x41", null, "fp", "asimd"), Ceiling.INT8);
        assertNull(none.gops());
        assertTrue(none.reason().contains("asimddp"), none.reason());
    }

    @Test
    void unknownFp32RuleLeavesEveryTypeUnknownWithTheReason() {
        for (TheoreticalDtype t : peaks("amd64", "GenuineIntel", 6, "sse4_2")) {
            assertNull(t.gops(), t.toString());
            assertNotNull(t.reason());
        }
        TheoreticalDtype noClock = PrecisionPeak.compute("amd64", Set.of("avx2", "fma", "avx512_vnni"),
                TheoreticalPeak.compute("amd64", new CpuFacts(null, null, Set.of("fma"), null, null), 2, 2, null),
                Ceiling.INT8);
        assertNull(noClock.gops());
        assertTrue(noClock.reason().contains("clock"), noClock.reason());
    }
}
