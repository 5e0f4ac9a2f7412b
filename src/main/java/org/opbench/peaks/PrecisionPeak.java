package org.opbench.peaks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The theoretical peak per data type (issue 16), from the CPU's flags, with the clock, cores and FMA units of the
 * fp32 {@link Theoretical} (so the same effective clock, {@link EffectiveClock}): multiply-adds per cycle per core of
 * the widest instruction the flags announce for the type, x 2 ops.
 *
 * <p>x86-64, with {@code L} the fp32 lanes of the fp32 rule (16 for avx512f, 8 for avx2/fma and for AMD family 25,
 * whose 512-bit operations run as two halves) and {@code U} the FMA units:
 * <ul>
 *   <li>int8: {@code amx_int8}: 1024 multiply-adds per cycle per core (Intel: 2048 int8 ops per cycle per core on
 *       4th-generation Xeon, the AMX TMUL); {@code avx512_vnni}: {@code vpdpbusd} sums 4 u8 x s8 products into each
 *       32-bit lane, {@code 4 x L x U}; {@code avx_vnni} alone: the same at 256 bits, {@code 4 x 8 x U};
 *       {@code avx2} (or {@code avx512bw}) without VNNI: {@code vpmaddubsw} + {@code vpmaddwd} (+ {@code vpaddd}),
 *       two multiplying instructions for 4 products per 32-bit lane, {@code 2 x L x U} (L = 8 without avx512bw);
 *       else unknown.</li>
 *   <li>bf16: {@code amx_bf16}: 512 per cycle per core (Intel: 1024 bf16 ops per cycle per core);
 *       {@code avx512_bf16}: {@code vdpbf16ps} sums 2 bf16 products into each fp32 lane, {@code 2 x L x U}; else
 *       bf16 is widened to fp32 (a shift) and multiplied by the fp32 FMAs, {@code L x U}.</li>
 *   <li>f16: {@code avx512_fp16}: {@code vfmadd231ph}, 2 half lanes per fp32 lane, {@code 2 x L x U}; else widened
 *       to fp32 ({@code vcvtph2ps}) and multiplied by the fp32 FMAs, {@code L x U}.</li>
 * </ul>
 * aarch64 (4 fp32 lanes per 128-bit NEON instruction): int8 {@code i8mm}: {@code smmla/usmmla} multiply a 2x8 by an
 * 8x2 block, 32 multiply-adds per instruction, counted at the FMA issue rate ({@code 8 x 4 x U}; Arm presents the
 * matrix instructions as doubling the dot product's rate); {@code asimddp}: {@code sdot/udot}, 4 products per 32-bit
 * lane, {@code 4 x 4 x U}; else unknown. bf16 {@code bf16}: {@code bfdot}, 2 products per lane, {@code 2 x 4 x U}
 * ({@code bfmmla}'s 16 per instruction issue at half that rate on Neoverse N2/V1); else widened to fp32. f16
 * {@code asimdhp}: {@code fmla} on 8 half lanes, {@code 2 x 4 x U}; else widened to fp32.
 * SVE is counted as NEON, as for fp32.
 */
public final class PrecisionPeak {
    /** Intel's AMX TMUL rates per core per cycle (multiply-adds): int8 2048 ops, bf16 1024 ops. */
    static final int AMX_INT8_MACS = 1024;
    static final int AMX_BF16_MACS = 512;

    private PrecisionPeak() {
    }

    /** The f32, bf16, f16 and int8 peaks (f32 is {@code f32} restated per type). */
    public static List<TheoreticalDtype> compute(String arch, CpuFacts cpu, Theoretical f32) {
        List<TheoreticalDtype> out = new ArrayList<>();
        for (String dtype : List.of(Ceiling.F32, Ceiling.BF16, Ceiling.F16, Ceiling.INT8)) {
            out.add(compute(arch, cpu.flags(), f32, dtype));
        }
        return out;
    }

    /** Multiply-adds per cycle per core of {@code dtype} (null where unknown) and how they were counted. */
    record Rate(Double macs, String basis) {
    }

    static TheoreticalDtype compute(String arch, Set<String> flags, Theoretical f32, String dtype) {
        Double mhz = f32 == null ? null : f32.mhz();
        Integer cores = f32 == null ? null : f32.cores();
        if (f32 == null || f32.fp32Lanes() == null || f32.fmaUnits() == null) {
            String why = "the fp32 rule has no vector width for this CPU"
                    + (f32 != null && f32.reason() != null ? " (" + f32.reason() + ")" : "");
            return new TheoreticalDtype(dtype, null, null, cores, null, null, mhz, null, why);
        }
        Rate rate = rate(arch, flags, f32.fp32Lanes(), f32.fmaUnits(), dtype);
        double f32Macs = (double) f32.fp32Lanes() * f32.fmaUnits();
        Double vs = rate.macs == null ? null : rate.macs / f32Macs;
        String reason = rate.macs == null ? rate.basis : f32.perCoreGflops() == null ? f32.reason() : null;
        if (reason != null) {
            return new TheoreticalDtype(dtype, null, null, cores, rate.macs, vs, mhz, rate.macs == null ? null
                    : rate.basis, reason);
        }
        double perCore = rate.macs * 2 * mhz / 1000;
        return new TheoreticalDtype(dtype, perCore * cores, perCore, cores, rate.macs, vs, mhz, rate.basis
                + "; 2 ops per multiply-add; clock and cores as for fp32", null);
    }

    static Rate rate(String arch, Set<String> flags, int lanes, int units, String dtype) {
        String a = arch == null ? "" : arch.toLowerCase(Locale.ROOT);
        boolean x86 = a.equals("amd64") || a.equals("x86_64");
        boolean arm64 = a.equals("aarch64") || a.equals("arm64");
        String fmas = units + " FMA units (assumed, as for fp32)";
        if (Ceiling.F32.equals(dtype)) {
            return new Rate((double) lanes * units, lanes + " fp32 lanes x " + fmas);
        }
        if (x86) {
            if (Ceiling.INT8.equals(dtype)) {
                if (flags.contains("amx_int8")) {
                    return new Rate((double) AMX_INT8_MACS, "amx_int8: the AMX tile unit, " + AMX_INT8_MACS
                            + " int8 multiply-adds per cycle per core (Intel: 2048 int8 ops per cycle per core)");
                }
                if (flags.contains("avx512_vnni") && flags.contains("avx512f")) {
                    return new Rate(4.0 * lanes * units, "avx512_vnni: vpdpbusd, 4 u8 x s8 products per 32-bit "
                            + "lane x " + lanes + " lanes x " + fmas);
                }
                if (flags.contains("avx_vnni")) {
                    return new Rate(4.0 * 8 * units, "avx_vnni: vpdpbusd at 256 bits, 4 u8 x s8 products per "
                            + "32-bit lane x 8 lanes x " + fmas);
                }
                if (flags.contains("avx2") || flags.contains("avx512bw")) {
                    int w = flags.contains("avx512bw") ? lanes : 8;
                    return new Rate(2.0 * w * units, (flags.contains("avx512bw") ? "avx512bw" : "avx2")
                            + " without VNNI: vpmaddubsw + vpmaddwd, 2 multiplying instructions for 4 u8 x s8 "
                            + "products per 32-bit lane x " + w + " lanes x " + fmas);
                }
                return new Rate(null, "no int8 multiply-add instructions the rule knows (neither VNNI nor avx2)");
            }
            if (Ceiling.BF16.equals(dtype)) {
                if (flags.contains("amx_bf16")) {
                    return new Rate((double) AMX_BF16_MACS, "amx_bf16: the AMX tile unit, " + AMX_BF16_MACS
                            + " bf16 multiply-adds per cycle per core (Intel: 1024 bf16 ops per cycle per core)");
                }
                if (flags.contains("avx512_bf16")) {
                    return new Rate(2.0 * lanes * units, "avx512_bf16: vdpbf16ps, 2 bf16 products per fp32 lane x "
                            + lanes + " lanes x " + fmas);
                }
                return new Rate((double) lanes * units, "no bf16 dot-product instruction: bf16 is widened to fp32 and "
                        + "multiplied by the fp32 FMAs, " + lanes + " lanes x " + fmas);
            }
            if (Ceiling.F16.equals(dtype)) {
                if (flags.contains("avx512_fp16")) {
                    return new Rate(2.0 * lanes * units, "avx512_fp16: vfmadd231ph, 2 f16 lanes per fp32 lane x "
                            + lanes + " lanes x " + fmas);
                }
                return new Rate((double) lanes * units, "no f16 arithmetic (no avx512_fp16 flag): f16 is widened to "
                        + "fp32 and multiplied by the fp32 FMAs, " + lanes + " lanes x " + fmas);
            }
        }
        if (arm64) {
            if (Ceiling.INT8.equals(dtype)) {
                if (flags.contains("i8mm")) {
                    return new Rate(8.0 * lanes * units, "i8mm: smmla/usmmla, 32 int8 multiply-adds per 128-bit "
                            + "instruction (8 per 32-bit lane) x " + lanes + " lanes x " + fmas + ", at the FMA issue "
                            + "rate");
                }
                if (flags.contains("asimddp")) {
                    return new Rate(4.0 * lanes * units, "asimddp: sdot/udot, 4 int8 products per 32-bit lane x "
                            + lanes + " lanes x " + fmas);
                }
                return new Rate(null, "no int8 dot-product instruction (no asimddp flag)");
            }
            if (Ceiling.BF16.equals(dtype)) {
                if (flags.contains("bf16")) {
                    return new Rate(2.0 * lanes * units, "bf16: bfdot, 2 bf16 products per fp32 lane x " + lanes
                            + " lanes x " + fmas + " (bfmmla's 16 per instruction issue at half rate)");
                }
                return new Rate((double) lanes * units, "no bf16 instructions (no bf16 flag): bf16 is widened to fp32 "
                        + "and multiplied by the fp32 FMAs, " + lanes + " lanes x " + fmas);
            }
            if (Ceiling.F16.equals(dtype)) {
                if (flags.contains("asimdhp")) {
                    return new Rate(2.0 * lanes * units, "asimdhp: fmla on 8 f16 lanes per 128-bit instruction (2 per "
                            + "fp32 lane) x " + lanes + " lanes x " + fmas);
                }
                return new Rate((double) lanes * units, "no f16 arithmetic (no asimdhp flag): f16 is widened to fp32 "
                        + "and multiplied by the fp32 FMAs, " + lanes + " lanes x " + fmas);
            }
        }
        return new Rate(null, "no " + dtype + " rule for architecture " + arch);
    }
}
