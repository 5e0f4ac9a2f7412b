package org.opbench.peaks;

import java.util.Locale;
import java.util.Set;

/**
 * The theoretical fp32 peak {@code cores x lanes x FMA units x 2 flops x clock}.
 *
 * <ul>
 *   <li>lanes: fp32 lanes of the widest FMA the flags announce: {@code avx512f} 16, {@code avx2}/{@code fma} 8,
 *       aarch64 {@code asimd} 4 (NEON; an SVE vector length is not in cpuinfo, so SVE is counted as NEON). AMD
 *       family 25 (Zen 3/Zen 4) executes 512-bit operations as two 256-bit halves, so 8 lanes there.</li>
 *   <li>FMA units per core: assumed 2 (true of Intel cores since Haswell except some AVX-512 parts with one 512-bit
 *       unit, of AMD Zen 2 and later, and of Arm Cortex-A76 and later; the little Arm cores have 1). The assumption
 *       is recorded with the figure.</li>
 *   <li>clock: the higher of the maximum from sysfs ({@code cpuinfo_max_freq}) and the {@link EffectiveClock}
 *       measured where it was; else the highest {@code cpu MHz} of
 *       {@code /proc/cpuinfo}, which is the clock when read (a virtual machine reports its nominal clock) and may be
 *       below the boost clock.</li>
 *   <li>cores: physical cores (one thread per core); logical CPUs where the core count is unknown.</li>
 * </ul>
 */
public final class TheoreticalPeak {
    public static final int FMA_UNITS_ASSUMED = 2;

    private TheoreticalPeak() {
    }

    public static Theoretical compute(String arch, CpuFacts cpu, Integer cores, int logicalCpus, Double sysfsMaxMhz) {
        return compute(arch, cpu, cores, logicalCpus, sysfsMaxMhz, null);
    }

    /**
     * As {@link #compute(String, CpuFacts, Integer, int, Double)}, with the clock the higher of sysfs's
     * {@code cpuinfo_max_freq} and the {@link EffectiveClock} measured (issue 22); {@code /proc/cpuinfo}'s
     * {@code cpu MHz} only where neither is known. The source says which clock was used and the others' values.
     */
    public static Theoretical compute(String arch, CpuFacts cpu, Integer cores, int logicalCpus, Double sysfsMaxMhz,
                                      EffectiveClock.Estimate effective) {
        Integer n = cores != null ? cores : logicalCpus > 0 ? Integer.valueOf(logicalCpus) : null;
        Double measured = effective == null ? null : effective.mhz();
        Double mhz = sysfsMaxMhz;
        String mhzSource = "sysfs cpuinfo_max_freq";
        if (measured != null && (mhz == null || measured > mhz)) {
            mhz = measured;
            mhzSource = effective.method() + (sysfsMaxMhz != null ? String.format(Locale.ROOT,
                    "; above sysfs cpuinfo_max_freq %.0f MHz", sysfsMaxMhz) : "") + (cpu.cpuinfoMhz() != null
                    ? String.format(Locale.ROOT, "; /proc/cpuinfo says %.0f MHz", cpu.cpuinfoMhz()) : "");
        } else if (mhz != null && measured != null) {
            mhzSource += String.format(Locale.ROOT, " (effective clock measured %.0f MHz)", measured);
        }
        if (mhz == null) {
            mhz = cpu.cpuinfoMhz();
            mhzSource = "/proc/cpuinfo cpu MHz (the clock when read; may be below the boost clock)"
                    + (effective != null && effective.reason() != null ? "; " + effective.reason() : "");
        }
        if (mhz == null) {
            mhzSource = null;
        }
        Lanes lanes = lanes(arch, cpu.vendor(), cpu.family(), cpu.flags());
        String reason = null;
        if (lanes.count == null) {
            reason = lanes.basis;
        } else if (mhz == null) {
            reason = "the clock is unknown (no cpuinfo_max_freq in sysfs, no cpu MHz in /proc/cpuinfo)";
        } else if (n == null) {
            reason = "the core count is unknown";
        }
        if (reason != null) {
            return new Theoretical(null, null, n, lanes.count, FMA_UNITS_ASSUMED, mhz, mhzSource, lanes.basis, reason);
        }
        double perCore = lanes.count * FMA_UNITS_ASSUMED * 2 * mhz / 1000;
        String basis = lanes.basis + "; " + FMA_UNITS_ASSUMED + " FMA units per core (assumed); 2 flops per FMA lane; "
                + n + (cores != null ? " cores" : " logical CPUs (core count unknown)");
        return new Theoretical(perCore * n, perCore, n, lanes.count, FMA_UNITS_ASSUMED, mhz, mhzSource, basis, null);
    }

    record Lanes(Integer count, String basis) {
    }

    static Lanes lanes(String arch, String vendor, Integer family, Set<String> flags) {
        String a = arch == null ? "" : arch.toLowerCase(Locale.ROOT);
        boolean x86 = a.equals("amd64") || a.equals("x86_64") || a.equals("x86") || a.equals("i386");
        boolean arm64 = a.equals("aarch64") || a.equals("arm64");
        if (x86) {
            if (flags.contains("avx512f")) {
                if ("AuthenticAMD".equals(vendor) && family != null && family == 25) {
                    return new Lanes(8, "avx512f on AMD family 25 (Zen 4: 512-bit FMAs run as two 256-bit halves): "
                            + "8 fp32 lanes");
                }
                return new Lanes(16, "avx512f: 16 fp32 lanes");
            }
            if (flags.contains("fma") || flags.contains("avx2")) {
                return new Lanes(8, (flags.contains("fma") ? "fma" : "avx2") + ": 8 fp32 lanes");
            }
            return new Lanes(null, "no FMA instructions (neither fma nor avx512f flag): the formula assumes FMA units");
        }
        if (arm64) {
            if (flags.contains("asimd")) {
                return new Lanes(4, "asimd (NEON): 4 fp32 lanes" + (flags.contains("sve") ? " (SVE present, its vector "
                        + "length unknown; counted as NEON)" : ""));
            }
            return new Lanes(null, "aarch64 without asimd flag");
        }
        return new Lanes(null, "vector width unknown for architecture " + arch);
    }
}
