package org.opbench.peaks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The theoretical peak of one data type ({@link PrecisionPeak} gives the rule): {@code cores x multiply-adds per
 * cycle per core x 2 ops x MHz}, with the clock and cores of the fp32 {@link Theoretical}. {@code gops} is null
 * (with the reason) where the rule does not know the type's rate on this CPU.
 *
 * @param dtype             {@link Ceiling#F32}, {@link Ceiling#BF16} or {@link Ceiling#INT8}
 * @param gops              all cores, in GFLOPS for f32/bf16 and GOPS for int8 (2 ops per multiply-add)
 * @param perCoreGops       one core
 * @param macsPerCyclePerCore multiply-adds one core can issue per cycle in this type
 * @param vsF32             {@code gops} over the fp32 peak
 * @param basis             the instructions counted and where their rate comes from
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"dtype", "gops", "per_core_gops", "cores", "macs_per_cycle_per_core", "vs_f32", "mhz", "basis",
        "reason"})
public record TheoreticalDtype(String dtype, Double gops, Double perCoreGops, Integer cores,
                               Double macsPerCyclePerCore, Double vsF32, Double mhz, String basis, String reason) {
    /** The peak of {@code threads} cores (one thread per core), or null where unknown. */
    public Double forThreads(int threads) {
        if (perCoreGops == null) {
            return null;
        }
        return perCoreGops * (cores == null ? threads : Math.min(threads, cores));
    }
}
