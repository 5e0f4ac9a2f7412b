package org.opbench.peaks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The theoretical fp32 peak: {@code cores x fp32 lanes x FMA units x 2 flops x MHz}; every factor is recorded with
 * where it came from. {@code gflops} is null (with the reason) where a factor is unknown.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"gflops", "per_core_gflops", "cores", "fp32_lanes", "fma_units", "mhz", "mhz_source", "basis",
        "reason"})
public record Theoretical(Double gflops, Double perCoreGflops, Integer cores, Integer fp32Lanes, Integer fmaUnits,
                          Double mhz, String mhzSource, String basis, String reason) {
    /** The peak of {@code threads} cores (one thread per core), or null where unknown. */
    public Double forThreads(int threads) {
        if (perCoreGflops == null) {
            return null;
        }
        return perCoreGflops * (cores == null ? threads : Math.min(threads, cores));
    }
}
